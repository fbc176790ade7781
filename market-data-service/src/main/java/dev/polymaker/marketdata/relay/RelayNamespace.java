package dev.polymaker.marketdata.relay;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One service instance's destinations on the broker (node-queue topology): ticks are published in
 * batches to {@code /topic/<namespace>.tick-batch} and feed status to
 * {@code /topic/<namespace>.feed-status} (RabbitMQ: routing keys on {@code amq.topic}), and the instance consumes
 * {@code <namespace>.#} through one exclusive queue, {@code polymaker.mds.<namespace>}, which is also
 * the broker-held lease on the namespace: a second holder is refused with {@code resource_locked}.
 */
public record RelayNamespace(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final String TOPIC = "/topic/";

    public RelayNamespace {
        if (!isValid(value)) {
            throw new IllegalArgumentException("relay namespace '" + value + "': use 1-40 of a-z, 0-9, '-'");
        }
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    /** {@code /topic/ticks.7} → {@code /topic/<ns>.ticks.7}. */
    public String toBroker(String localDestination) {
        if (!localDestination.startsWith(TOPIC)) {
            throw new IllegalArgumentException("not a /topic destination: " + localDestination);
        }
        return TOPIC + value + "." + localDestination.substring(TOPIC.length());
    }

    /** {@code /topic/<ns>.ticks.7} → {@code /topic/ticks.7}; empty for anything outside this namespace. */
    public Optional<String> toLocal(String brokerDestination) {
        String prefix = TOPIC + value + ".";
        if (brokerDestination == null || !brokerDestination.startsWith(prefix)
                || brokerDestination.length() == prefix.length()) {
            return Optional.empty();
        }
        return Optional.of(TOPIC + brokerDestination.substring(prefix.length()));
    }

    /** Where ticks are published, several per message (newline-delimited tick JSON). */
    public String tickBatches() {
        return TOPIC + value + ".tick-batch";
    }

    /** What the instance subscribes to: every destination of its namespace. */
    public String subscription() {
        return TOPIC + value + ".#";
    }

    /** The instance's exclusive queue: its lease on the namespace. */
    public String queue() {
        return "polymaker.mds." + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
