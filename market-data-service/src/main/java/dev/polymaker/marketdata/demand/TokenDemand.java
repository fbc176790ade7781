package dev.polymaker.marketdata.demand;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The merged, reference-counted demand for tokens from every {@link DemandSource}. A token is
 * added upstream as soon as one source wants it and removed only after the grace period once no
 * source does. At most {@code maxTokens} tokens are held upstream; when the limit is reached,
 * tokens waiting out their grace period are released early to make room, and only then is new
 * demand refused.
 */
public final class TokenDemand {

    private static final Logger log = LoggerFactory.getLogger(TokenDemand.class);

    private final Clock clock;
    private final Duration grace;
    private final int maxTokens;
    private final UpstreamTokens upstream;
    private final Map<String, EnumMap<DemandSource, Integer>> wanted = new HashMap<>();
    private final Map<String, Long> releasing = new HashMap<>();
    /** Resolved tokens still upstream, with when they leave it (their grace period, for consumers to hear RESOLVED). */
    private final Map<String, Long> retiring = new HashMap<>();
    /** Resolved tokens no longer held upstream: demand for them is kept and shown, never sent upstream again. */
    private final Set<String> retired = new HashSet<>();

    public TokenDemand(Clock clock, Duration grace, int maxTokens, UpstreamTokens upstream) {
        this.clock = clock;
        this.grace = grace;
        this.maxTokens = maxTokens;
        this.upstream = upstream;
    }

    /** One more reference from {@code source}; refused when the token would exceed the token limit. */
    public synchronized Admission acquire(DemandSource source, String tokenId) {
        if (!isUpstream(tokenId) && !retired.contains(tokenId) && !makeRoom(1)) {
            return Admission.TOO_MANY_TOKENS;
        }
        boolean added = addReference(source, tokenId);
        if (added) {
            upstream.add(Set.of(tokenId));
        }
        return Admission.ACCEPTED;
    }

    /** One reference fewer from {@code source}; the token starts its grace period when no source wants it. */
    public synchronized void release(DemandSource source, String tokenId) {
        EnumMap<DemandSource, Integer> sources = wanted.get(tokenId);
        if (sources == null || !sources.containsKey(source)) {
            return;
        }
        int count = sources.get(source) - 1;
        if (count > 0) {
            sources.put(source, count);
            return;
        }
        sources.remove(source);
        if (sources.isEmpty()) {
            wanted.remove(tokenId);
            releasing.put(tokenId, clock.millis() + grace.toMillis());
        }
    }

    /**
     * Replaces the whole set wanted by a set-like source (configuration, token file): tokens
     * not in {@code tokens} lose that source's reference. Refused as a whole, leaving the old set
     * in force, when the new tokens would exceed the token limit.
     */
    public synchronized Admission replace(DemandSource source, Set<String> tokens) {
        List<String> fresh = tokens.stream().filter(t -> !isUpstream(t) && !retired.contains(t)).sorted().toList();
        if (!fresh.isEmpty() && !makeRoom(fresh.size())) {
            return Admission.TOO_MANY_TOKENS;
        }
        for (String tokenId : holders(source)) {
            if (!tokens.contains(tokenId)) {
                releaseAll(source, tokenId);
            }
        }
        Set<String> added = new LinkedHashSet<>();
        for (String tokenId : tokens) {
            EnumMap<DemandSource, Integer> sources = wanted.get(tokenId);
            if (sources != null && sources.containsKey(source)) {
                continue;
            }
            if (addReference(source, tokenId)) {
                added.add(tokenId);
            }
        }
        if (!added.isEmpty()) {
            upstream.add(added);
        }
        return Admission.ACCEPTED;
    }

    /** Whether {@code source} holds a reference on the token. */
    public synchronized boolean wants(DemandSource source, String tokenId) {
        EnumMap<DemandSource, Integer> sources = wanted.get(tokenId);
        return sources != null && sources.containsKey(source);
    }

    /** Drops every reference {@code source} holds on the token. */
    public synchronized void releaseAll(DemandSource source, String tokenId) {
        EnumMap<DemandSource, Integer> sources = wanted.get(tokenId);
        if (sources == null) {
            return;
        }
        Integer count = sources.get(source);
        for (int i = 0; count != null && i < count; i++) {
            release(source, tokenId);
        }
    }

