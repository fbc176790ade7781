package dev.polymaker.trading.orders.live;

import dev.polymaker.polymarket.rest.DataApiClient;
import dev.polymaker.trading.positions.ExchangePositions;
import dev.polymaker.trading.positions.HeldPosition;
import dev.polymaker.polymarket.order.ClobClient;
import dev.polymaker.polymarket.order.ClobClientConfig;
import dev.polymaker.polymarket.order.ClobException;
import dev.polymaker.polymarket.order.ClobRateLimits;
import dev.polymaker.trading.metrics.TradingMetrics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import dev.polymaker.polymarket.order.OrderBuilder;
import dev.polymaker.polymarket.rest.GammaMarkets;
import dev.polymaker.trading.config.TradingProperties;
import dev.polymaker.trading.threads.TradingThreads;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Live trading ({@code trading.orders.mode=live}): the {@link ClobOrderGateway} on
 * {@code trading.clob.url}, with the secrets from the {@code POLY_*} environment variables, and
 * each token's exchange (CTF V2 or ExchangeV3) from Gamma at {@code trading.gamma.url}.
 * A missing or malformed secret stops start-up with a report naming the variable.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "trading.orders.mode", havingValue = "live")
public class ClobGatewayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClobGatewayConfiguration.class);
    /** A Gamma lookup blocks the first order of a token; give up well before a strategy's next quote. */
    private static final Duration GAMMA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DATA_API_TIMEOUT = Duration.ofSeconds(10);

    @Bean(destroyMethod = "close")
    ClobOrderGateway clobOrderGateway(TradingProperties props, Environment env, Clock clock, GammaMarkets gamma,
                                      TradingThreads threads, TradingMetrics metrics) {
        LiveTradingSecrets secrets = LiveTradingSecrets.from(env::getProperty);
        log.info("live trading on {} as {}", props.getClob().getUrl(), secrets);
        ClobClient client = new ClobClient(ClobClientConfig.defaults(props.getClob().getUrl()), secrets.key(),
                secrets.api(), clock);
        rateLimits(client, props.getClob().getRateLimit(), metrics);
        // The stated tier is read off the start-up path: an unreachable CLOB must not hold the context up.
        Thread tierReader = new Thread(() -> statedTier(client), "clob-rate-limit-tier");
        tierReader.setDaemon(true);
        tierReader.start();
        OrderBuilder builder = new OrderBuilder(secrets.key(), secrets.funder(), secrets.signatureType(), clock);
        return new ClobOrderGateway(client, builder, new GammaExchangeVersions(gamma::exchangeVersion),
                ClobGatewaySettings.defaults(), clock, threads);
    }

    /**
     * The configured rates ({@code trading.clob.rate-limit.*}) until the CLOB states its tier; the
     * remaining budget and the warnings as meters.
     */
    static void rateLimits(ClobClient client, TradingProperties.RateLimit conf, TradingMetrics metrics) {
        ClobRateLimits limits = client.rateLimits();
        limits.maxWait(conf.getMaxWait());
        limits.maxRetryAfter(conf.getMaxRetryAfter());
        limits.tier(new ClobRateLimits.Tier("configured", conf.getOrdersPerSecond(), conf.getOrderBurst(),
                conf.getCancelsPerSecond(), conf.getCancelBurst()));
        Map<String, DoubleSupplier> remaining = new LinkedHashMap<>();
        for (ClobRateLimits.Bucket b : ClobRateLimits.Bucket.values()) {
            remaining.put(b.name().toLowerCase(Locale.ROOT), () -> limits.lastRemaining(b) >= 0 ? limits.lastRemaining(b)
                    : Math.max(0, limits.available(b)));
        }
        metrics.clobRateLimits(remaining, limits, l -> l.warnings());
    }

    /** {@code GET /v1/user/rate-limit-tier}: the exchange's word replaces the configured rates. */
    static void statedTier(ClobClient client) {
        try {
            client.rateLimitTier().ifPresentOrElse(client.rateLimits()::tier,
                    () -> log.info("the CLOB states no rate-limit tier; using the configured rates"));
        } catch (ClobException e) {
            log.warn("the CLOB's rate-limit tier could not be read ({}); using the configured rates", e.getMessage());
        }
        ClobRateLimits.Tier tier = client.rateLimits().tier();
        log.info("CLOB rate limits ({}): orders {}/s burst {}, cancels {}/s burst {}", tier.name(),
                tier.ordersPerSecond(), tier.orderBurst(), tier.cancelsPerSecond(), tier.cancelBurst());
    }

    /** The account's positions from Polymarket's data API ({@code trading.data-api.url}), for the funder address. */
    @Bean
    ExchangePositions exchangePositions(TradingProperties props, Environment env, DataApiClient dataApi) {
        String funder = LiveTradingSecrets.from(env::getProperty).funder();
        return () -> dataApi.positions(funder).stream()
                .map(p -> new HeldPosition(p.tokenId(), p.size(), p.averagePrice(), p.title(), p.outcome())).toList();
    }

    @Bean(destroyMethod = "close")
    DataApiClient dataApiClient(TradingProperties props) {
        log.info("account positions from the data API at {}", props.getDataApi().getUrl());
        return new DataApiClient(props.getDataApi().getUrl(), DATA_API_TIMEOUT);
    }

    /** Gamma tells which exchange settles each token: protocol-V2 markets sign for ExchangeV3. */
    @Bean(destroyMethod = "close")
    GammaMarkets gammaMarkets(TradingProperties props) {
        log.info("exchange versions from Gamma at {}", props.getGamma().getUrl());
        return new GammaMarkets(props.getGamma().getUrl(), GAMMA_TIMEOUT);
    }
}
