package dev.polymaker.simulator.ws;

import dev.polymaker.simulator.book.BookEvent;
import dev.polymaker.simulator.book.Exchange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polymarket's market-channel rules for client frames (protocol doc §1.2-1.6): the first frame must be a
 * {"type":"market","assets_ids":[...]} subscribe (anything else, PING included, is closed with 1008), a second
 * type:"market" frame gets INVALID OPERATION, operation subscribe/unsubscribe change the set, PING gets PONG.
 */
final class SubscriptionProtocol {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionProtocol.class);
    static final String INVALID_SUBSCRIPTION = "invalid subscription payload";
    static final String INVALID_OPERATION = "INVALID OPERATION";

    private final ObjectMapper json = JsonMapper.builder().build();
    private final Exchange exchange;
    private final SubscriptionIndex index;
    private final FrameDispatcher dispatcher;
    private final Clock clock;

    SubscriptionProtocol(Exchange exchange, SubscriptionIndex index, FrameDispatcher dispatcher,
                         Clock clock) {
        this.exchange = exchange;
        this.index = index;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    void onBinary(ClientConnection connection) {
        if (!connection.subscribed()) {
            closeInvalid(connection, "binary frame");
        } else {
            reply(connection, INVALID_OPERATION);
        }
    }

    void onText(ClientConnection connection, String text) {
        if ("PING".equals(text)) {
            if (connection.subscribed()) {
                connection.pinged(clock.millis());
                reply(connection, "PONG");
            } else {
                closeInvalid(connection, "PING before subscribe");
            }
            return;
        }
        JsonNode frame = parse(text);
        if (frame == null || !frame.isObject()) {
            if (connection.subscribed()) {
                reply(connection, INVALID_OPERATION);
            } else {
                closeInvalid(connection, "not a JSON object");
            }
            return;
        }
        String type = stringField(frame, "type");
        String operation = stringField(frame, "operation");
        List<String> assets = assets(frame);
        boolean isMarketType = "market".equalsIgnoreCase(type);
        if (!connection.subscribed()) {
            if (!isMarketType || assets == null) {
                closeInvalid(connection, "first frame is not a market subscription");
                return;
            }
            connection.pinged(clock.millis());
            connection.markSubscribed();
            connection.customFeature(booleanField(frame, "custom_feature_enabled", false));
            subscribe(connection, assets, booleanField(frame, "initial_dump", true));
            return;
        }
        if (operation == null) {
            reply(connection, INVALID_OPERATION);
            return;
        }
        if (assets == null) {
            reply(connection, INVALID_OPERATION);
            return;
        }
        if (frame.has("custom_feature_enabled")) {
            connection.customFeature(booleanField(frame, "custom_feature_enabled", false));
        }
        switch (operation.toLowerCase(Locale.ROOT)) {
            case "subscribe" -> subscribe(connection, assets, booleanField(frame, "initial_dump", true)
                    && !dispatcher.booklessResubscribe());
            case "unsubscribe" -> index.remove(connection, assets);
            default -> reply(connection, INVALID_OPERATION);
        }
    }

    /** Adds the tokens and sends their snapshots under the exchange lock, so no delta can slip in between. */
    private void subscribe(ClientConnection connection, List<String> assets, boolean initialDump) {
        synchronized (exchange.lock()) {
            index.add(connection, assets);
            if (initialDump) {
                List<BookEvent> books = exchange.snapshots(assets);
                dispatcher.sendSnapshots(connection, books);
                if (books.size() < new java.util.HashSet<>(assets).size()) {
                    dispatcher.sendEmptyAnswer(connection); // some token unknown or closed: a bare [] (protocol §9)
                }
            }
        }
        log.debug("connection {} subscribed to {} tokens (now {})", connection.id(), assets.size(),
                connection.tokens().size());
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String stringField(JsonNode frame, String name) {
        JsonNode node = frame.get(name);
        return node != null && node.isString() ? node.stringValue() : null;
    }

    private static boolean booleanField(JsonNode frame, String name, boolean fallback) {
        JsonNode node = frame.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isString() ? Boolean.parseBoolean(node.stringValue()) : fallback;
    }

    /** The distinct asset ids of the frame in order, or null when the field is missing or not a string array. */
    private static List<String> assets(JsonNode frame) {
        JsonNode node = frame.get("assets_ids");
        if (node == null || !node.isArray()) {
            return null;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode id : node.values()) {
            if (!id.isString()) {
                return null;
            }
            ids.add(id.stringValue());
        }
        return new ArrayList<>(ids);
    }

    private static void reply(ClientConnection connection, String text) {
        try {
            connection.socket().send(text);
        } catch (RuntimeException e) {
            log.debug("connection {} closed before reply {}", connection.id(), text);
        }
    }

    private static void closeInvalid(ClientConnection connection, String why) {
        log.debug("connection {}: {}: closing with 1008", connection.id(), why);
        connection.socket().close(CloseFrame.POLICY_VALIDATION, INVALID_SUBSCRIPTION);
    }
}
