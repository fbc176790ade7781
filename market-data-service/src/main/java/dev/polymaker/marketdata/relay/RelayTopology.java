package dev.polymaker.marketdata.relay;

/**
 * How ticks travel through an external STOMP broker (docs/architecture.md §3.6, "Relay topology").
 */
public enum RelayTopology {

    /**
     * One exclusive broker queue per service instance, bound to the instance's namespace
     * ({@code <namespace>.#}); what comes back is fanned out to WebSocket clients in-process. The
     * broker's work is independent of the number of consumers and their subscriptions.
     */
    NODE_QUEUE("node-queue"),

    /**
     * Spring's broker relay: one broker connection per client session and one auto-delete queue per
     * {@code /topic/ticks.<id>} subscription (K consumers x N tokens queues). Kept as the measured
     * baseline; not for two instances on one broker (both would publish to the same destinations).
     */
    PER_SUBSCRIPTION("per-subscription");

    private final String configName;

    RelayTopology(String configName) {
        this.configName = configName;
    }

    /** The value of {@code marketdata.relay.topology}. */
    public String configName() {
        return configName;
    }
}
