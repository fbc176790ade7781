package dev.polymaker.marketdata.upstream;

import dev.polymaker.marketdata.demand.TokenDemand;
import dev.polymaker.polymarket.upstream.PoolStatus;
import dev.polymaker.polymarket.upstream.TokenState;
import dev.polymaker.polymarket.upstream.TokenStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The pool gives up on a token after a few subscribes without a first book (FAILED) and does
 * not retry it. That is right for an id the exchange does not know, but after an exchange
 * outage (e.g. a frozen server the pool reconnected to) it would leave real tokens dead for
 * good. So a token FAILED for longer than the retry delay is subscribed afresh, with the delay
 * doubling per token up to {@code maxDelay}; the count of retries is logged.
 */
public final class FailedTokenRetry {

    private static final Logger log = LoggerFactory.getLogger(FailedTokenRetry.class);

    private final TokenDemand demand;
    private final Clock clock;
    private final long initialDelayMs;
    private final long maxDelayMs;
    private final Map<String, Long> delays = new HashMap<>();

    public FailedTokenRetry(TokenDemand demand, Clock clock, Duration initialDelay, Duration maxDelay) {
        this.demand = demand;
        this.clock = clock;
        this.initialDelayMs = initialDelay.toMillis();
        this.maxDelayMs = Math.max(initialDelay.toMillis(), maxDelay.toMillis());
    }

    /** Resubscribes the FAILED tokens of {@code status} whose delay is over; forgets tokens that recovered. */
    public synchronized void check(PoolStatus status) {
        long now = clock.millis();
        Set<String> due = new LinkedHashSet<>();
        for (TokenStatus token : status.tokens().values()) {
            if (token.state() != TokenState.FAILED) {
                if (token.state() == TokenState.LIVE) {
                    delays.remove(token.tokenId());
                }
                continue;
            }
            long delay = delays.getOrDefault(token.tokenId(), initialDelayMs);
            if (now - token.stateSince() >= delay) {
                due.add(token.tokenId());
                delays.put(token.tokenId(), Math.min(maxDelayMs, delay * 2));
            }
        }
        delays.keySet().retainAll(status.tokens().keySet());
        if (!due.isEmpty()) {
            int resubscribed = demand.resubscribe(due);
            log.warn("resubscribing {} token(s) that FAILED to get a first book (the exchange may have been down)",
                    resubscribed);
        }
    }
}
