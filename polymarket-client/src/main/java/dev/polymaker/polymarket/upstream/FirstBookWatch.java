package dev.polymaker.polymarket.upstream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first-book watchdog of one socket: which tokens are resubscribed because their first book is
 * late, which fail, which FAILED ones are subscribed afresh, and when a socket that delivered no
 * data at all is itself at fault. Decides and updates the entries; the {@link MarketChannel} acts
 * on the returned {@link Action} under its lock.
 */
final class FirstBookWatch {

    private static final Logger log = LoggerFactory.getLogger(MarketChannel.class);

    /** What the channel must do after a check. */
    sealed interface Action {
    }

    /** The socket delivered nothing since connecting: drop it as frozen. */
    record DropFrozen(String why) implements Action {
    }

    /** Resync {@code retry} (late first book) and {@code failedRetry} (FAILED, due afresh); either may be empty. */
    record Resync(List<String> retry, List<String> failedRetry) implements Action {
    }

    private final int socketId;
    private final long limitMillis;
    private final int retries;
    private final long failedRetryMillis;
    private final ShardBooks books;
    /** Reconnects in a row because a connection delivered no data at all before the first-book timeout. */
    private int noDataReconnects;

    FirstBookWatch(int socketId, long firstBookTimeoutMillis, int firstBookRetries, long failedRetryMillis,
                   ShardBooks books) {
        this.socketId = socketId;
        this.limitMillis = firstBookTimeoutMillis;
        this.retries = firstBookRetries;
        this.failedRetryMillis = failedRetryMillis;
        this.books = books;
    }

    /** A data frame arrived: the server is not the one at fault. */
    void dataArrived() {
        noDataReconnects = 0;
    }

    /**
     * Resubscribes tokens whose first book is late (and asks REST for it), fails them after the
     * allowed retries and subscribes FAILED tokens afresh every {@code failedTokenRetry}.
     */
    Action check(Collection<TokenEntry> tokens, long now, long connectedSince, boolean dataSinceConnect) {
        if (!dataSinceConnect && noDataReconnects < retries) {
            // Not one data frame since connecting: the server (answering PING only) is at fault, not
            // the tokens. Bounded, so a socket whose every token is unknown still ends with FAILED tokens.
            long late = tokens.stream().filter(entry -> entry.state != TokenState.FAILED
                    && entry.state != TokenState.RESOLVED
                    && entry.awaitingSince != 0 && now - entry.awaitingSince >= limitMillis).count();
            if (late > 0) {
                noDataReconnects++;
                return new DropFrozen("no data at all for " + (now - connectedSince)
                        + " ms since connecting, " + late + " token(s) without a first book; treating the server as"
                        + " frozen (" + noDataReconnects + " of " + retries + ")");
            }
        }
        List<String> retry = new ArrayList<>();
        List<String> failedRetry = new ArrayList<>();
        int stillFailed = 0;
        for (TokenEntry entry : tokens) {
            if (entry.state == TokenState.RESOLVED) {
                continue;
            }
            if (entry.state == TokenState.FAILED && entry.awaitingSince == 0) {
                if (now >= entry.failedRetryAt) {
                    entry.failedRetryAt = now + failedRetryMillis;
                    failedRetry.add(entry.tokenId);
                }
                continue;
            }
            if (entry.awaitingSince == 0 || now - entry.awaitingSince < limitMillis) {
                continue;
            }
            if (entry.state == TokenState.FAILED) {
                entry.awaitingSince = 0;
                stillFailed++;
            } else if (entry.firstBookRetries < retries) {
                entry.firstBookRetries++;
                retry.add(entry.tokenId);
                log.warn("socket {}: no book for token {} after {} ms; resubscribing and asking REST (retry {} of {})",
                        socketId, MarketChannel.abbreviateId(entry.tokenId), now - entry.awaitingSince,
                        entry.firstBookRetries, retries);
            } else {
                entry.awaitingSince = 0;
                entry.failedRetryAt = now + failedRetryMillis;
                String why = "no book after " + (entry.firstBookRetries + 1) + " subscribes on socket " + socketId;
                log.error("socket {}: token {} FAILED: {}; subscribing afresh every {} ms", socketId,
                        MarketChannel.abbreviateId(entry.tokenId), why, failedRetryMillis);
                books.changeState(entry, TokenState.FAILED, why, now);
            }
        }
        if (stillFailed > 0) {
            log.warn("socket {}: {} FAILED token(s) still without a book; next fresh subscribe in {} ms", socketId,
                    stillFailed, failedRetryMillis);
        }
        if (!failedRetry.isEmpty()) {
            log.warn("socket {}: subscribing {} FAILED token(s) afresh", socketId, failedRetry.size());
        }
        return new Resync(retry, failedRetry);
    }
}
