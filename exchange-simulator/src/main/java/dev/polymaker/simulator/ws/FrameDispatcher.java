package dev.polymaker.simulator.ws;

import dev.polymaker.simulator.Faults;
import dev.polymaker.simulator.FrameMode;
import dev.polymaker.simulator.book.BestBidAskEvent;
import dev.polymaker.simulator.book.BookEvent;
import dev.polymaker.simulator.book.Exchange;
import dev.polymaker.simulator.book.MarketEvent;
import dev.polymaker.simulator.book.PriceChangeEvent;
import dev.polymaker.simulator.book.WireJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns exchange events into market-channel frames and sends each to the connections subscribed to its tokens,
 * applying the faults. Every event is serialized once; the same string goes to every recipient.
 */
public final class FrameDispatcher implements Exchange.Publisher {
    private static final Logger log = LoggerFactory.getLogger(FrameDispatcher.class);
    private static final int MAX_BUNDLE = 30;

    private final SubscriptionIndex index;
    private final Faults faults;
    private final FrameMode mode;
    private final Random framing;
    private final int maxQueuedFrames;
    private final ScheduledExecutorService delayer;
    private volatile Consumer<String> recorder;
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong slowConsumersDropped = new AtomicLong();

    FrameDispatcher(SubscriptionIndex index, Faults faults, FrameMode mode, long seed, int maxQueuedFrames,
                    ScheduledExecutorService delayer) {
        this.index = index;
        this.faults = faults;
        this.mode = mode;
        this.framing = new Random(seed ^ 0x5DEECE66DL);
        this.maxQueuedFrames = maxQueuedFrames;
        this.delayer = delayer;
    }

    /** Every data frame the exchange emits (before faults) is also handed to this recorder; null turns it off. */
    public void recorder(Consumer<String> recorder) {
        this.recorder = recorder;
    }

    public long framesSent() {
        return framesSent.get();
    }

    @Override
    public void publish(List<MarketEvent> events) {
        Consumer<String> rec = recorder;
        if (rec != null) {
            for (MarketEvent event : events) {
                rec.accept(frame(WireJson.encode(event)));
            }
        }
        if (faults.frozen()) {
            return;
        }
        if (events.size() == 1 && events.get(0).broadcast()) {
            broadcast(frame(WireJson.encode(events.get(0))));
            return;
        }
        if (events.size() > 1 && events.size() <= MAX_BUNDLE && bundle()) {
            publishBundled(events);
            return;
        }
        for (MarketEvent event : events) {
            route(event);
        }
    }

    /** Whether this change's events go out as one array per recipient (Polymarket mixes event types in arrays). */
    private boolean bundle() {
        return mode == FrameMode.ARRAY || (mode == FrameMode.MIXED && framing.nextInt(4) == 0);
    }

    /**
     * Sends each recipient one array holding the events of this change it may see; recipients that may see the
     * same events share one serialized frame.
     */
    private void publishBundled(List<MarketEvent> events) {
        List<MarketEvent> kept = new ArrayList<>(events.size());
        for (MarketEvent event : events) {
            MarketEvent allowed = afterFaults(event);
            if (allowed != null) {
                kept.add(allowed);
            }
        }
        if (kept.isEmpty()) {
            return;
        }
        Set<ClientConnection> recipients = new LinkedHashSet<>();
        for (MarketEvent event : kept) {
            for (String token : event.tokens()) {
                recipients.addAll(index.subscribers(token));
            }
        }
        if (recipients.isEmpty()) {
            return;
        }
        String[] encoded = new String[kept.size()];
        Map<Integer, String> frames = new HashMap<>();
        for (ClientConnection connection : recipients) {
            int mask = 0;
            for (int i = 0; i < kept.size(); i++) {
                MarketEvent event = kept.get(i);
                if (event instanceof BestBidAskEvent && !connection.customFeature()) {
                    continue;
                }
                for (String token : event.tokens()) {
                    if (connection.tokens().contains(token)) {
                        mask |= 1 << i;
                        break;
                    }
                }
            }
            if (mask != 0) {
                send(connection, frames.computeIfAbsent(mask, m -> arrayOf(kept, encoded, m)));
            }
        }
    }

    private static String arrayOf(List<MarketEvent> events, String[] encoded, int mask) {
        StringBuilder out = new StringBuilder(512).append('[');
        boolean first = true;
        for (int i = 0; i < events.size(); i++) {
            if ((mask & (1 << i)) == 0) {
                continue;
            }
            if (encoded[i] == null) {
                encoded[i] = WireJson.encode(events.get(i));
            }
            out.append(first ? "" : ",").append(encoded[i]);
            first = false;
        }
        return out.append(']').toString();
    }

