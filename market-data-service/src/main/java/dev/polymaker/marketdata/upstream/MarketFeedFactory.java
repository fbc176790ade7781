package dev.polymaker.marketdata.upstream;

import dev.polymaker.polymarket.upstream.UpstreamConfig;
import dev.polymaker.polymarket.upstream.UpstreamListener;

import java.time.Clock;

/** Creates the upstream {@link MarketFeed}; the one seam between this service and the pool implementation. */
@FunctionalInterface
public interface MarketFeedFactory {

    MarketFeed create(UpstreamConfig config, UpstreamListener listener, Clock clock);
}
