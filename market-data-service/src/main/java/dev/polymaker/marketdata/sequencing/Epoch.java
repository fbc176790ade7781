package dev.polymaker.marketdata.sequencing;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

/**
 * Identity of one run of one instance: {@code mds-<instance id>-<start millis>}. Consumers reset
 * their per-token sequence when it changes, so a restart never freezes them.
 */
public record Epoch(String value) {

    public static Epoch start(String instanceId, Clock clock) {
        String id = instanceId == null || instanceId.isBlank() ? randomId() : sanitize(instanceId);
        return new Epoch("mds-" + id + "-" + clock.millis());
    }

    private static String randomId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Keeps the epoch a plain token: letters, digits, dot, underscore and dash only. */
    private static String sanitize(String instanceId) {
        String clean = instanceId.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
        return clean.length() > 63 ? clean.substring(0, 63) : clean;
    }

    @Override
    public String toString() {
        return value;
    }
}
