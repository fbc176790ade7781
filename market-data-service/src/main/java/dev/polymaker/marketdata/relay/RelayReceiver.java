package dev.polymaker.marketdata.relay;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import dev.polymaker.marketdata.stomp.BrokerAvailability;
import dev.polymaker.support.RepeatedCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What comes back from the broker (node-queue topology) goes to this instance's WebSocket clients
 * through the in-process broker, which holds their subscriptions. Only this instance's own epoch is
 * passed on: a message of another epoch on our namespace (a second instance misconfigured with the
 * same namespace, or a previous run's leftovers) is dropped, counted and logged, so a destination
 * never interleaves two epochs. Also reports the link's state to {@link BrokerAvailability} and the
 * metrics, and keeps each token's latest delivered tick for new subscribers.
 */
public final class RelayReceiver {

    private static final Logger log = LoggerFactory.getLogger(RelayReceiver.class);

    private final String epoch;
    private final RelayNamespace namespace;
    private volatile SimpMessageSendingOperations localBroker;
    private final BrokerAvailability availability;
    private final MarketDataMetrics metrics;
    private final RepeatedCondition foreign;
    private final RepeatedCondition undeliverable;
    private final ConcurrentHashMap<String, byte[]> lastDelivered = new ConcurrentHashMap<>();

    public RelayReceiver(String epoch, RelayNamespace namespace,
                         BrokerAvailability availability, MarketDataMetrics metrics, Clock clock) {
        this.epoch = epoch;
        this.namespace = namespace;
        this.availability = availability;
        this.metrics = metrics;
        this.foreign = new RepeatedCondition(log, Level.ERROR, clock, Duration.ofSeconds(10));
        this.undeliverable = new RepeatedCondition(log, Level.ERROR, clock, Duration.ofSeconds(10));
    }

    /**
     * The local broker, handed over at start: it belongs to the broker configuration, which is built
     * from the replay interceptor that reads this receiver. Until then nothing is delivered.
     */
    public void deliverTo(SimpMessageSendingOperations localBroker) {
        this.localBroker = localBroker;
    }

    public void up() {
        metrics.relayConnected(true);
        availability.linkUp();
    }

    public void down(LinkLoss loss, String detail) {
        metrics.relayConnected(false);
        metrics.relayLinkLoss(loss.metricName());
        availability.linkDown(loss.metricName() + ": " + detail);
    }

    public void message(String destination, String messageEpoch, byte[] payload) {
        Optional<String> local = namespace.toLocal(destination);
        if (local.isEmpty() || !epoch.equals(messageEpoch)) {
            metrics.relayForeignMessage();
            foreign.record("relay: dropped a message of epoch " + messageEpoch + " on " + destination
                    + " (ours: " + epoch + " on namespace " + namespace + "): is another instance using namespace '"
                    + namespace + "'?");
            return;
        }
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setLeaveMutable(true);
        Destinations.tickToken(local.get()).ifPresent(token -> lastDelivered.put(token, payload));
        SimpMessageSendingOperations broker = localBroker;
        if (broker == null) {
            metrics.tickDropped();
            undeliverable.record("relay: a message for " + local.get() + " arrived before the local broker was handed over");
            return;
        }
        try {
            broker.send(local.get(), MessageBuilder.createMessage(payload, headers.getMessageHeaders()));
        } catch (RuntimeException e) {
            metrics.tickDropped();
            undeliverable.record("relay: could not hand a message for " + local.get() + " to the local broker: " + e);
        }
    }

    /** The latest tick of a token that came back through the broker (JSON), for a new subscriber. */
    public Optional<byte[]> lastDelivered(String tokenId) {
        return Optional.ofNullable(lastDelivered.get(tokenId));
    }
}
