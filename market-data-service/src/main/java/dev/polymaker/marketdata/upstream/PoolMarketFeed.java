package dev.polymaker.marketdata.upstream;

import dev.polymaker.polymarket.upstream.MarketResolution;
import dev.polymaker.polymarket.book.BookSnapshot;
import dev.polymaker.polymarket.upstream.PoolStatus;
import dev.polymaker.polymarket.upstream.TokenStatus;
import dev.polymaker.polymarket.upstream.UpstreamPool;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** {@link MarketFeed} over polymarket-client's {@link UpstreamPool}. */
public final class PoolMarketFeed implements MarketFeed {

    private final UpstreamPool pool;

    public PoolMarketFeed(UpstreamPool pool) {
        this.pool = pool;
    }

    @Override
    public void start() {
        pool.start();
    }

    @Override
    public void addTokens(Collection<String> tokenIds) {
        pool.addTokens(tokenIds);
    }

    @Override
    public void removeTokens(Collection<String> tokenIds) {
        pool.removeTokens(tokenIds);
    }

    @Override
    public Set<String> tokens() {
        return pool.tokens();
    }

    @Override
    public PoolStatus status() {
        return pool.status();
    }

    @Override
    public Optional<BookSnapshot> book(String tokenId) {
        return pool.book(tokenId);
    }

    @Override
    public Optional<TokenStatus> tokenStatus(String tokenId) {
        return pool.tokenStatus(tokenId);
    }

    @Override
    public boolean resolve(MarketResolution resolution) {
        return pool.resolve(resolution);
    }

    @Override
    public long droppedEvents() {
        return pool.droppedListenerCalls();
    }

    @Override
    public void close() {
        pool.close();
    }
}
