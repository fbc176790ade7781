package dev.polymaker.polymarket.market;

import java.util.List;

/** What one inbound text frame turned out to be. */
public sealed interface ParseResult {

    /**
     * A JSON frame: the events it held, plus the entries that were skipped (unknown type, legacy
     * format, malformed event) with why.
     */
    record Events(List<MarketEvent> events, List<Skipped> skipped) implements ParseResult {
        public Events {
            events = List.copyOf(events);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * A bare {@code []}: the exchange's whole answer to a subscription of a token it has no book
     * for (unknown or closed, polymarket-protocol.md §9). It names no token.
     */
    record EmptyAnswer() implements ParseResult {
    }

    /** The server's answer to our {@code PING}. */
    record Pong() implements ParseResult {
    }

    /** Non-JSON text other than PONG, such as {@code INVALID OPERATION}: the server's way of reporting errors. */
    record ErrorText(String text) implements ParseResult {
    }

    /** Text that looked like JSON but could not be read as a frame at all. */
    record Rejected(String reason) implements ParseResult {
    }

    /** One event of a frame that was not turned into a {@link MarketEvent}. */
    record Skipped(Kind kind, String reason) {
    }

    /** Why an event was skipped; {@link #frameType()} is what listeners are told. */
    enum Kind {
        UNKNOWN(FrameType.UNKNOWN),
        LEGACY_PRICE_CHANGE(FrameType.LEGACY_PRICE_CHANGE),
        MALFORMED(FrameType.MALFORMED);

        private final FrameType frameType;

        Kind(FrameType frameType) {
            this.frameType = frameType;
        }

        public FrameType frameType() {
            return frameType;
        }
    }
}
