package dev.polymaker.trading.orders.live;

import dev.polymaker.polymarket.rest.DataApiClient;
import dev.polymaker.trading.positions.ExchangePositions;
import dev.polymaker.trading.positions.HeldPosition;
import dev.polymaker.polymarket.order.ClobClient;
import dev.polymaker.polymarket.order.ClobClientConfig;
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
                                      TradingThreads threads) {
        LiveTradingSecrets secrets = LiveTradingSecrets.from(env::getProperty);
        log.info("live trading on {} as {}", props.getClob().getUrl(), secrets);
        ClobClient client = new ClobClient(ClobClientConfig.defaults(props.getClob().getUrl()), secrets.key(),
                secrets.api(), clock);
        OrderBuilder builder = new OrderBuilder(secrets.key(), secrets.funder(), secrets.signatureType(), clock);
        return new ClobOrderGateway(client, builder, new GammaExchangeVersions(gamma::exchangeVersion),
                ClobGatewaySettings.defaults(), clock, threads);
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
