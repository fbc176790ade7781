package dev.polymaker.marketdata.upstream;

import dev.polymaker.marketdata.sequencing.TickSequencer;
import dev.polymaker.polymarket.book.BookSnapshot;
import dev.polymaker.polymarket.upstream.PoolStatus;
import dev.polymaker.polymarket.upstream.TokenStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Repairs the sequencer after the upstream pool dropped listener events (its dispatch queue was
 * full): a lost "LIVE" or book update would otherwise leave a token's published state wrong until
 * its next change, which on a quiet market may be never. A task of its own on the scheduler,
 * every status interval; does nothing while no events are lost.
 */
public final class DroppedEventRecovery implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DroppedEventRecovery.class);

    private final MarketFeed feed;
    private final TickSequencer sequencer;
    private long handled;

    public DroppedEventRecovery(MarketFeed feed, TickSequencer sequencer) {
        this.feed = feed;
        this.sequencer = sequencer;
    }

    /** Reconciles every token from a fresh pool status if events were dropped since the last run. */
    @Override
    public synchronized void run() {
        try {
            if (feed.droppedEvents() > handled) {
                check(feed.status());
            }
        } catch (RuntimeException e) {
            log.error("could not re-synchronise tokens after dropped upstream events: {}", e.toString(), e);
        }
    }

    /** Reconciles every token from {@code status} if events were dropped since the last call. */
    public synchronized void check(PoolStatus status) {
        long dropped = feed.droppedEvents();
        if (dropped <= handled) {
            return;
        }
        int tokens = 0;
        for (TokenStatus token : status.tokens().values()) {
            Optional<BookSnapshot> book = feed.book(token.tokenId());
            sequencer.reconcile(token.tokenId(), token.state(), book.map(BookSnapshot::top).orElse(null),
                    book.map(BookSnapshot::market).orElse(null));
            tokens++;
        }
        log.warn("upstream pool dropped {} listener event(s) (its queue was full); re-synchronised {} token(s) "
                + "from the pool's books", dropped - handled, tokens);
        handled = dropped;
    }
}
