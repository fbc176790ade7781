package dev.polymaker.trading.config;

import dev.polymaker.trading.positions.ExchangePositions;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.trading.metrics.TradingMetrics;
import dev.polymaker.trading.orders.OrderGateway;
import dev.polymaker.trading.orders.Portfolio;
import dev.polymaker.trading.orders.paper.PaperOrderGateway;
import dev.polymaker.trading.threads.TradingThreads;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.function.Consumer;

/** Spring wiring at the edge: properties in, one {@link TradingSystem} out. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TradingProperties.class)
public class TradingConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Portfolio portfolio() {
        return new Portfolio();
    }

    @Bean
    @ConditionalOnProperty(name = "trading.orders.mode", havingValue = "paper", matchIfMissing = true)
    PaperOrderGateway paperOrderGateway(Portfolio portfolio, Clock clock) {
        return new PaperOrderGateway(portfolio, clock::millis);
    }

    /** Every thread of the service; closed after the beans that use them. */
    @Bean(destroyMethod = "close")
    TradingThreads tradingThreads() {
        return new TradingThreads();
    }

    @Bean
    TradingMetrics tradingMetrics(MeterRegistry meters) {
        return new TradingMetrics(meters);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    TradingSystem tradingSystem(TradingProperties props, ObjectProvider<OrderGateway> gateways, Portfolio portfolio,
                                TradingMetrics metrics, TradingThreads threads, Clock clock,
                                ObjectProvider<ExchangePositions> exchangePositions) {
        OrderGateway gateway = gateways.getIfAvailable();
        boolean paper = gateway instanceof PaperOrderGateway;
        TradingConfigCheck.check(props, gateway != null && !paper);
        if (gateway == null) {
            throw new InvalidTradingConfigException("trading.orders.mode", props.getOrders().getMode(),
                    "no order gateway is available for this mode", "use trading.orders.mode=paper");
        }
        Consumer<Tick> market = paper ? ((PaperOrderGateway) gateway)::onMarket : tick -> { };
        return new TradingSystem(props, gateway, portfolio, market, paper, metrics, threads, clock,
                paper ? null : exchangePositions.getIfAvailable());
    }
}
