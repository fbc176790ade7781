package dev.polymaker.polymarket.order;

import static dev.polymaker.polymarket.order.ClobClientSimulatorTest.CREDS;
import static dev.polymaker.polymarket.order.ClobClientSimulatorTest.KEY;
import static dev.polymaker.polymarket.order.ClobClientSimulatorTest.RULES;
import static dev.polymaker.polymarket.order.ClobClientSimulatorTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polymaker.simulator.clob.ClobCredential;
import dev.polymaker.simulator.clob.ClobHttpServer;
import dev.polymaker.simulator.clob.ClobMarket;
import dev.polymaker.simulator.clob.ClobVenue;
import dev.polymaker.simulator.clob.LadderLiquidity;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exchange's order and cancel rate limits, over real HTTP against the simulated CLOB's buckets. */
class ClobRateLimitSimulatorTest {

    ClobVenue venue;
    ClobHttpServer server;
    ClobClient client;
    OrderBuilder builder;
    final AtomicLong salts = new AtomicLong(5000);
    final ConcurrentLinkedQueue<Duration> sleeps = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() throws Exception {
        LadderLiquidity book = new LadderLiquidity();
        book.setLevel(TOKEN, "SELL", new BigDecimal("0.55"), new BigDecimal("100"));
        book.setLevel(TOKEN, "BUY", new BigDecimal("0.45"), new BigDecimal("100"));
        venue = new ClobVenue(book, Clock.systemUTC(), Duration.ofSeconds(60));
        venue.listMarket(ClobMarket.ctf(TOKEN, "0xc0ffee01", "0.01", "5", false));
        venue.registerCredentials(new ClobCredential(KEY.address(), CREDS.apiKey(), CREDS.secret(), CREDS.passphrase()));
        server = ClobHttpServer.start(venue, "127.0.0.1", 0);
        ClobClientConfig config = ClobClientConfig.defaults(server.uri()).withRequestTimeout(Duration.ofSeconds(5))
                .withRetries(4, Duration.ofMillis(10), Duration.ofMillis(50));
        client = new ClobClient(config, KEY, CREDS, Clock.systemUTC(), d -> {
            sleeps.add(d);
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        });
        builder = new OrderBuilder(KEY, null, SignatureType.EOA, Clock.systemUTC(), salts::incrementAndGet);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    OrderPost restingBuy() {
        return builder.limit(TOKEN, OrderSide.BUY, new BigDecimal("0.30"), new BigDecimal("5"), RULES,
                ClobOrderType.GTC, false, 0);
    }

    @Test
    void theTierComesFromTheVenueWhenItAnswers() {
        assertThat(client.rateLimitTier()).isEmpty(); // limits off: the venue does not answer, configuration stays
        venue.rateLimits(20, 10, 100, 20);
        ClobRateLimits.Tier tier = client.rateLimitTier().orElseThrow();
        assertThat(tier).isEqualTo(new ClobRateLimits.Tier("simulated", 20, 10, 100, 20));
    }

    @Test
    void aBurstOfFiftyPlacementsWaitsForTokensInsteadOfEarning429s() throws Exception {
        venue.rateLimits(20, 10, 100, 20);
        client.rateLimits().tier(client.rateLimitTier().orElseThrow());
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<OrderPlacement>> placed = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                OrderPost post = restingBuy();
                placed.add(pool.submit(() -> client.post(post)));
            }
            for (Future<OrderPlacement> f : placed) {
                assertThat(f.get().success()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(venue.ordersAccepted()).isEqualTo(50);
        assertThat(venue.rateLimited()).isLessThanOrEqualTo(2);
        // the venue warned as the bucket ran low, and said what was left
        assertThat(client.rateLimits().warnings()).isPositive();
        assertThat(client.rateLimits().lastRemaining(ClobRateLimits.Bucket.ORDERS)).isBetween(0L, 10L);
    }

    @Test
    void aCallThatCannotGetTokensInTimeIsRefusedLocallyAndNeverSent() {
        venue.rateLimits(1, 2, 100, 20);
        client.rateLimits().tier(new ClobRateLimits.Tier("test", 1, 2, 100, 20));
        client.rateLimits().maxWait(Duration.ofMillis(100));
        client.post(restingBuy());
        client.post(restingBuy());
        assertThatThrownBy(() -> client.post(restingBuy())).isInstanceOfSatisfying(ClobException.RateLimited.class, e -> {
            assertThat(e.local()).isTrue();
            assertThat(e.retryable()).isFalse();
            assertThat(e.retryAfter()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(e.getMessage()).contains("refused locally", "order budget exhausted");
        });
        assertThat(venue.ordersAccepted()).isEqualTo(2);
        assertThat(venue.rateLimited()).isZero();
        assertThat(client.rateLimits().refusals()).isEqualTo(1);
    }

    @Test
    void a429WithRetryAfterOneIsWaitedOutAndTheCallThenSucceeds() {
        // the client believes in the Standard tier; the venue allows one order a second
        venue.rateLimits(1, 1, 100, 20);
        client.post(restingBuy());
        long start = System.nanoTime();
        OrderPlacement second = client.post(restingBuy());
        assertThat(second.success()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(sleeps).contains(Duration.ofSeconds(1));
        assertThat(venue.rateLimited()).isEqualTo(1);
        assertThat(venue.ordersAccepted()).isEqualTo(2);
    }

    @Test
    void aRetryAfterBeyondTheBoundFailsAtOnceCarryingTheRetryTime() {
        venue.rateLimits(0.05, 1, 100, 20); // the second order's token comes in 20 s
        client.post(restingBuy());
        assertThatThrownBy(() -> client.post(restingBuy())).isInstanceOfSatisfying(ClobException.RateLimited.class, e -> {
            assertThat(e.local()).isFalse();
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        });
        assertThat(venue.rateLimited()).isEqualTo(1);
        // only the local bucket's short wait (the venue had said 0 remaining), never the 20 s
        assertThat(sleeps).allSatisfy(d -> assertThat(d).isLessThan(Duration.ofMillis(100)));
    }

    @Test
    void aCancelOf200RestingOrdersCompletesInChunksThatFitTheBurst() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(client.post(restingBuy()).orderId());
        }
        venue.rateLimits(40, 60, 100, 20);
        client.rateLimits().tier(client.rateLimitTier().orElseThrow());
        CancelResult half = client.cancel(ids.subList(0, 100));
        assertThat(half.canceled()).hasSize(100);
        // cancel-all of 100 would cost 101 > burst 20: it goes by id in chunks, then cancel-all for the rest
        CancelResult rest = client.cancelAll();
        assertThat(rest.canceled()).hasSize(100);
        assertThat(venue.rateLimited()).isZero();
        assertThat(venue.orders()).allSatisfy(o -> assertThat(o.status()).isEqualTo("CANCELED"));
    }

    @Test
    void aBatchCostingMoreThanTheBurstIsSplit() {
        venue.rateLimits(100, 4, 100, 20);
        client.rateLimits().tier(client.rateLimitTier().orElseThrow());
        List<OrderPost> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            posts.add(restingBuy());
        }
        assertThat(client.postBatch(posts)).hasSize(10).allSatisfy(p -> assertThat(p.success()).isTrue());
        assertThat(venue.rateLimited()).isZero();
    }
}
