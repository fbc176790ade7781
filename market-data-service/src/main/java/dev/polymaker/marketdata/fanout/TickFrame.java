package dev.polymaker.marketdata.fanout;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickJsonWriter;

import java.nio.charset.StandardCharsets;

/**
 * One tick as a STOMP MESSAGE frame, serialised once for every subscriber: only the
 * {@code subscription}, {@code message-id} and (after conflation) {@code conflated} headers differ
 * per subscriber, and they are spliced in when the frame is written (docs/architecture.md §3, the
 * STOMP contract). The seq is the tick's: a session's outbox never writes a subscription a tick
 * older than (or the same as) one it already took. The frame is one string, {@code text}, cut at
 * {@code split} where the subscriber's headers go: one allocation per tick, none per subscriber.
 */
record TickFrame(String tokenId, long seq, long number, String text, int split) {

    /** The buffer each publishing thread writes frames into; one that grew past this is not kept. */
    private static final ThreadLocal<StringBuilder> BUFFERS = ThreadLocal.withInitial(() -> new StringBuilder(1024));
    private static final int KEPT_BUFFER_CHARS = 8 * 1024;

    static TickFrame of(Tick tick, long number, byte[] json) {
        return of(tick.tokenId(), tick.seq(), number, json);
    }

    /**
     * The tick's frame with its JSON written by {@link TickJsonWriter} straight into the frame's text
     * (no JSON bytes, no generator); {@code null} when the writer refuses the tick (a string that
     * needs escaping): then {@link #of(Tick, long, byte[])} with Jackson's bytes. The same text either way.
     */
    static TickFrame written(Tick tick, long number) {
        String destination = Destinations.ticks(tick.tokenId()); // validates the token id
        StringBuilder out = BUFFERS.get();
        out.setLength(0);
        out.append("MESSAGE\ndestination:").append(destination).append("\ncontent-type:application/json\ncontent-length:");
        int lengthAt = out.length();
        out.append("\nmessage-id:").append(number).append("-\n\n");
        int jsonStart = out.length();
        if (!TickJsonWriter.append(tick, out)) {
            return null;
        }
        int jsonBytes = TickJsonWriter.utf8Length(out, jsonStart, out.length());
        out.append('\0');
        int before = out.length();
        out.insert(lengthAt, jsonBytes);
        int split = jsonStart - 2 + (out.length() - before);
        String text = out.toString();
        if (out.capacity() > KEPT_BUFFER_CHARS) {
            BUFFERS.remove();
        }
        return new TickFrame(tick.tokenId(), tick.seq(), number, text, split);
    }

    /** A tick already serialised (as it came back from the relay's broker): its token, seq and JSON. */
    static TickFrame of(String tokenId, long seq, long number, byte[] json) {
        String destination = Destinations.ticks(tokenId); // validates the token id
        String text = "MESSAGE\ndestination:" + destination + "\ncontent-type:application/json\ncontent-length:"
                + json.length + "\nmessage-id:" + number + "-\n\n" + new String(json, StandardCharsets.UTF_8) + "\0";
        // The headers hold no blank line (the destination is a checked token id): the first one ends them.
        return new TickFrame(tokenId, seq, number, text, text.indexOf("\n\n"));
    }

    /** The frame for one subscription; {@code conflated} > 0 adds the header naming the ticks it superseded. */
    void appendTo(StringBuilder out, String escapedSubscriptionId, long conflated) {
        out.append(text, 0, split).append(escapedSubscriptionId).append("\nsubscription:").append(escapedSubscriptionId);
        if (conflated > 0) {
            out.append("\nconflated:").append(conflated);
        }
        out.append(text, split, text.length());
    }

    int length() {
        return text.length() + 40;
    }

    /** STOMP 1.2 header value escaping (subscription ids come from clients). */
    static String escape(String value) {
        boolean plain = true;
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = c != '\\' && c != ':' && c != '\n' && c != '\r';
        }
        if (plain) {
            return value;
        }
        return value.replace("\\", "\\\\").replace(":", "\\c").replace("\n", "\\n").replace("\r", "\\r");
    }
}
