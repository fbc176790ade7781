package dev.polymaker.trading.orders.live;

import static dev.polymaker.trading.orders.live.ClobOrderGatewayTest.CREDS;
import static dev.polymaker.trading.orders.live.ClobOrderGatewayTest.KEY;
import static dev.polymaker.trading.orders.live.ClobOrderGatewayTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polymaker.polymarket.order.ClobClient;
import dev.polymaker.polymarket.order.ClobClientConfig;
import dev.polymaker.polymarket.order.ClobRateLimits;
import dev.polymaker.polymarket.order.ExchangeVersion;
import dev.polymaker.polymarket.order.OrderBuilder;
import dev.polymaker.polymarket.order.SignatureType;
import dev.polymaker.simulator.clob.ClobCredential;
import dev.polymaker.simulator.clob.ClobHttpServer;
import dev.polymaker.simulator.clob.ClobMarket;
import dev.polymaker.simulator.clob.ClobVenue;
import dev.polymaker.simulator.clob.LadderLiquidity;
import dev.polymaker.trading.config.TradingProperties;
import dev.polymaker.trading.metrics.TradingMetrics;
import dev.polymaker.trading.orders.OrderStatus;
import dev.polymaker.trading.orders.OrderView;
import dev.polymaker.trading.orders.Side;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live gateway under the exchange's rate limits (small simulated buckets), over real HTTP. */
class ClobRateLimitGatewayTest {

    ClobVenue venue;
    ClobHttpServer server;
    ClobClient client;
    ClobOrderGateway gateway;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws Exception {
        LadderLiquidity book = new LadderLiquidity();
        book.setLevel(TOKEN, "SELL", new BigDecimal("0.55"), new BigDecimal("100"));
        venue = new ClobVenue(book, Clock.systemUTC(), Duration.ofSeconds(60));
        venue.listMarket(ClobMarket.ctf(TOKEN, "0xfeed01", "0.01", "5", false));
        venue.registerCredentials(new ClobCredential(KEY.address(), CREDS.apiKey(), CREDS.secret(), CREDS.passphrase()));
        venue.rateLimits(400, 60, 100, 20);
        server = ClobHttpServer.start(venue, "127.0.0.1", 0);
        client = new ClobClient(ClobClientConfig.defaults(server.uri()).withRequestTimeout(Duration.ofSeconds(5))
                .withRetries(3, Duration.ofMillis(10), Duration.ofMillis(20)), KEY, CREDS, Clock.systemUTC());
        // configured as Standard; the venue states its own tier, which wins
        ClobGatewayConfiguration.rateLimits(client, new TradingProperties.RateLimit(), new TradingMetrics(meters));
        ClobGatewayConfiguration.statedTier(client);
        gateway = new ClobOrderGateway(client, new OrderBuilder(KEY, null, SignatureType.EOA, Clock.systemUTC()),
                token -> ExchangeVersion.CTF_V2, new ClobGatewaySettings(Duration.ofMillis(500), Duration.ofMillis(500),
                Duration.ofMinutes(5), Duration.ofSeconds(1), true), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        gateway.close();
        server.close();
    }

    @Test
    void cancellingTwoHundredRestingOrdersGoesInChunksThatFitTheBurst() {
        assertThat(client.rateLimits().tier().cancelBurst()).isEqualTo(20);
        for (int i = 0; i < 200; i++) {
            OrderView v = gateway.place(ClobOrderGatewayTest.gtc(Side.BUY, "0.30", "5"));
            assertThat(v.status()).isEqualTo(OrderStatus.OPEN);
        }
        List<String> cancelled = gateway.cancelAll(List.of(TOKEN));
        assertThat(cancelled).hasSize(200);
        assertThat(venue.rateLimited()).isZero();
        assertThat(venue.orders()).allSatisfy(o -> assertThat(o.status()).isEqualTo("CANCELED"));

        // the budget gauge per bucket and the warnings counter (the cancel bucket ran below 20 %)
        assertThat(meters.get("trading.clob.rate.limit.remaining").tag("bucket", "cancels").gauge().value())
                .isBetween(0.0, 20.0);
        assertThat(meters.get("trading.clob.rate.limit.remaining").tag("bucket", "orders").gauge().value())
                .isBetween(0.0, 60.0);
        assertThat(client.rateLimits().warnings()).isPositive();
        assertThat(meters.get("trading.clob.rate.limit.warnings").functionCounter().count()).isPositive();
    }
}
