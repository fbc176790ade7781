package dev.polymaker.trading.tokens;

import dev.polymaker.marketdata.api.Destinations;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The one owner of every token this instance trades. Adding a token from any source, any number
 * of times and from any thread, creates its owner exactly once: every change of one token runs
 * inside {@link ConcurrentHashMap#compute}, and so do the lifecycle callbacks, which must be cheap.
 *
 * @param <T> the per-token owner (the strategy runner)
 */
public final class TokenRegistry<T> {

    /** Told when a token gets or loses its owner; called inside the token's atomic update, so keep it short. */
    public interface Lifecycle<T> {
        void added(String tokenId, T owner);

        void removed(String tokenId, T owner);
    }

    private record Entry<T>(T owner, Set<TokenSource> sources) {
    }

    private final Map<String, Entry<T>> tokens = new ConcurrentHashMap<>();
    private final Function<String, T> factory;
    private final Lifecycle<T> lifecycle;

    public TokenRegistry(Function<String, T> factory, Lifecycle<T> lifecycle) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    }

    /** Adds a source of demand; returns true when this call created the token's owner. */
    public boolean add(String tokenId, TokenSource source) {
        requireValid(tokenId);
        boolean[] created = {false};
        tokens.compute(tokenId, (id, e) -> {
            if (e == null) {
                T owner = factory.apply(id);
                created[0] = true;
                lifecycle.added(id, owner);
                return new Entry<>(owner, EnumSet.of(source));
            }
            Set<TokenSource> sources = EnumSet.copyOf(e.sources);
            sources.add(source);
            return new Entry<>(e.owner, sources);
        });
        return created[0];
    }

    /** Drops one source; returns true when the token lost its last source and its owner was removed. */
    public boolean remove(String tokenId, TokenSource source) {
        boolean[] removed = {false};
        tokens.computeIfPresent(tokenId, (id, e) -> {
            Set<TokenSource> sources = EnumSet.copyOf(e.sources);
            sources.remove(source);
            if (sources.isEmpty()) {
                removed[0] = true;
                lifecycle.removed(id, e.owner);
                return null;
            }
            return new Entry<>(e.owner, sources);
        });
        return removed[0];
    }

    /** Makes the file's set the whole of {@code source}'s demand: adds new ids, drops the source from the rest. */
    public void replace(TokenSource source, Collection<String> ids) {
        Set<String> wanted = new HashSet<>(ids);
        for (String id : wanted) {
            add(id, source);
        }
        for (Map.Entry<String, Entry<T>> e : tokens.entrySet()) {
            if (e.getValue().sources.contains(source) && !wanted.contains(e.getKey())) {
                remove(e.getKey(), source);
            }
        }
    }

    public Optional<T> owner(String tokenId) {
        Entry<T> e = tokens.get(tokenId);
        return e == null ? Optional.empty() : Optional.of(e.owner);
    }

    public Set<TokenSource> sources(String tokenId) {
        Entry<T> e = tokens.get(tokenId);
        return e == null ? Set.of() : Set.copyOf(e.sources);
    }

    public Set<String> ids() {
        return Set.copyOf(tokens.keySet());
    }

    public Map<String, T> owners() {
        Map<String, T> out = new java.util.TreeMap<>();
        tokens.forEach((id, e) -> out.put(id, e.owner));
        return out;
    }

    public int size() {
        return tokens.size();
    }

    public static void requireValid(String tokenId) {
        if (!Destinations.isValidTokenId(tokenId)) {
            throw new IllegalArgumentException("token id must be 1-100 decimal digits, was '" + tokenId + "'");
        }
    }
}
