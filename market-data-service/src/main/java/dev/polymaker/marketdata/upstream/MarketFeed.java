package dev.polymaker.marketdata.upstream;

import dev.polymaker.polymarket.upstream.MarketResolution;
import dev.polymaker.polymarket.book.BookSnapshot;
import dev.polymaker.polymarket.upstream.PoolStatus;
import dev.polymaker.polymarket.upstream.TokenStatus;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * What this service needs from the upstream market-channel pool. Implemented over
 * {@code UpstreamPool}; tests of the service's own logic use a hand-written fake.
 */
public interface MarketFeed extends AutoCloseable {

    /** Opens the sockets; must not throw when the upstream is unreachable (it retries instead). */
    void start();

    void addTokens(Collection<String> tokenIds);

    void removeTokens(Collection<String> tokenIds);

    Set<String> tokens();

    PoolStatus status();

    Optional<BookSnapshot> book(String tokenId);

    Optional<TokenStatus> tokenStatus(String tokenId);

    /**
     * Resolves a market found resolved elsewhere (Gamma): its tokens become RESOLVED, once; returns
     * false when it was already resolved or none of its tokens is carried.
     */
    default boolean resolve(MarketResolution resolution) {
        return false;
    }

    /** Events the feed could not hand to its listener (queue full) since it started; 0 when it never drops. */
    default long droppedEvents() {
        return 0;
    }

    @Override
    void close();
}
