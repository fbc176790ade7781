package dev.polymaker.marketdata.fanout;

import org.junit.jupiter.api.Test;
import dev.polymaker.marketdata.support.RecordingWebSocketSession;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's per-subscription order: a new subscriber's replay of the latest tick races the live
 * ticks (both reach the outbox, from different threads), and whichever comes second must never make
 * the subscriber see a tick older than one it has (docs/architecture.md §3.6).
 */
class SessionOutboxTest {

    private static final Pattern FRAME = Pattern.compile("subscription:([^\\n]+)(?:\\nconflated:(\\d+))?\\n\\n\\{\"seq\":(\\d+)}");

    private final ArrayDeque<Runnable> writerTasks = new ArrayDeque<>();
    private final RecordingWebSocketSession session = new RecordingWebSocketSession("session-1");
    private final List<String> written = session.written;
    private final AtomicLong conflations = new AtomicLong();
    private final SessionOutbox outbox = new SessionOutbox(session.session(), writerTasks::add, 1 << 20, Duration.ofSeconds(10),
            conflations::addAndGet, why -> written.add("CUT " + why));

    @Test
    void aReplayThatLostTheRaceToALiveTickIsDroppedNotWrittenAfterIt() {
        assertThat(outbox.offerTick("s1", frame(8))).isTrue(); // live tick, subscription just registered
        write();
        assertThat(outbox.offerTick("s1", frame(7))).as("the replay read the latest before tick 8").isFalse();
        assertThat(outbox.offerTick("s1", frame(8))).as("the same tick again").isFalse();
        write();
        assertThat(delivered()).containsExactly("s1 seq 8");
    }

    @Test
    void aLiveTickReplacesAWaitingReplayWithoutCallingItConflated() {
        assertThat(outbox.offerTick("s1", frame(7))).isTrue(); // the replay, not yet written
        assertThat(outbox.offerTick("s1", frame(8))).isTrue(); // the next live tick
        write();
        assertThat(delivered()).containsExactly("s1 seq 8");
        assertThat(conflations.get()).as("the subscriber never had 7: nothing to jump from").isZero();
    }

    @Test
    void onceATickWasWrittenASupersededOneIsCountedAndNamed() {
        outbox.offerTick("s1", frame(1));
        write();
        outbox.offerTick("s1", frame(2));
        outbox.offerTick("s1", frame(3));
        outbox.offerTick("s2", frame(3));
        write();
        assertThat(delivered()).containsExactly("s1 seq 1", "s1 seq 3 conflated 1", "s2 seq 3");
        assertThat(conflations.get()).isEqualTo(1);
    }

    @Test
    void anUnsubscribedIdIsFreshWhenUsedAgainAndWhatWaitedForItIsNotWritten() {
        outbox.offerTick("s1", frame(5));
        write();
        outbox.offerTick("s1", frame(6));
        outbox.unsubscribed("s1");
        outbox.offerTick("s2", frame(6));
        write();
        assertThat(outbox.offerTick("s1", frame(6))).as("re-subscribed with the same id: the replay is its first tick")
                .isTrue();
        write();
        assertThat(delivered()).containsExactly("s1 seq 5", "s2 seq 6", "s1 seq 6");
    }

    @Test
    void aWriteTheContainerTimedOutAndClosedMeanwhileIsStillCountedAsACutOff() {
        session.nextSend = () -> {
            session.open = false; // Tomcat gives up on the blocked write and closes the session (afterConnectionClosed)...
            outbox.closed();
            throw new java.net.SocketTimeoutException("blocking send timed out"); // ...then the writer hears of it
        };
        outbox.offerTick("s1", frame(1));
        write();
        assertThat(written).singleElement().asString().startsWith("CUT a write blocked for the send-time limit");
        outbox.offerTick("s1", frame(2));
        write();
        assertThat(written).as("cut off once, nothing written after").hasSize(1);
    }

    @Test
    void aPeerThatWentAwayIsNotASlowConsumer() {
        session.nextSend = () -> {
            session.open = false;
            throw new java.io.IOException("Broken pipe");
        };
        outbox.offerTick("s1", frame(1));
        write();
        assertThat(written).isEmpty();
    }

    @Test
    void eachWriteIsExactlyItsFramesAsTheStompContractSpellsThem() {
        outbox.offerTick("s1", frame(1));
        outbox.offerTick("a:b\\c", frame(1));
        write();
        outbox.offerTick("s1", frame(2));
        outbox.offerTick("s1", frame(3));
        write();
        outbox.offerTick("s1", frame(4));
        write();

        String head = "MESSAGE\ndestination:/topic/ticks.1234\ncontent-type:application/json\ncontent-length:";
        assertThat(written).as("the reused batch buffer carries nothing from one write into the next").containsExactly(
                head + "9\nmessage-id:1-s1\nsubscription:s1\n\n{\"seq\":1}\0"
                        + head + "9\nmessage-id:1-a\\cb\\\\c\nsubscription:a\\cb\\\\c\n\n{\"seq\":1}\0",
                head + "9\nmessage-id:3-s1\nsubscription:s1\nconflated:1\n\n{\"seq\":3}\0",
                head + "9\nmessage-id:4-s1\nsubscription:s1\n\n{\"seq\":4}\0");
    }

    @Test
    void aBatchLongerThanOneMessageHoldsIsSplitAndTheNextWriteStartsClean() {
        String big = "{\"pad\":\"" + "x".repeat(4000) + "\"}";
        for (int i = 0; i < 12; i++) {
            outbox.offerTick("s" + i, TickFrame.of("1234", 1, i, big.getBytes(StandardCharsets.UTF_8)));
        }
        write();
        assertThat(written).hasSize(2);
        assertThat(written.get(0)).hasSizeGreaterThanOrEqualTo(32 * 1024).contains("subscription:s7\n")
                .doesNotContain("subscription:s8\n");
        assertThat(written.get(1)).startsWith("MESSAGE\n").contains("subscription:s8\n", "subscription:s11\n");
        outbox.offerTick("s0", frame(2));
        write();
        assertThat(written.get(2)).isEqualTo("MESSAGE\ndestination:/topic/ticks.1234\ncontent-type:application/json"
                + "\ncontent-length:9\nmessage-id:2-s0\nsubscription:s0\n\n{\"seq\":2}\0");
    }

    @Test
    void aNonAsciiTickKeepsItsUtf8LengthAndCharacters() {
        byte[] json = "{\"market\":\"é€\"}".getBytes(StandardCharsets.UTF_8);
        outbox.offerTick("s1", TickFrame.of("1234", 1, 7, json));
        write();
        assertThat(written).containsExactly("MESSAGE\ndestination:/topic/ticks.1234\ncontent-type:application/json"
                + "\ncontent-length:" + json.length + "\nmessage-id:7-s1\nsubscription:s1\n\n{\"market\":\"é€\"}\0");
        assertThat(json.length).as("two and three bytes for é and €").isEqualTo(18);
    }

    private void write() {
        while (!writerTasks.isEmpty()) {
            writerTasks.poll().run();
        }
    }

    private List<String> delivered() {
        List<String> out = new ArrayList<>();
        for (String message : written) {
            Matcher m = FRAME.matcher(message);
            while (m.find()) {
                out.add(m.group(1) + " seq " + m.group(3) + (m.group(2) == null ? "" : " conflated " + m.group(2)));
            }
        }
        return out;
    }

    private static TickFrame frame(long seq) {
        return TickFrame.of("1234", seq, seq, ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
    }
}
