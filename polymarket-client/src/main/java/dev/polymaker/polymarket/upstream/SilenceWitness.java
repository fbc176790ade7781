package dev.polymaker.polymarket.upstream;

import dev.polymaker.support.ListenerQueue;
import dev.polymaker.support.RepeatedCondition;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.event.Level;
import dev.polymaker.polymarket.rest.RestBook;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST witness of one socket's silence: which LIVE tokens to ask about, what REST's answer
 * means (a quiet market, a frozen socket, or no verdict), and the failures it reports. The timing
 * is {@link SilenceWatch}'s; called by its {@link MarketChannel} under the channel's lock.
 */
final class SilenceWitness {

    private static final Logger log = LoggerFactory.getLogger(MarketChannel.class);

    /** What we knew of one token when the witness was asked. */
    record Sample(String tokenId, String hash, long exchangeTime, BigDecimal bestBid, BigDecimal bestAsk) {
    }

    private final int socketId;
    private final int sampleSize;
    private final SilenceWatch watch;
    private final BookRest rest;
    private final ListenerQueue<UpstreamListener> dispatcher;
    private final RepeatedCondition failureLog;
    private int offset;
    private long failures;
    private String lastFailure;
    private long lastFailureTime;

    SilenceWitness(int socketId, int sampleSize, SilenceWatch watch, BookRest rest, ListenerQueue<UpstreamListener> dispatcher,
                   Clock clock) {
        this.failureLog = new RepeatedCondition(log, Level.WARN, clock, Duration.ofMinutes(1));
        this.socketId = socketId;
        this.sampleSize = sampleSize;
        this.watch = watch;
        this.rest = rest;
        this.dispatcher = dispatcher;
    }

    long failures() {
        return failures;
    }

    String lastFailure() {
        return lastFailure;
    }

    long lastFailureTime() {
        return lastFailureTime;
    }

    /**
     * Up to {@code sampleSize} LIVE tokens, starting further along the set each time, so a frozen
     * socket is caught even when its first tokens are quiet markets; marks the witness asked.
     */
    List<Sample> ask(long now, List<TokenEntry> live) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < Math.min(sampleSize, live.size()); i++) {
            TokenEntry entry = live.get(Math.floorMod(offset + i, live.size()));
            samples.add(new Sample(entry.tokenId, entry.book.hash(), entry.book.exchangeTime(),
                    entry.book.bestBid(), entry.book.bestAsk()));
        }
        offset += samples.size();
        watch.asked(now);
        return samples;
    }

    /** Asks REST ({@code POST /books}) for the sampled tokens' books; a call that cannot start fails the answer. */
    CompletableFuture<List<RestBook>> request(List<Sample> samples) {
        try {
            return rest.books(samples.stream().map(Sample::tokenId).toList());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Judges REST's answer to the samples; returns why the socket is frozen, or null when it stays
     * (a quiet market, data that resumed meanwhile, or a failed witness, which is counted).
     */
    String onAnswer(long now, long framesSinceAsked, List<Sample> samples, long silentFor, List<RestBook> answer,
                    Throwable error) {
        if (framesSinceAsked != 0) {
            // Data resumed while REST was asked: the socket is not silent, and a REST book that moved
            // meanwhile would only prove we compared it with a sample taken before that data.
            watch.answered(now, false);
            log.info("socket {}: data resumed while the REST witness was asked ({} frame(s)); verdict discarded",
                    socketId, framesSinceAsked);
            return null;
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            failed(now, WitnessFailure.of(cause), silentFor, String.valueOf(cause.getMessage()));
            return null;
        }
        Map<String, RestBook> byToken = new HashMap<>();
        answer.forEach(book -> byToken.put(book.assetId(), book));
        boolean compared = false;
        for (Sample sample : samples) {
            RestBook rest = byToken.get(sample.tokenId());
            if (rest == null) {
                continue;
            }
            compared = true;
            // Moved = changed after the last event we saw, in a way we can tell: a different top of book,
            // or a different hash while ours is known (a trade changes the hash without sending it).
            boolean later = rest.timestamp() > sample.exchangeTime();
            boolean differs = !ShardBooks.sameLevel(rest.bestBid(), sample.bestBid())
                    || !ShardBooks.sameLevel(rest.bestAsk(), sample.bestAsk())
                    || (sample.hash() != null && rest.hash() != null && !rest.hash().equals(sample.hash()));
            if (later && differs) {
                watch.answered(now, false);
                return "frozen: no data for " + silentFor + " ms while the REST book of token "
                        + MarketChannel.abbreviateId(sample.tokenId()) + " moved (" + sample.exchangeTime() + " -> "
                        + rest.timestamp() + ")";
            }
        }
        if (!compared) {
            failed(now, WitnessFailure.NO_ANSWER, silentFor, "REST answered none of the " + samples.size()
                    + " token(s) asked about");
            return null;
        }
        watch.answered(now, true);
        log.debug("socket {}: quiet for {} ms, REST agrees for {} token(s)", socketId, silentFor, samples.size());
        return null;
    }

    /** Counted, reported in the socket's status, logged once a minute with a count; the bound still holds. */
    private void failed(long now, WitnessFailure reason, long silentFor, String detail) {
        watch.answered(now, false);
        failures++;
        lastFailure = reason.metricName() + ": " + detail;
        lastFailureTime = now;
        dispatcher.submit(l -> l.onWitnessFailure(socketId, reason));
        String failure = lastFailure;
        failureLog.record(() -> "socket " + socketId + ": silent for " + silentFor + " ms and the REST witness failed: "
                + failure + "; the socket is replaced after " + 3 * watch.timeoutMillis()
                + " ms of silence unless a witness confirms a quiet market");
    }
}
