package dev.polymaker.trading.orders.live;

import dev.polymaker.polymarket.order.ClobException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the CLOB serves us: geoblock and refused credentials (no order can succeed), failing
 * heartbeats and failing polls (degraded), and the gateway closed. Thread-safe.
 */
final class VenueHealth {

    private static final Logger log = LoggerFactory.getLogger(VenueHealth.class);

    private volatile boolean geoblocked;
    private volatile boolean unauthorized;
    private volatile boolean heartbeatOk = true;
    private volatile boolean pollOk = true;
    private volatile boolean closed;

    /** Any authenticated call that succeeded proves we are neither geoblocked nor refused. */
    void answered() {
        if (geoblocked || unauthorized) {
            log.info("the CLOB accepts our calls again");
        }
        geoblocked = false;
        unauthorized = false;
    }

    /** Notes a failed call; only a geoblock or refused credentials change what the venue accepts. */
    void trouble(ClobException e) {
        if (e instanceof ClobException.Geoblocked) {
            if (!geoblocked) {
                log.error("the CLOB geoblocks this location: {}", e.getMessage());
            }
            geoblocked = true;
        } else if (e instanceof ClobException.Unauthorized) {
            if (!unauthorized) {
                log.error("the CLOB refuses our API credentials: {}", e.getMessage());
            }
            unauthorized = true;
        }
    }

    void heartbeatOk(boolean ok) {
        heartbeatOk = ok;
    }

    void pollOk(boolean ok) {
        pollOk = ok;
    }

    void closed() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    boolean healthy() {
        return !closed && !geoblocked && !unauthorized && heartbeatOk && pollOk;
    }

    boolean acceptsOrders() {
        return !closed && !geoblocked && !unauthorized;
    }

    String reason() {
        if (closed) {
            return "closed";
        }
        if (geoblocked) {
            return "geoblocked: the CLOB refuses this network location";
        }
        if (unauthorized) {
            return "the CLOB refuses the API credentials";
        }
        if (!heartbeatOk) {
            return "heartbeats failing: the exchange may cancel every resting order";
        }
        if (!pollOk) {
            return "cannot read trades and open orders";
        }
        return "ok";
    }
}
