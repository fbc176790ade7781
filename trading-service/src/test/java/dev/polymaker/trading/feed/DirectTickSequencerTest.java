package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.polymarket.book.TopOfBook;
import dev.polymaker.polymarket.upstream.TokenState;
import dev.polymaker.polymarket.upstream.TokenUpdate;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The direct pool's ticks: local seq per token, and how old a state change's top of book is. */
class DirectTickSequencerTest {

    private static final String TOKEN = "7";
    private long now = 1_000;
    private final DirectTickSequencer sequencer = new DirectTickSequencer("direct-1", () -> now);

    private static TopOfBook top(String bid, String ask) {
        return new TopOfBook(new BigDecimal(bid), new BigDecimal(ask), null, new BigDecimal("0.01"));
    }

    @Test
    void aStateChangeCarriesTheLastTopStampedWithWhenThatTopWasReceived() {
        Tick pending = sequencer.onState(TOKEN, TokenState.PENDING);
        assertThat(pending.seq()).isEqualTo(1);
        assertThat(pending.receivedTime()).as("no book yet: now").isEqualTo(1_000);
        assertThat(sequencer.onState(TOKEN, TokenState.LIVE).state()).isEqualTo(TickState.LIVE);
        Tick book = sequencer.onUpdate(new TokenUpdate(TOKEN, "m", top("0.50", "0.52"), "book", 1_100, 1_200));
        assertThat(book.seq()).isEqualTo(3);
        assertThat(book.receivedTime()).isEqualTo(1_200);

        // A minute of outage, then LIVE again: the tick still carries the old book, and says how old it is.
        now = 61_000;
        assertThat(sequencer.onState(TOKEN, TokenState.STALE).state()).isEqualTo(TickState.STALE);
        Tick live = sequencer.onState(TOKEN, TokenState.LIVE);
        assertThat(live.state()).isEqualTo(TickState.LIVE);
        assertThat(live.bestBid()).isEqualByComparingTo("0.50");
        assertThat(live.receivedTime()).isEqualTo(1_200);
        assertThat(live.exchangeTime()).isEqualTo(1_100);
        assertThat(live.publishedTime()).isEqualTo(61_000);
        assertThat(live.seq()).isEqualTo(5);

        Tick fresh = sequencer.onUpdate(new TokenUpdate(TOKEN, "m", top("0.40", "0.42"), "book", 60_900, 61_001));
        assertThat(fresh.state()).isEqualTo(TickState.LIVE);
        assertThat(fresh.receivedTime()).isEqualTo(61_001);
        assertThat(fresh.seq()).isEqualTo(6);
    }
}
