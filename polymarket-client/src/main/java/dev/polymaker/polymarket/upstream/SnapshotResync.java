package dev.polymaker.polymarket.upstream;

import dev.polymaker.polymarket.rest.ClobRestException;
import dev.polymaker.polymarket.rest.RestBook;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST {@code GET /book} resyncs of one socket's tokens (polymarket-protocol.md §9): asking, applying
 * the answer, retrying failed asks, and failing tokens the exchange does not know. Called by its
 * {@link MarketChannel} under the channel's lock.
 */
final class SnapshotResync {

    private static final Logger log = LoggerFactory.getLogger(MarketChannel.class);
    /** After a {@code []} answer, how long the other books get to arrive before REST is asked about the rest. */
    private static final long EMPTY_ANSWER_GRACE_MILLIS = 1_000;

    private final int socketId;
    private final ShardBooks books;
    private final BookRest rest;
    private final long failedRetryMillis;
    private final long retryMillis;
    private final int perTick;
    /** When tokens still without a first book are checked on REST after the exchange answered {@code []}; 0 when not due. */
    private long emptyAnswerCheckAt;

    SnapshotResync(int socketId, ShardBooks books, BookRest rest, long failedRetryMillis, long firstBookTimeoutMillis,
                   int perTick) {
        this.socketId = socketId;
        this.books = books;
        this.rest = rest;
        this.failedRetryMillis = failedRetryMillis;
        this.retryMillis = Math.max(1_000, Math.min(5_000, firstBookTimeoutMillis));
        this.perTick = perTick;
    }

    /** A new connection: no {@code []} answer pending. */
    void reset() {
        emptyAnswerCheckAt = 0;
    }

    /** The exchange answered {@code []} for some token we asked for; which one is found on REST later. */
    void emptyAnswer(long now) {
        if (emptyAnswerCheckAt == 0) {
            emptyAnswerCheckAt = now + EMPTY_ANSWER_GRACE_MILLIS;
        }
    }

    /**
     * Starts a REST snapshot for the token unless one is under way, not yet due, or pointless; returns
     * the answer to hand back to {@link #onAnswer}, or null when nothing was asked.
     */
    CompletableFuture<RestBook> ask(TokenEntry entry, long now) {
        if (entry == null || entry.restPending || now < entry.restRetryAt || entry.state == TokenState.RESOLVED) {
            return null;
        }
        books.awaitRestSnapshot(entry);
        try {
            return rest.book(entry.tokenId);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Applies an answer asked on {@code sameSocket} (false when the channel reconnected meanwhile). */
    void onAnswer(TokenEntry entry, boolean sameSocket, RestBook book, Throwable error, long now) {
        if (entry == null || !entry.restPending) {
            return; // removed, or a book came first
        }
        if (!sameSocket) {
            books.abandonRestSnapshot(entry);
            return; // reconnected meanwhile: the new subscription's snapshots resync it
        }
        if (error != null) {
            books.abandonRestSnapshot(entry);
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof ClobRestException restError && restError.kind() == ClobRestException.Kind.NOT_FOUND
                    && entry.book == null && entry.state != TokenState.LIVE) {
                failUnknown(entry, now);
                return;
            }
            entry.restRetryAt = now + retryMillis;
            log.warn("socket {}: REST /book for token {} failed ({}); asking again in {} ms", socketId,
                    MarketChannel.abbreviateId(entry.tokenId), cause.getMessage(), retryMillis);
            return;
        }
        List<String> desynced = new ArrayList<>();
        if (!books.applyRestSnapshot(entry, book, now, desynced)) {
            entry.restRetryAt = now; // the buffer overflowed: ask again on the next watchdog tick
        }
    }

    /** The exchange answered {@code []} and REST 404: the token does not trade (unknown id or closed market). */
    private void failUnknown(TokenEntry entry, long now) {
        entry.awaitingSince = 0;
        entry.failedRetryAt = now + failedRetryMillis;
        String why = "unknown or closed: no book on the market channel and REST /book 404 (socket " + socketId + ")";
        log.error("socket {}: token {} FAILED: {}; subscribing afresh every {} ms", socketId,
                MarketChannel.abbreviateId(entry.tokenId), why, failedRetryMillis);
        books.changeState(entry, TokenState.FAILED, why, now);
    }

    /** DESYNCED tokens whose REST snapshot failed, and tokens without a first book after {@code []}: the ones to ask now. */
    List<TokenEntry> due(Collection<TokenEntry> tokens, long now) {
        boolean emptyAnswerDue = emptyAnswerCheckAt != 0 && now >= emptyAnswerCheckAt;
        if (emptyAnswerDue) {
            emptyAnswerCheckAt = 0;
        }
        List<TokenEntry> due = new ArrayList<>();
        for (TokenEntry entry : tokens) {
            if (due.size() >= perTick) {
                break;
            }
            boolean desynced = entry.state == TokenState.DESYNCED;
            boolean unanswered = emptyAnswerDue && entry.book == null && entry.awaitingSince != 0
                    && entry.state == TokenState.PENDING;
            if ((desynced || unanswered) && !entry.restPending && now >= entry.restRetryAt) {
                due.add(entry);
            }
        }
        return due;
    }
}
