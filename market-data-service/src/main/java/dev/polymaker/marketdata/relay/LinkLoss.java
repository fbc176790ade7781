package dev.polymaker.marketdata.relay;

/** Why the broker link is not (or no longer) up; the {@code reason} tag of {@code marketdata_relay_link_losses_total}. */
public enum LinkLoss {

    /** The TCP or STOMP connect failed (broker down, wrong host or port, bad login). */
    CONNECT_FAILED("connect_failed"),
    /** An established connection closed or missed heart-beats (broker stopped or restarted). */
    CONNECTION_LOST("connection_lost"),
    /** The broker sent an ERROR frame. */
    BROKER_ERROR("broker_error"),
    /** Another instance holds this namespace's exclusive queue on the broker. */
    LEASE_HELD("lease_held"),
    /** The broker did not confirm the namespace subscription in time. */
    NO_RECEIPT("no_receipt"),
    /**
     * Nothing we published came back through the namespace queue for the echo timeout while both
     * connections looked up: e.g. the broker closed a STOMP session's channel on its side, after
     * which RabbitMQ keeps the socket and its heart-beats but drops every SEND.
     */
    NO_ECHO("no_echo");

    private final String metricName;

    LinkLoss(String metricName) {
        this.metricName = metricName;
    }

    public String metricName() {
        return metricName;
    }
}
