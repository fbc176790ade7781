package dev.polymaker.trading.orders.live;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of {@link ClobOrderGateway}: heartbeat every {@code heartbeatInterval} while orders rest
 * (Polymarket cancels everything 10 s + 5 s after the last one), trade/open-order polling every
 * {@code pollInterval}, lifetime of GTD orders, how long an order whose placement answer was lost
 * is searched for, and whether closing cancels what still rests.
 */
public record ClobGatewaySettings(Duration heartbeatInterval, Duration pollInterval, Duration gtdLifetime,
                                  Duration pendingGiveUp, boolean cancelOnClose) {

    public ClobGatewaySettings {
        requirePositive(heartbeatInterval, "heartbeatInterval");
        requirePositive(pollInterval, "pollInterval");
        requirePositive(gtdLifetime, "gtdLifetime");
        requirePositive(pendingGiveUp, "pendingGiveUp");
    }

    public static ClobGatewaySettings defaults() {
        return new ClobGatewaySettings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(10),
                Duration.ofMinutes(2), true);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