    /**
     * The tokens' market resolved: they leave the upstream set after the grace period (so consumers
     * hear RESOLVED first), whoever still wants them, and are never subscribed upstream again.
     */
    public synchronized void resolved(Collection<String> tokenIds) {
        long at = clock.millis() + grace.toMillis();
        for (String tokenId : tokenIds) {
            if (isUpstream(tokenId) && !retiring.containsKey(tokenId)) {
                retiring.put(tokenId, at);
            }
        }
    }

    /** Whether the token's market resolved and it has left the upstream set. */
    public synchronized boolean retired(String tokenId) {
        return retired.contains(tokenId);
    }

    /** Removes upstream every token whose grace period is over, and resolved ones whose time came; returns them. */
    public synchronized Set<String> sweep() {
        long now = clock.millis();
        Set<String> expired = new HashSet<>();
        releasing.forEach((tokenId, at) -> {
            if (at <= now) {
                expired.add(tokenId);
            }
        });
        expired.forEach(releasing::remove);
        Set<String> resolvedDue = new HashSet<>();
        retiring.forEach((tokenId, at) -> {
            if (at <= now) {
                resolvedDue.add(tokenId);
            }
        });
        resolvedDue.forEach(retiring::remove);
        Set<String> leaving = new HashSet<>(expired);
        for (String tokenId : resolvedDue) {
            if (wanted.containsKey(tokenId)) {
                retired.add(tokenId); // still wanted: shown as resolved, no longer held upstream
            }
            leaving.add(tokenId);
        }
        leaving.removeIf(tokenId -> retired.contains(tokenId) && !resolvedDue.contains(tokenId));
        if (!leaving.isEmpty()) {
            upstream.remove(leaving);
        }
        return leaving;
    }

    /** Tokens currently held upstream (wanted or in their grace period). */
    public synchronized Set<String> tokens() {
        Set<String> all = new HashSet<>(wanted.keySet());
        all.addAll(releasing.keySet());
        return all;
    }

    /** Tokens held upstream (a retired resolved token is not). */
    public synchronized int size() {
        return wanted.size() + releasing.size() - (int) retired.stream().filter(wanted::containsKey).count();
    }

    public synchronized Optional<TokenDemandView> view(String tokenId) {
        if (!isUpstream(tokenId)) {
            return Optional.empty();
        }
        EnumMap<DemandSource, Integer> sources = wanted.get(tokenId);
        return Optional.of(new TokenDemandView(tokenId, sources == null ? Map.of() : sources,
                releasing.getOrDefault(tokenId, 0L)));
    }

    /** Every token held upstream, by token id. */
    public synchronized Map<String, TokenDemandView> views() {
        Map<String, TokenDemandView> views = new TreeMap<>();
        wanted.forEach((id, sources) -> views.put(id, new TokenDemandView(id, sources, 0)));
        releasing.forEach((id, at) -> views.put(id, new TokenDemandView(id, Map.of(), at)));
        return views;
    }

    public int maxTokens() {
        return maxTokens;
    }

    private boolean isUpstream(String tokenId) {
        return (wanted.containsKey(tokenId) || releasing.containsKey(tokenId)) && !retired.contains(tokenId);
    }

    /** Returns true when the token was not held upstream before and may be (the caller adds it there). */
    private boolean addReference(DemandSource source, String tokenId) {
        boolean wasUpstream = isUpstream(tokenId);
        releasing.remove(tokenId);
        wanted.computeIfAbsent(tokenId, id -> new EnumMap<>(DemandSource.class)).merge(source, 1, Integer::sum);
        return !wasUpstream && !retired.contains(tokenId);
    }

    private List<String> holders(DemandSource source) {
        List<String> holders = new ArrayList<>();
        wanted.forEach((id, sources) -> {
            if (sources.containsKey(source)) {
                holders.add(id);
            }
        });
        return holders;
    }

    /** Makes room for {@code needed} more tokens by releasing grace-period tokens, oldest release first. */
    private boolean makeRoom(int needed) {
        int excess = size() + needed - maxTokens;
        if (excess <= 0) {
            return true;
        }
        if (excess > releasing.size()) {
            return false;
        }
        Set<String> evicted = new LinkedHashSet<>();
        releasing.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.naturalOrder())).limit(excess)
                .forEach(e -> evicted.add(e.getKey()));
        evicted.forEach(releasing::remove);
        log.info("token limit {} reached: releasing {} tokens early from their grace period", maxTokens, evicted.size());
        upstream.remove(evicted);
        return true;
    }
}
