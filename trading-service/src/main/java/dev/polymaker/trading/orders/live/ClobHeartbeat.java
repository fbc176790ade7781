package dev.polymaker.trading.orders.live;

import dev.polymaker.polymarket.order.ClobClient;
import dev.polymaker.polymarket.order.ClobException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLOB's dead-man switch: one heartbeat per run from our first resting order on (Polymarket
 * cancels every order ~15 s after the last good one). A session, once begun, is kept beating even
 * while nothing rests: the exchange keeps timing it, so a pause would let an order placed late in
 * the pause be cancelled before the next beat (polymarket-protocol.md §5.6: once called, keep
 * calling). Runs on the {@code clob-heartbeat} thread.
 */
final class ClobHeartbeat implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ClobHeartbeat.class);

    private final ClobClient client;
    private final BooleanSupplier anyResting;
    private final VenueHealth health;
    private final HeartbeatGate gate;
    private final LongSupplier clock;
    private final Runnable onRecovered;
    private String heartbeatId;
    private int failures;

    /**
     * @param gate        told of every beat, so new orders are refused while heartbeats fail
     * @param onRecovered after a spell of failures: what the exchange cancelled meanwhile is reconciled
     */
    ClobHeartbeat(ClobClient client, BooleanSupplier anyResting, VenueHealth health, HeartbeatGate gate,
                  LongSupplier clock, Runnable onRecovered) {
        this.client = client;
        this.anyResting = anyResting;
        this.health = health;
        this.gate = gate;
        this.clock = clock;
        this.onRecovered = onRecovered;
    }

    @Override
    public void run() {
        try {
            beat();
        } catch (RuntimeException e) {
            log.error("heartbeat task failed", e);
        }
    }

    /**
     * Sends one heartbeat while a session runs or any order rests. Only without either (nothing begun,
     * or the exchange ended the session and nothing rests) is there nothing to keep alive.
     */
    void beat() {
        if (heartbeatId == null && !anyResting.getAsBoolean()) {
            health.heartbeatOk(true);
            gate.idle();
            return;
        }
        try {
            heartbeatId = client.heartbeat(heartbeatId);
            if (failures > 0) {
                log.info("heartbeat recovered after {} failures; reconciling what the exchange may have cancelled",
                        failures);
            }
            failures = 0;
            health.heartbeatOk(true);
            health.answered();
            if (gate.succeeded(clock.getAsLong())) {
                onRecovered.run();
            }
        } catch (ClobException e) {
            health.trouble(e);
            failures++;
            gate.failed(clock.getAsLong());
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
