package dev.polymaker.polymarket.upstream;

import dev.polymaker.polymarket.market.FrameType;
import dev.polymaker.polymarket.market.MarketFrameParser;
import dev.polymaker.polymarket.market.ParseResult;
import dev.polymaker.support.ListenerQueue;
import dev.polymaker.support.RepeatedCondition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.time.Clock;
import java.time.Duration;

/**
 * What arrives on one socket: parses each frame, applies its events to the books, counts and logs
 * (once, then with a count) the frames that carry no data, and keeps the frame and data clocks the
 * watchdogs read. Guarded by its {@link MarketChannel}.
 */
final class ChannelTraffic {

    private static final Logger log = LoggerFactory.getLogger(MarketChannel.class);

    private final int socketId;
    private final ShardBooks books;
    private final ListenerQueue<UpstreamListener> dispatcher;
    private final SnapshotResync resyncs;
    private final FirstBookWatch firstBooks;
    private final MarketFrameParser parser = new MarketFrameParser();
    private final RepeatedCondition errorTexts;
    private final RepeatedCondition rejectedFrames;
    private long lastFrameTime;
    private long lastDataTime;
    /** Data frames received, ever: tells whether data came while the REST witness was asked. */
    private long dataFrames;
    /** Whether any data frame arrived on the current connection. */
    private boolean dataSinceConnect;

    ChannelTraffic(int socketId, ShardBooks books, ListenerQueue<UpstreamListener> dispatcher, SnapshotResync resyncs,
                   FirstBookWatch firstBooks, Clock clock) {
        this.errorTexts = new RepeatedCondition(log, Level.WARN, clock, Duration.ofSeconds(10));
        this.rejectedFrames = new RepeatedCondition(log, Level.WARN, clock, Duration.ofSeconds(10));
        this.socketId = socketId;
        this.books = books;
        this.dispatcher = dispatcher;
        this.resyncs = resyncs;
        this.firstBooks = firstBooks;
    }

    /** A new connection opened at {@code now}: nothing received on it yet. */
    void connected(long now) {
        lastFrameTime = now;
        dataSinceConnect = false;
    }

    long lastFrameTime() {
        return lastFrameTime;
    }

    long lastDataTime() {
        return lastDataTime;
    }

    long dataFrames() {
        return dataFrames;
    }

    boolean dataSinceConnect() {
        return dataSinceConnect;
    }

    /** Takes one frame; returns what its events did to the books, or null when it carried none. */
    ShardBooks.Applied onText(String text, long now) {
        lastFrameTime = now;
        ParseResult result = parser.parse(text);
        if (result instanceof ParseResult.Pong) {
            dispatcher.submit(l -> l.onFrame(FrameType.PONG));
        } else if (result instanceof ParseResult.EmptyAnswer) {
            // The exchange has no book for some token we asked for (unknown or closed): it answers, so the
            // socket is not at fault. Which token it means is found on REST once the other books are in.
            dataSinceConnect = true;
            resyncs.emptyAnswer(now);
            dispatcher.submit(l -> l.onFrame(FrameType.EMPTY_ANSWER));
        } else if (result instanceof ParseResult.ErrorText error) {
            errorTexts.record(() -> "socket " + socketId + ": server sent error text: " + error.text());
            dispatcher.submit(l -> l.onFrame(FrameType.ERROR_TEXT));
        } else if (result instanceof ParseResult.Rejected rejected) {
            logRejected(now, rejected.reason() + "; frame: " + abbreviate(text));
            dispatcher.submit(l -> l.onFrame(FrameType.MALFORMED));
        } else if (result instanceof ParseResult.Events events) {
            for (ParseResult.Skipped skipped : events.skipped()) {
                if (skipped.kind() == ParseResult.Kind.MALFORMED) {
                    logRejected(now, skipped.reason());
                } else {
                    log.debug("socket {}: skipped event: {}", socketId, skipped.reason());
                }
                FrameType type = skipped.kind().frameType();
                dispatcher.submit(l -> l.onFrame(type));
            }
            ShardBooks.Applied applied = books.apply(events.events(), now);
            if (applied.data()) {
                lastDataTime = now;
                dataFrames++;
                dataSinceConnect = true;
                firstBooks.dataArrived();
            }
            return applied;
        }
        return null;
    }

    private void logRejected(long now, String what) {
        rejectedFrames.record(() -> "socket " + socketId + ": rejected malformed input: " + what);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + " chars)";
    }
}
