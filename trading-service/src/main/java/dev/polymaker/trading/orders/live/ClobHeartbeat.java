package dev.polymaker.trading.orders.live;

import dev.polymaker.polymarket.order.ClobClient;
import dev.polymaker.polymarket.order.ClobException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLOB's dead-man switch: one heartbeat per run while any of our orders rests (Polymarket
 * cancels every order ~15 s after the last good one). Runs on the {@code clob-heartbeat} thread.
 */
final class ClobHeartbeat implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ClobHeartbeat.class);

    private final ClobClient client;
    private final BooleanSupplier anyResting;
    private final VenueHealth health;
    private String heartbeatId;
    private int failures;

    ClobHeartbeat(ClobClient client, BooleanSupplier anyResting, VenueHealth health) {
        this.client = client;
        this.anyResting = anyResting;
        this.health = health;
    }

    @Override
    public void run() {
        try {
            beat();
        } catch (RuntimeException e) {
            log.error("heartbeat task failed", e);
        }
    }

    /** Sends one heartbeat while any order rests; stops (and forgets the session) when none does. */
    void beat() {
        if (!anyResting.getAsBoolean()) {
            heartbeatId = null;
            health.heartbeatOk(true);
            return;
        }
        try {
            heartbeatId = client.heartbeat(heartbeatId);
            if (failures > 0) {
                log.info("heartbeat recovered after {} failures", failures);
            }
            failures = 0;
            health.heartbeatOk(true);
            health.answered();
        } catch (ClobException e) {
            health.trouble(e);
            failures++;
            health.heartbeatOk(false);
            if (e instanceof ClobException.Rejected) {
                heartbeatId = null; // the session is gone: start a new one next time
            }
            if (failures == 1 || failures % 10 == 0) {
                log.error("heartbeat failed ({} in a row): {}; the exchange cancels every order ~15 s after the last"
                        + " good one", failures, e.getMessage());
            }
        }
    }
}
