package dev.polymaker.marketdata.upstream;

import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import dev.polymaker.marketdata.sequencing.TickSequencer;
import dev.polymaker.polymarket.market.FrameType;
import dev.polymaker.polymarket.upstream.MarketResolution;
import dev.polymaker.polymarket.upstream.ReconnectReason;
import dev.polymaker.polymarket.upstream.ResyncReason;
import dev.polymaker.polymarket.upstream.SocketStatus;
import dev.polymaker.polymarket.upstream.WitnessFailure;
import dev.polymaker.polymarket.upstream.TokenState;
import dev.polymaker.polymarket.upstream.TokenUpdate;
import dev.polymaker.polymarket.upstream.UpstreamListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Receives everything the upstream pool reports (on its dispatch thread) and routes it: book
 * updates and token states to the sequencer, frames/reconnects/resyncs to metrics, socket
 * state changes to the log at INFO. The pool itself logs each failure, desync and resync with
 * its cause, so per-token events are only logged here at DEBUG.
 */
public final class UpstreamEvents implements UpstreamListener {

    private static final Logger log = LoggerFactory.getLogger(UpstreamEvents.class);

    private final TickSequencer sequencer;
    private final MarketDataMetrics metrics;
    private final String url;
    private volatile Consumer<MarketResolution> resolutions = resolution -> { };

    public UpstreamEvents(TickSequencer sequencer, MarketDataMetrics metrics, String url) {
        this.sequencer = sequencer;
        this.metrics = metrics;
        this.url = url;
    }

    /** Who hears of resolved markets (the demand, to release their tokens upstream); wired at start. */
    public void onResolutions(Consumer<MarketResolution> handler) {
        this.resolutions = handler;
    }

    @Override
    public void onUpdate(TokenUpdate update) {
        sequencer.onUpdate(update);
    }

    @Override
    public void onTokenState(String tokenId, TokenState state, String reason) {
        log.debug("token {} {}: {}", tokenId, state, reason); // the pool logs failures and desyncs itself
        sequencer.onTokenState(tokenId, state);
    }

    @Override
    public void onSocketState(SocketStatus status) {
        switch (status.state()) {
            case CONNECTED -> log.info("upstream socket {} connected to {} ({} tokens)", status.id(), url, status.tokens());
            // The pool logs each failure at ERROR with its cause; these lines record the state change.
            case DOWN -> log.info("upstream socket {} DOWN ({} tokens): {}; {} reconnects so far", status.id(),
                    status.tokens(), status.lastError() == null ? "closed" : status.lastError(), status.reconnects());
            case FROZEN -> log.info("upstream socket {} FROZEN ({} tokens): {}", status.id(), status.tokens(),
                    status.lastError());
            case CONNECTING -> log.debug("upstream socket {} connecting to {}", status.id(), url);
        }
    }

    @Override
    public void onFrame(FrameType type) {
        metrics.frame(type.metricName());
    }

    @Override
    public void onReconnect(int socketId, ReconnectReason reason) {
        metrics.reconnect(reason.metricName());
        log.warn("upstream socket {} reconnecting: {}", socketId, reason.logName());
    }

    @Override
    public void onBookDisagreement(String tokenId) {
        metrics.bookDisagreement();
    }

    @Override
    public void onWitnessFailure(int socketId, WitnessFailure reason) {
        metrics.witnessFailure(reason.metricName()); // the pool logs them, once a minute with a count
    }

    @Override
    public void onMarketResolved(MarketResolution resolution) {
        metrics.resolution(resolution.source().name().toLowerCase(Locale.ROOT));
        sequencer.onMarketResolved(resolution.tokenIds(), resolution.winningTokenId());
        resolutions.accept(resolution);
    }

    @Override
    public void onResync(String tokenId, ResyncReason reason) {
        metrics.resync(reason.metricName());
        log.debug("token {} resubscribed for a fresh book: {}", tokenId, reason.metricName());
    }
}
