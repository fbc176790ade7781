package dev.polymaker.trading.orders.live;

import dev.polymaker.polymarket.order.ClobClient;
import dev.polymaker.polymarket.order.ClobClientConfig;
import dev.polymaker.polymarket.order.ExchangeVersion;
import dev.polymaker.polymarket.order.OrderBuilder;
import dev.polymaker.trading.config.TradingProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Live trading ({@code trading.orders.mode=live}): the {@link ClobOrderGateway} on
 * {@code trading.clob.url}, with the secrets from the {@code POLY_*} environment variables.
 * A missing or malformed secret stops start-up with a report naming the variable.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "trading.orders.mode", havingValue = "live")
public class ClobGatewayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClobGatewayConfiguration.class);

    @Bean(destroyMethod = "close")
    ClobOrderGateway clobOrderGateway(TradingProperties props, Environment env, Clock clock) {
        LiveTradingSecrets secrets = LiveTradingSecrets.from(env::getProperty);
        log.info("live trading on {} as {}", props.getClob().getUrl(), secrets);
        ClobClient client = new ClobClient(ClobClientConfig.defaults(props.getClob().getUrl()), secrets.key(),
                secrets.api(), clock);
        OrderBuilder builder = new OrderBuilder(secrets.key(), secrets.funder(), secrets.signatureType(), clock);
        // Protocol-V2 (ExchangeV3) markets are not told apart yet: every token signs for CTF Exchange V2.
        return new ClobOrderGateway(client, builder, token -> ExchangeVersion.CTF_V2, ClobGatewaySettings.defaults(),
                clock);
    }
}
