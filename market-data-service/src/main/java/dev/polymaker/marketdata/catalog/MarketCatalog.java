package dev.polymaker.marketdata.catalog;

import dev.polymaker.polymarket.rest.GammaException;
import dev.polymaker.polymarket.rest.GammaMarket;
import dev.polymaker.support.RepeatedCondition;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Gamma's view of the tokens we carry (docs/architecture.md §4, "market lifecycle"): each token's
 * market question and outcome name for operators, and a resolution check because the exchange's
 * {@code market_resolved} is known to go undelivered for hours. One {@link #check()} run looks up
 * (at most {@code maxLookupsPerRun} markets): tokens the exchange answered with {@code []} (FAILED,
 * "unknown or closed") every run, tokens without a name, and every token once per
 * {@code refreshInterval}. A market Gamma reports {@code closed} with binary outcome prices is
 * handed to {@code onResolved}. Lookups are blocking: run it on its own thread, never on the tick
 * path. Failures are counted and logged once a minute; the names already known are kept.
 */
public final class MarketCatalog {

    private static final Logger log = LoggerFactory.getLogger(MarketCatalog.class);

    /** One market looked up, as far as the catalog needs it. */
    public record Entry(MarketName name, Optional<String> winningTokenId, Set<String> tokenIds, long checkedAt) {
    }

    private final Function<String, GammaMarket> gamma;
    private final Supplier<Collection<String>> carried;
    private final Predicate<String> unknownOrClosed;
    private final Consumer<GammaMarket> onResolved;
    private final Clock clock;
    private final long refreshMillis;
    private final int maxLookupsPerRun;
    private final Map<String, Entry> byToken = new ConcurrentHashMap<>();
    private final Set<String> resolvedMarkets = ConcurrentHashMap.newKeySet();
    private final RepeatedCondition failureLog;
    private long failures;
    private String lastFailure;

    /**
     * @param gamma           looks a token's market up (blocking; throws {@link GammaException})
     * @param carried         the tokens held upstream now
     * @param unknownOrClosed whether the exchange answered a token with {@code []} and REST 404
     * @param onResolved      told once of every resolved market found
     */
    public MarketCatalog(Function<String, GammaMarket> gamma, Supplier<Collection<String>> carried,
                         Predicate<String> unknownOrClosed, Consumer<GammaMarket> onResolved, Clock clock,
                         Duration refreshInterval, int maxLookupsPerRun) {
        this.gamma = gamma;
        this.carried = carried;
        this.unknownOrClosed = unknownOrClosed;
        this.onResolved = onResolved;
        this.clock = clock;
        this.refreshMillis = refreshInterval.toMillis();
        this.maxLookupsPerRun = maxLookupsPerRun;
        this.failureLog = new RepeatedCondition(log, Level.WARN, clock, Duration.ofMinutes(1));
    }

    /** The token's market name, when Gamma has been asked (never blocks). */
    public Optional<MarketName> name(String tokenId) {
        Entry entry = byToken.get(tokenId);
        return entry == null ? Optional.empty() : Optional.of(entry.name());
    }

    /** Names of every token looked up so far. */
    public Map<String, MarketName> names() {
        Map<String, MarketName> out = new HashMap<>();
        byToken.forEach((token, entry) -> out.put(token, entry.name()));
        return out;
    }

    /** Failed lookups, ever. */
    public synchronized long failures() {
        return failures;
    }

    /** One round of lookups; catches its own failures. */
    public void check() {
        long now = clock.millis();
        Set<String> done = new HashSet<>();
        int lookups = 0;
        // Most urgent first: tokens the exchange no longer serves, then unnamed ones, then stale ones.
        for (int pass = 0; pass < 3 && lookups < maxLookupsPerRun; pass++) {
            for (String tokenId : carried.get()) {
                if (lookups >= maxLookupsPerRun) {
                    break;
                }
                if (done.contains(tokenId) || !due(pass, tokenId, now)) {
                    continue;
                }
                lookups++;
                lookUp(tokenId, now).ifPresent(done::addAll);
                done.add(tokenId);
            }
        }
    }

    private boolean due(int pass, String tokenId, long now) {
        Entry entry = byToken.get(tokenId);
        if (entry != null && entry.winningTokenId().isPresent()) {
            return false; // resolved: nothing more to learn
        }
        return switch (pass) {
            case 0 -> unknownOrClosed.test(tokenId);
            case 1 -> entry == null;
            default -> entry != null && now - entry.checkedAt() >= refreshMillis;
        };
    }

    private Optional<Set<String>> lookUp(String tokenId, long now) {
        GammaMarket market;
        try {
            market = gamma.apply(tokenId);
        } catch (RuntimeException e) {
            failed(now, tokenId, e);
            return Optional.empty();
        }
        Optional<String> winner = market.winningTokenId();
        Set<String> tokens = new HashSet<>(market.outcomeTokenIds());
        tokens.add(tokenId);
        for (String token : tokens) {
            byToken.put(token, new Entry(new MarketName(market.conditionId(), market.question(),
                    market.outcomeOf(token).orElse(null)), winner, tokens, now));
        }
        if (winner.isPresent() && market.conditionId() != null && resolvedMarkets.add(market.conditionId())) {
            log.info("Gamma reports market {} ({}) closed, winner {}", market.conditionId(), market.question(),
                    winner.get());
            onResolved.accept(market);
        }
        return Optional.of(tokens);
    }

    private synchronized void failed(long now, String tokenId, RuntimeException e) {
        failures++;
        lastFailure = e.getMessage();
        String failure = lastFailure;
        failureLog.record(() -> "Gamma lookup failed (names and resolutions wait): token " + tokenId + ": " + failure);
    }
}
