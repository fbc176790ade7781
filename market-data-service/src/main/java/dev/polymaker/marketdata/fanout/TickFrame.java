package dev.polymaker.marketdata.fanout;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.Tick;

import java.nio.charset.StandardCharsets;

/**
 * One tick as a STOMP MESSAGE frame, serialised once for every subscriber: only the
 * {@code subscription}, {@code message-id} and (after conflation) {@code conflated} headers differ
 * per subscriber, and they are spliced in when the frame is written (docs/architecture.md §3, the
 * STOMP contract). The seq is the tick's: a session's outbox never writes a subscription a tick
 * older than (or the same as) one it already took.
 */
record TickFrame(String tokenId, long seq, long number, String head, String tail) {

    static TickFrame of(Tick tick, long number, byte[] json) {
        return of(tick.tokenId(), tick.seq(), number, json);
    }

    /** A tick already serialised (as it came back from the relay's broker): its token, seq and JSON. */
    static TickFrame of(String tokenId, long seq, long number, byte[] json) {
        String head = "MESSAGE\ndestination:" + Destinations.ticks(tokenId)
                + "\ncontent-type:application/json\ncontent-length:" + json.length + "\nmessage-id:" + number + "-";
        String tail = "\n\n" + new String(json, StandardCharsets.UTF_8) + "\0";
        return new TickFrame(tokenId, seq, number, head, tail);
    }

    /** The frame for one subscription; {@code conflated} > 0 adds the header naming the ticks it superseded. */
    void appendTo(StringBuilder out, String escapedSubscriptionId, long conflated) {
        out.append(head).append(escapedSubscriptionId).append("\nsubscription:").append(escapedSubscriptionId);
        if (conflated > 0) {
            out.append("\nconflated:").append(conflated);
        }
        out.append(tail);
    }

    int length() {
        return head.length() + tail.length() + 40;
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
