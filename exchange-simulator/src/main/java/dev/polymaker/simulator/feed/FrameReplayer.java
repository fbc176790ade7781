package dev.polymaker.simulator.feed;

import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimSide;
import dev.polymaker.simulator.book.Exchange;
import dev.polymaker.simulator.ws.FrameDispatcher;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays a JSONL file of market-channel frames (one raw frame per line, as FrameRecorder writes or as captured from
 * Polymarket) as the feed: each line is sent as-is to the subscribers of the tokens it mentions, and its events are
 * applied to the exchange state so subscribe snapshots and REST follow the replay. Paced by the frames' timestamps.
 */
public final class FrameReplayer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FrameReplayer.class);

    private final Path file;
    private final double speed;
    private final boolean loop;
    private final Exchange exchange;
    private final FrameDispatcher dispatcher;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final CompletableFuture<Long> finished = new CompletableFuture<>();
    private volatile boolean running;
    private volatile long framesReplayed;
    private long skippedLines;
    private Thread thread;

    /** speed: 1 = the frames' own pace, 2 = twice as fast, 0 = as fast as possible. */
    public FrameReplayer(Path file, double speed, boolean loop, Exchange exchange, FrameDispatcher dispatcher) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("replay speed must be >= 0, got " + speed);
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("replay file " + file + " is not readable");
        }
        this.file = file;
        this.speed = speed;
        this.loop = loop;
        this.exchange = exchange;
        this.dispatcher = dispatcher;
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("replay of " + file + " already started");
        }
        running = true;
        thread = new Thread(this::run, "sim-replay");
        thread.setDaemon(true);
        thread.start();
        log.info("replaying {} at speed {}{}", file, speed == 0 ? "max" : speed, loop ? " in a loop" : "");
    }

    /** Completes with the number of frames replayed when the file has been played (never, when looping). */
    public CompletableFuture<Long> finished() {
        return finished;
    }

    public long framesReplayed() {
        return framesReplayed;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        finished.complete(framesReplayed);
    }

    private void run() {
        try {
            do {
                playOnce();
            } while (loop && running);
            log.info("replay of {} finished: {} frames, {} lines skipped", file, framesReplayed, skippedLines);
            finished.complete(framesReplayed);
        } catch (IOException e) {
            log.error("replay of {} failed after {} frames: {}", file, framesReplayed, e.toString());
            finished.completeExceptionally(e);
        } catch (RuntimeException e) {
            log.error("replay of {} failed after {} frames", file, framesReplayed, e);
            finished.completeExceptionally(e);
        }
    }

    private void playOnce() throws IOException {
        long baseTimestamp = -1;
        long baseNanos = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while (running && (line = in.readLine()) != null) {
                line = line.trim();
                if (line.isEmpty()) {
                    continue;
                }
                List<JsonNode> events = parse(line);
                if (events == null) {
                    continue;
                }
                long timestamp = timestampOf(events);
                if (speed > 0 && timestamp > 0) {
                    if (baseTimestamp < 0) {
                        baseTimestamp = timestamp;
                        baseNanos = System.nanoTime();
                    } else if (!waitUntil(baseNanos + (long) ((timestamp - baseTimestamp) * 1_000_000L / speed))) {
                        return;
                    }
                }
                play(line, events);
            }
        }
    }

    private List<JsonNode> parse(String line) {
        try {
            JsonNode node = json.readTree(line);
            List<JsonNode> events = new ArrayList<>();
            if (node.isArray()) {
                node.values().forEach(events::add);
            } else if (node.isObject()) {
                events.add(node);
            }
            return events;
        } catch (JacksonException e) {
            if (skippedLines++ == 0) {
                log.warn("replay of {}: skipping lines that are not JSON (first: {})", file,
                        line.length() > 80 ? line.substring(0, 80) + "..." : line);
            }
            return null;
        }
    }

    private boolean waitUntil(long targetNanos) {
        while (running) {
            long left = targetNanos - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(left, 100_000_000L));
        }
        return false;
    }

    private void play(String line, List<JsonNode> events) {
        Set<String> tokens = new LinkedHashSet<>();
        boolean customOnly = !events.isEmpty();
        synchronized (exchange.lock()) {
            for (JsonNode event : events) {
                String type = event.path("event_type").asString("");
                customOnly &= type.equals("best_bid_ask");
                apply(type, event, tokens);
            }
            dispatcher.publishRaw(line, List.copyOf(tokens), customOnly);
        }
        framesReplayed++;
    }

    private void apply(String type, JsonNode event, Set<String> tokens) {
        String asset = event.path("asset_id").asString(null);
        long timestamp = Math.max(0, number(event.get("timestamp"), -1));
        if (asset != null) {
            tokens.add(asset);
        }
        boolean known = asset != null && exchange.knows(asset);
        switch (type) {
            case "book" -> {
                if (known) {
                    exchange.adoptBook(asset, levels(event.get("bids")), levels(event.get("asks")),
                            decimal(event.get("tick_size")), decimal(event.get("last_trade_price")), timestamp);
                }
            }
            case "price_change" -> {
                JsonNode entries = event.has("price_changes") ? event.get("price_changes") : event.get("changes");
                if (entries == null || !entries.isArray()) {
                    return;
                }
                for (JsonNode entry : entries.values()) {
                    String entryAsset = entry.path("asset_id").asString(asset);
                    if (entryAsset == null) {
                        continue;
                    }
                    tokens.add(entryAsset);
                    BigDecimal price = decimal(entry.get("price"));
                    BigDecimal size = decimal(entry.get("size"));
                    String side = entry.path("side").asString("");
                    if (exchange.knows(entryAsset) && price != null && size != null
                            && (side.equals("BUY") || side.equals("SELL"))) {
                        exchange.adoptLevel(entryAsset, SimSide.valueOf(side), price, size, timestamp);
                    }
                }
            }
            case "last_trade_price" -> {
                BigDecimal price = decimal(event.get("price"));
                if (known && price != null) {
                    exchange.adoptTrade(asset, price, timestamp);
                }
            }
            case "tick_size_change" -> {
                BigDecimal tick = decimal(event.get("new_tick_size"));
                if (known && tick != null) {
                    exchange.adoptTickSize(asset, tick, timestamp);
                }
            }
            default -> {
                // best_bid_ask and unknown types carry no state of ours: forwarded as they are.
            }
        }
    }

    private static long timestampOf(List<JsonNode> events) {
        for (JsonNode event : events) {
            long ts = number(event.get("timestamp"), -1);
            if (ts > 0) {
                return ts;
            }
        }
        return -1;
    }

    private static long number(JsonNode node, long fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        try {
            return Long.parseLong(node.asString());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.asString();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<SimLevel> levels(JsonNode array) {
        List<SimLevel> out = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return out;
        }
        for (JsonNode level : array.values()) {
            BigDecimal price = decimal(level.get("price"));
            BigDecimal size = decimal(level.get("size"));
            if (price != null && size != null && size.signum() > 0) {
                out.add(new SimLevel(price, size));
            }
        }
        return out;
    }
}
