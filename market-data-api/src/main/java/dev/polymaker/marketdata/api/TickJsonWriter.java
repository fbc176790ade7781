package dev.polymaker.marketdata.api;

/**
 * A {@link Tick} as JSON text, written by hand into a caller's buffer: the bytes Jackson writes for
 * the record (its fields in order, prices as {@code BigDecimal.toString()} strings, absent ones as
 * {@code null}), without the per-tick generator, boxing and byte-array round trip that made the
 * service's tick serialisation a fifth of its garbage (docs/performance.md §5). It writes only what
 * needs no JSON escaping: a tick with a string that would ({@code "}, {@code \}, control characters,
 * surrogates) is refused, and the caller serialises that one with Jackson. {@code TickJsonWriterTest}
 * holds it to Jackson's output.
 */
public final class TickJsonWriter {

    private TickJsonWriter() {
    }

    /**
     * Appends the tick's JSON to {@code out} and returns true; or returns false, with {@code out}
     * as it was, when a string of the tick would need escaping.
     */
    public static boolean append(Tick tick, StringBuilder out) {
        if (!plain(tick.tokenId()) || !plain(tick.market()) || !plain(tick.epoch())
                || !plain(tick.winningTokenId())) {
            return false;
        }
        out.append("{\"tokenId\":");
        quoted(out, tick.tokenId());
        out.append(",\"market\":");
        quoted(out, tick.market());
        out.append(",\"epoch\":");
        quoted(out, tick.epoch());
        out.append(",\"seq\":").append(tick.seq());
        out.append(",\"state\":");
        quoted(out, tick.state() == null ? null : tick.state().name());
        out.append(",\"event\":");
        quoted(out, tick.event() == null ? null : tick.event().wireName());
        out.append(",\"bestBid\":");
        quoted(out, tick.bestBid());
        out.append(",\"bestAsk\":");
        quoted(out, tick.bestAsk());
        out.append(",\"lastTradePrice\":");
        quoted(out, tick.lastTradePrice());
        out.append(",\"tickSize\":");
        quoted(out, tick.tickSize());
        out.append(",\"exchangeTime\":").append(tick.exchangeTime());
        out.append(",\"receivedTime\":").append(tick.receivedTime());
        out.append(",\"publishedTime\":").append(tick.publishedTime());
        out.append(",\"winningTokenId\":");
        quoted(out, tick.winningTokenId());
        out.append('}');
        return true;
    }

    /** The UTF-8 length of {@code text}'s characters from {@code start} to {@code end} (no surrogates). */
    public static int utf8Length(CharSequence text, int start, int end) {
        int bytes = end - start;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                bytes += c >= 0x800 ? 2 : 1;
            }
        }
        return bytes;
    }

    /** Null, or text JSON writes as it is: no quote, backslash, control character or surrogate. */
    private static boolean plain(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code null}, or the value's text in quotes (strings as they are, prices as {@code BigDecimal.toString()}). */
    private static void quoted(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else {
            out.append('"').append(value).append('"');
        }
    }
}
