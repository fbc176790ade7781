package dev.polymaker.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polymaker.benchmarks.book.BookApplyBenchmark;
import dev.polymaker.benchmarks.fanout.TickFanOutBenchmark;
import dev.polymaker.benchmarks.parse.FrameParseBenchmark;
import dev.polymaker.polymarket.market.ParseResult;
import dev.polymaker.polymarket.market.PriceChangeEvent;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark method a few times outside JMH, so a benchmark that no longer works (a
 * frame shape the parser rejects, a setup that throws) fails the build instead of the next
 * measuring session. Measures nothing.
 */
class BenchmarkSmokeTest {

    @Test
    void parseBenchmarksParseEveryRecordedFrameIntoEvents() {
        FrameParseBenchmark bench = new FrameParseBenchmark();
        bench.levelsPerSide = 5;
        bench.record(); // throws when a recorded frame does not parse cleanly

        ParseResult book = bench.bookArray_parser();
        assertThat(book).isInstanceOfSatisfying(ParseResult.Events.class,
                events -> assertThat(events.events()).hasSize(2).allMatch(e -> e.eventType().equals("book")));
        assertThat(bench.bookArray_readTree().isArray()).isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(bench.priceChange_parser()).isInstanceOfSatisfying(ParseResult.Events.class,
                    events -> assertThat(events.events()).singleElement()
                            .matches(e -> e.eventType().equals("price_change")));
            assertThat(bench.priceChange_readTree().get("price_changes").size()).isGreaterThanOrEqualTo(2);
        }
        assertThat(bench.capturedTwoEntries_parser()).isInstanceOfSatisfying(ParseResult.Events.class,
                events -> assertThat(events.events()).singleElement().isInstanceOfSatisfying(PriceChangeEvent.class,
                        e -> assertThat(e.changes()).hasSize(2)));
        assertThat(bench.capturedOneEntry_parser()).isInstanceOfSatisfying(ParseResult.Events.class,
                events -> assertThat(events.events()).singleElement().isInstanceOfSatisfying(PriceChangeEvent.class,
                        e -> assertThat(e.changes()).hasSize(1)));
        assertThat(bench.capturedTwoEntries_readTree().get("price_changes").size()).isEqualTo(2);
        assertThat(bench.capturedOneEntry_readTree().get("price_changes").size()).isEqualTo(1);
    }

    @Test
    void fanOutBenchmarkWritesEveryTickToEverySession() {
        TickFanOutBenchmark bench = new TickFanOutBenchmark();
        bench.consumers = 4;
        bench.subscribe();
        long before = bench.written();
        bench.publish();
        long one = bench.written() - before;
        assertThat(one).as("four STOMP MESSAGE frames of a tick").isGreaterThan(4 * 400);
        for (int i = 0; i < 100; i++) {
            bench.publish();
        }
        assertThat(bench.written() - before).as("no tick dropped or conflated").isBetween(101 * one - 1000, 101 * one + 1000);
    }

    @Test
    void bookApplyBenchmarksApplyTheSubscribedTokensLevelsAndMoveTheTopSometimes() {
        BookApplyBenchmark bench = new BookApplyBenchmark();
        bench.levelsPerSide = 5;
        bench.record();
        int moved = 0;
        int writes = 0;
        for (int i = 0; i < 200; i++) {
            moved += bench.priceChange_orderBook() ? 1 : 0;
            writes += bench.priceChange_treeMap();
        }
        assertThat(writes).as("every frame carries the subscribed token's entry").isGreaterThanOrEqualTo(200);
        assertThat(moved).as("a random walk moves the top now and then").isBetween(1, 199);
    }
}
