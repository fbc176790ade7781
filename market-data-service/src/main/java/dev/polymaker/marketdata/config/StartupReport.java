package dev.polymaker.marketdata.config;

import dev.polymaker.marketdata.demand.TokenDemand;
import dev.polymaker.marketdata.sequencing.Epoch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/** Logs the one start-up line that says where the data comes from and where it goes (secrets never shown). */
public final class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final MarketDataProperties props;
    private final Epoch epoch;
    private final TokenDemand demand;

    public StartupReport(MarketDataProperties props, Epoch epoch, TokenDemand demand) {
        this.props = props;
        this.epoch = epoch;
        this.demand = demand;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        MarketDataProperties.Relay relay = props.getRelay();
        String broker = relay.isEnabled() ? "STOMP relay to " + relay.getHost() + ":" + relay.getPort() : "simple broker";
        log.info("market-data-service epoch {}: upstream {} (max {} tokens/socket), {}, {} tokens at start "
                        + "({} configured, token file {}), max {} tokens, STOMP auth {}, admin API {}",
                epoch, props.getUpstream().getUrl(), props.getUpstream().getMaxTokensPerSocket(), broker, demand.size(),
                props.getTokens().size(), props.getTokenFile() == null ? "none" : props.getTokenFile(),
                props.getMaxTokens(), isSet(props.getStomp().getAuthToken()) ? "on" : "off",
                isSet(props.getAdmin().getToken()) ? "on" : "off (no marketdata.admin.token)");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }
}
