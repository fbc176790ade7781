package dev.polymaker.marketdata.relay;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.fanout.TickFanOut;
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
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What comes back from the broker (node-queue topology) goes to this instance's WebSocket clients:
 * ticks straight to the sessions subscribed to their token ({@link TickFanOut}, as with the
 * embedded broker: serialised once, conflated per subscription), everything else (feed status)
 * through the in-process broker, which holds the subscriptions. Only this instance's own epoch is
 * passed on: a message of another epoch on our namespace (a second instance misconfigured with the
 * same namespace, or a previous run's leftovers) is dropped, counted and logged, so a destination
 * never interleaves two epochs. Also reports the link's state to {@link BrokerAvailability} and the
 * metrics, and keeps each token's latest delivered tick for new subscribers (docs/architecture.md §3.6).
 */
public final class RelayReceiver {

    private static final Logger log = LoggerFactory.getLogger(RelayReceiver.class);

    /** A tick as it came back through the broker: its token and seq, read from its JSON, and the JSON. */
    public record RelayedTick(String tokenId, long seq, byte[] json) {
    }

    private final String epoch;
    private final RelayNamespace namespace;
    private final JsonMapper json;
    private volatile SimpMessageSendingOperations localBroker;
    private volatile TickFanOut fanOut;
    private final BrokerAvailability availability;
    private final MarketDataMetrics metrics;
    private final RepeatedCondition foreign;
    private final RepeatedCondition undeliverable;
    private final ConcurrentHashMap<String, RelayedTick> lastDelivered = new ConcurrentHashMap<>();

    public RelayReceiver(String epoch, RelayNamespace namespace, JsonMapper json,
                         BrokerAvailability availability, MarketDataMetrics metrics, Clock clock) {
        this.epoch = epoch;
        this.namespace = namespace;
        this.json = json;
        this.availability = availability;
        this.metrics = metrics;
        this.foreign = new RepeatedCondition(log, Level.ERROR, clock, Duration.ofSeconds(10));
        this.undeliverable = new RepeatedCondition(log, Level.ERROR, clock, Duration.ofSeconds(10));
    }

    /**
     * Where to deliver, handed over at start: the local broker belongs to the broker configuration,
     * which is built from the replay interceptor that reads this receiver. Until then nothing is delivered.
     */
    public void deliverTo(SimpMessageSendingOperations localBroker, TickFanOut fanOut) {
        this.fanOut = fanOut;
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
        if (destination.equals(namespace.tickBatches())) {
            batch(payload);
        } else if (Destinations.tickToken(local.get()).isPresent()) {
            metrics.relayForeignMessage();
            foreign.record("relay: dropped a single tick on " + destination + ": this instance publishes ticks to "
                    + namespace.tickBatches() + " only");
        } else {
            toLocalBroker(local.get(), payload);
        }
    }

    /** One tick per line, in the order they were published. */
    private void batch(byte[] body) {
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                if (i > start) {
                    tick(Arrays.copyOfRange(body, start, i));
                }
                start = i + 1;
            }
        }
    }

    private void tick(byte[] tickJson) {
        RelayedTick tick = read(tickJson);
        if (tick == null) {
            metrics.relayForeignMessage();
            foreign.record("relay: dropped a line of a tick batch without a token id and seq (" + tickJson.length
                    + " bytes) on namespace " + namespace);
            return;
        }
        lastDelivered.put(tick.tokenId(), tick);
        TickFanOut sessions = fanOut;
        if (sessions == null) {
            metrics.tickDropped();
            undeliverable.record("relay: a tick of " + tick.tokenId() + " arrived before delivery was handed over");
            return;
        }
        sessions.deliverRelayed(tick.tokenId(), tick.seq(), tickJson);
    }

    /** The tick's top-level {@code tokenId} and {@code seq}, read without building the tick; null when not both there. */
    private RelayedTick read(byte[] tickJson) {
        try (JsonParser parser = json.createParser(tickJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String tokenId = null;
            long seq = -1;
            for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("tokenId".equals(name) && value == JsonToken.VALUE_STRING) {
                    tokenId = parser.getString();
                } else if ("seq".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                    seq = parser.getLongValue();
                } else {
                    parser.skipChildren();
                }
                if (tokenId != null && seq >= 0) {
                    return Destinations.isValidTokenId(tokenId) ? new RelayedTick(tokenId, seq, tickJson) : null;
                }
            }
            return null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private void toLocalBroker(String destination, byte[] payload) {
        SimpMessageSendingOperations broker = localBroker;
        if (broker == null) {
            metrics.relayFeedStatusDropped(); // feed status is all that goes this way
            undeliverable.record("relay: a message for " + destination + " arrived before the local broker was handed over");
            return;
        }
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setLeaveMutable(true);
        try {
            broker.send(destination, MessageBuilder.createMessage(payload, headers.getMessageHeaders()));
        } catch (RuntimeException e) {
            metrics.relayFeedStatusDropped();
            undeliverable.record("relay: could not hand a message for " + destination + " to the local broker: " + e);
        }
    }

    /** The latest tick of a token that came back through the broker, for a new subscriber. */
    public Optional<RelayedTick> lastDelivered(String tokenId) {
        return Optional.ofNullable(lastDelivered.get(tokenId));
    }
}
