package dev.polymaker.marketdata.upstream;

import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import dev.polymaker.polymarket.upstream.PoolStatus;
import dev.polymaker.polymarket.upstream.TokenState;
import dev.polymaker.polymarket.upstream.TokenStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntSupplier;

/** Logs one INFO line a minute: upstream verdict, sockets, tokens per state, ticks published, STOMP sessions. */
public final class MinuteSummary implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(MinuteSummary.class);

    private final UpstreamMonitor monitor;
    private final MarketDataMetrics metrics;
    private final IntSupplier sessions;
    private long lastTicks;
    private long lastDropped;

    public MinuteSummary(UpstreamMonitor monitor, MarketDataMetrics metrics, IntSupplier sessions) {
        this.monitor = monitor;
        this.metrics = metrics;
        this.sessions = sessions;
    }

    @Override
    public synchronized void run() {
        try {
            PoolStatus status = monitor.latest();
            UpstreamVerdict verdict = monitor.verdict(status);
            Map<TokenState, Integer> states = new EnumMap<>(TokenState.class);
            for (TokenStatus token : status.tokens().values()) {
                states.merge(token.state(), 1, Integer::sum);
            }
            long ticks = metrics.ticksPublishedTotal();
            long dropped = metrics.ticksDroppedTotal();
            log.info("summary: upstream {} ({}/{} sockets connected, last data {} ms ago), {} tokens {}, "
                            + "{} ticks published in the last minute ({} total, {} dropped), {} STOMP sessions",
                    verdict.health(), verdict.socketsConnected(), verdict.sockets(), verdict.lastDataAgeMs(),
                    status.tokens().size(), states, ticks - lastTicks, ticks, dropped - lastDropped, sessions.getAsInt());
            lastTicks = ticks;
            lastDropped = dropped;
        } catch (RuntimeException e) {
            log.error("could not write the minute summary: {}", e.toString(), e);
        }
    }
}
