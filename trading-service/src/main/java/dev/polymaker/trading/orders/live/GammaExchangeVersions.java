package dev.polymaker.trading.orders.live;

import dev.polymaker.polymarket.order.ExchangeVersion;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which exchange settles each token, asked of Gamma once per token and cached for good (a market's
 * version never changes). A failed lookup is not cached and not guessed: it throws, so that
 * token's order is rejected with the reason, and the next order asks again.
 */
public final class GammaExchangeVersions implements Function<String, ExchangeVersion> {

    private static final Logger log = LoggerFactory.getLogger(GammaExchangeVersions.class);

    private final Function<String, ExchangeVersion> gamma;
    private final Map<String, ExchangeVersion> versions = new ConcurrentHashMap<>();
    private final Map<String, Integer> failing = new ConcurrentHashMap<>();

    /** @param gamma the lookup, e.g. {@code GammaMarkets::exchangeVersion}; throws when Gamma cannot answer */
    public GammaExchangeVersions(Function<String, ExchangeVersion> gamma) {
        this.gamma = Objects.requireNonNull(gamma, "gamma");
    }

    /**
     * The token's exchange; throws {@link IllegalStateException} naming the token and Gamma's
     * failure when it cannot be learnt.
     */
    @Override
    public ExchangeVersion apply(String tokenId) {
        ExchangeVersion known = versions.get(tokenId);
        if (known != null) {
            return known;
        }
        ExchangeVersion version;
        try {
            version = Objects.requireNonNull(gamma.apply(tokenId), "Gamma lookup returned no version");
        } catch (RuntimeException e) {
            int failures = failing.merge(tokenId, 1, Integer::sum);
            String reason = "token " + tokenId + ": cannot tell which exchange settles its orders, so nothing is"
                    + " signed for it (Gamma: " + e.getMessage() + ")";
            if (failures == 1) {
                log.error("{}; its orders are rejected until Gamma answers", reason);
            } else {
                log.debug("{} ({} failures)", reason, failures);
            }
            throw new IllegalStateException(reason, e);
        }
        versions.put(tokenId, version);
        Integer failures = failing.remove(tokenId);
        log.info("token {} settles on {} (EIP-712 domain version \"{}\"){}", tokenId, version,
                version.domainVersion(), failures == null ? "" : ", learnt after " + failures + " failed lookups");
        return version;
    }

    /** Tokens whose exchange is known. */
    public Set<String> known() {
        return Set.copyOf(versions.keySet());
    }
}