    /**
     * Sends an already-framed raw text (replay) to every subscriber of the given tokens, honouring freeze and stall;
     * customFeatureOnly frames (best_bid_ask) go only to connections that enabled custom features.
     */
    public void publishRaw(String frame, List<String> tokens, boolean customFeatureOnly) {
        if (faults.frozen()) {
            return;
        }
        List<String> open = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            if (!faults.stalled(token)) {
                open.add(token);
            }
        }
        if (!open.isEmpty()) {
            sendToSubscribers(frame, open, customFeatureOnly);
        }
    }

    private void route(MarketEvent event) {
        MarketEvent toSend = afterFaults(event);
        if (toSend == null) {
            return;
        }
        List<String> tokens = toSend.tokens();
        boolean anyone = false;
        for (String token : tokens) {
            if (!index.subscribers(token).isEmpty()) {
                anyone = true;
                break;
            }
        }
        if (!anyone) {
            return;
        }
        sendToSubscribers(frame(WireJson.encode(toSend)), tokens, toSend instanceof BestBidAskEvent);
    }

    /** The event as the faults let it out: null when stalled or dropped, a price_change without blocked tokens. */
    private MarketEvent afterFaults(MarketEvent event) {
        if (event instanceof PriceChangeEvent change) {
            Set<String> blocked = null;
            for (String token : change.tokens()) {
                if (faults.stalled(token) || faults.takeDrop(token)) {
                    if (blocked == null) {
                        blocked = new HashSet<>();
                    }
                    blocked.add(token);
                }
            }
            if (blocked == null) {
                return change;
            }
            PriceChangeEvent rest = change.without(blocked);
            return rest.entries().isEmpty() ? null : rest;
        }
        return faults.stalled(event.tokens().get(0)) ? null : event;
    }

    private void sendToSubscribers(String frame, List<String> tokens, boolean customFeatureOnly) {
        for (int i = 0; i < tokens.size(); i++) {
            for (ClientConnection connection : index.subscribers(tokens.get(i))) {
                if (customFeatureOnly && !connection.customFeature()) {
                    continue;
                }
                if (alreadyReached(connection, tokens, i)) {
                    continue;
                }
                send(connection, frame);
            }
        }
    }

    private static boolean alreadyReached(ClientConnection connection, List<String> tokens, int upTo) {
        for (int j = 0; j < upTo; j++) {
            if (connection.tokens().contains(tokens.get(j))) {
                return true;
            }
        }
        return false;
    }

    /** Sends the subscribe-time snapshots: several books as one array frame (or one frame each in SINGLE mode). */
    void sendSnapshots(ClientConnection connection, List<BookEvent> books) {
        if (faults.frozen()) {
            return;
        }
        List<String> encoded = new ArrayList<>(books.size());
        for (BookEvent book : books) {
            if (!faults.stalled(book.assetId())) {
                encoded.add(WireJson.encode(book));
            }
        }
        if (encoded.isEmpty()) {
            return;
        }
        if (mode == FrameMode.SINGLE) {
            for (String one : encoded) {
                send(connection, one);
            }
        } else {
            send(connection, "[" + String.join(",", encoded) + "]");
        }
    }

    /** A global event (market_resolved, new_market): every subscribed connection with custom features gets it. */
    private void broadcast(String frame) {
        for (ClientConnection connection : index.all()) {
            if (connection.customFeature()) {
                send(connection, frame);
            }
        }
    }

    /** The bookless-resubscribe fault: a subscribe operation on an open connection sends no snapshots. */
    boolean booklessResubscribe() {
        return faults.booklessResubscribe();
    }

    /** The exchange's whole answer to a subscribe naming a token it has no book for (unknown or closed). */
    void sendEmptyAnswer(ClientConnection connection) {
        if (!faults.frozen()) {
            send(connection, "[]");
        }
    }

    /** Sends a text frame as-is to every open connection (garbage fault). */
    void sendRawToAll(String text) {
        for (ClientConnection connection : index.all()) {
            send(connection, text);
        }
    }

    private String frame(String json) {
        switch (mode) {
            case SINGLE:
                return json;
            case ARRAY:
                return "[" + json + "]";
            default:
                return framing.nextInt(4) == 0 ? "[" + json + "]" : json;
        }
    }

    private void send(ClientConnection connection, String frame) {
        Duration delay = faults.frameDelay();
        if (delay.isZero()) {
            write(connection, frame);
            return;
        }
        try {
            delayer.schedule(() -> write(connection, frame), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("delayed frame for connection {} dropped: simulator is closing", connection.id());
        }
    }

    private void write(ClientConnection connection, String frame) {
        WebSocket socket = connection.socket();
        if (!socket.isOpen()) {
            return;
        }
        if (socket instanceof WebSocketImpl impl && impl.outQueue.size() > maxQueuedFrames) {
            if (connection.markSlow()) {
                slowConsumersDropped.incrementAndGet();
                log.warn("connection {} has more than {} frames queued: closing it as a slow consumer "
                        + "({} slow consumers closed so far)", connection.id(), maxQueuedFrames,
                        slowConsumersDropped.get());
                GuardedChannel.abort(socket, "slow consumer");
            }
            return;
        }
        try {
            socket.send(frame);
            framesSent.incrementAndGet();
        } catch (WebsocketNotConnectedException e) {
            log.debug("connection {} closed while sending", connection.id());
        }
    }
}
