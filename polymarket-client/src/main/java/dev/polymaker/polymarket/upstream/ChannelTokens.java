package dev.polymaker.polymarket.upstream;

import dev.polymaker.support.ListenerQueue;
import dev.polymaker.polymarket.book.BookSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tokens one socket carries, as its connection sees them: added as PENDING, awaiting a book
 * after each subscribe, stale when the connection drops, resolved for good. Guarded by its
 * {@link MarketChannel}; the books themselves are {@link ShardBooks}'.
 */
final class ChannelTokens {

    private final int socketId;
    private final ShardBooks books;
    private final ListenerQueue<UpstreamListener> dispatcher;
    /** The live token map of {@link #books}. */
    private final Map<String, TokenEntry> tokens;

    ChannelTokens(int socketId, ShardBooks books, ListenerQueue<UpstreamListener> dispatcher) {
        this.socketId = socketId;
        this.books = books;
        this.dispatcher = dispatcher;
        this.tokens = books.entries();
    }

    int size() {
        return tokens.size();
    }

    boolean isEmpty() {
        return tokens.isEmpty();
    }

    Collection<String> ids() {
        return tokens.keySet();
    }

    Collection<TokenEntry> entries() {
        return tokens.values();
    }

    TokenEntry get(String tokenId) {
        return tokens.get(tokenId);
    }

    /** Adds the tokens not carried yet as PENDING; returns them. */
    List<String> add(Collection<String> tokenIds, long now) {
        List<String> added = new ArrayList<>();
        for (String tokenId : tokenIds) {
            if (!tokens.containsKey(tokenId)) {
                TokenEntry entry = new TokenEntry(tokenId, now, "subscribing on socket " + socketId);
                tokens.put(tokenId, entry);
                added.add(tokenId);
                dispatcher.submit(l -> l.onTokenState(tokenId, TokenState.PENDING, entry.reason));
            }
        }
        return added;
    }

    /** Forgets the tokens and their books; returns the ones that were carried here. */
    List<String> remove(Collection<String> tokenIds) {
        List<String> removed = new ArrayList<>();
        for (String tokenId : tokenIds) {
            if (tokens.remove(tokenId) != null) {
                removed.add(tokenId);
            }
        }
        return removed;
    }

    /** The tokens were just subscribed: each awaits its first book from {@code now}. */
    void subscribed(Collection<String> tokenIds, long now) {
        for (String tokenId : tokenIds) {
            TokenEntry entry = tokens.get(tokenId);
            entry.awaitingSince = now;
            entry.mismatchEnded();
        }
    }

    /** Resubscribing the tokens: they await a fresh book and the listener hears why. */
    void resyncing(List<String> tokenIds, ResyncReason reason, long now) {
        subscribed(tokenIds, now);
        for (String tokenId : tokenIds) {
            dispatcher.submit(l -> l.onResync(tokenId, reason));
        }
    }

    /** The connection dropped: every book on it becomes STALE until a new snapshot arrives. */
    void connectionLost(String why, long now) {
        for (TokenEntry entry : tokens.values()) {
            entry.awaitingSince = 0;
            books.abandonRestSnapshot(entry); // the new connection's snapshots resync it
            if (entry.state == TokenState.LIVE || entry.state == TokenState.DESYNCED) {
                books.changeState(entry, TokenState.STALE, why, now);
            }
        }
    }

    /** Makes the carried tokens among {@code tokenIds} RESOLVED (final); returns how many there were. */
    int resolve(Collection<String> tokenIds, String why, long now) {
        int resolved = 0;
        for (String tokenId : tokenIds) {
            TokenEntry entry = tokens.get(tokenId);
            if (entry != null && entry.state != TokenState.RESOLVED) {
                books.resolve(entry, why, now);
                resolved++;
            }
        }
        return resolved;
    }

    /** LIVE tokens with a book: the ones a silence witness can check. */
    List<TokenEntry> live() {
        List<TokenEntry> live = new ArrayList<>();
        for (TokenEntry entry : tokens.values()) {
            if (entry.book != null && entry.state == TokenState.LIVE) {
                live.add(entry);
            }
        }
        return live;
    }

    Optional<BookSnapshot> book(String tokenId) {
        TokenEntry entry = tokens.get(tokenId);
        return entry == null || entry.book == null ? Optional.empty() : Optional.of(entry.book.snapshot());
    }

    Optional<TokenStatus> status(String tokenId) {
        TokenEntry entry = tokens.get(tokenId);
        return entry == null ? Optional.empty() : Optional.of(entry.status(socketId));
    }

    void collectStatus(Map<String, TokenStatus> into) {
        tokens.values().forEach(entry -> into.put(entry.tokenId, entry.status(socketId)));
    }
}
