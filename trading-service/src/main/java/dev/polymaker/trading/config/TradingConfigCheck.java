package dev.polymaker.trading.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.polymaker.polymarket.upstream.UpstreamConfig;
import dev.polymaker.trading.feed.SharedReplica;

/** Checks what the binder cannot: URL schemes and hosts, a readable token file, a live mode that can work. */
public final class TradingConfigCheck {

    private TradingConfigCheck() {
    }

    public static void check(TradingProperties p, boolean liveGatewayAvailable) {
        checkMarketDataUrls(p.getMarketData());
        requireUrl("trading.direct.url", p.getDirect().getUrl(), Set.of("ws", "wss"),
                "use the Polymarket market channel, e.g. wss://ws-subscriptions-clob.polymarket.com/ws/market");
        requireUrl("trading.direct.rest-url", p.getDirect().getRestUrl(), Set.of("http", "https"),
                "use the Polymarket CLOB REST base, e.g. https://clob.polymarket.com");
        requireUrl("trading.clob.url", p.getClob().getUrl(), Set.of("http", "https"),
                "use the Polymarket CLOB REST base, e.g. https://clob.polymarket.com");
        Path file = p.getTokenFile();
        if (file != null && !(Files.isRegularFile(file) && Files.isReadable(file))) {
            throw new InvalidTradingConfigException("trading.token-file", file,
                    Files.exists(file) ? "not a readable file" : "no such file",
                    "point it at the copy-trade watcher's tokens_from_copytrade.json (readable by this process), "
                            + "or remove the setting");
        }
        for (String id : p.getTokens()) {
            if (!dev.polymaker.marketdata.api.Destinations.isValidTokenId(id)) {
                throw new InvalidTradingConfigException("trading.tokens", id, "not a token id",
                        "list CLOB token ids: decimal strings of at most 100 digits");
            }
        }
        requirePositive("trading.feed.stale-after", p.getFeed().getStaleAfter());
        requirePositive("trading.feed.return-after", p.getFeed().getReturnAfter());
        requirePositive("trading.feed.check-interval", p.getFeed().getCheckInterval());
        requirePositive("trading.token-file-poll", p.getTokenFilePoll());
        requirePositive("trading.summary-interval", p.getSummaryInterval());
        checkTimings(p);
        if (p.getDirect().getConnectJitter().isNegative()) {
            throw new InvalidTradingConfigException("trading.direct.connect-jitter", p.getDirect().getConnectJitter(),
                    "negative", "use 0s or more (default 2s)");
        }
        if (p.getFeed().getMaxTickAge().isNegative()) {
            throw new InvalidTradingConfigException("trading.feed.max-tick-age", p.getFeed().getMaxTickAge(),
                    "negative", "use a positive age such as 2s, or 0s to turn the check off");
        }
        try {
            p.getStrategy().toParameters();
        } catch (IllegalArgumentException e) {
            throw new InvalidTradingConfigException("trading.strategy", e.getMessage(), "inconsistent strategy settings",
                    "fix the strategy parameters named above");
        }
        try {
            p.getStrategy().getStopLoss().toParameters();
        } catch (IllegalArgumentException e) {
            throw new InvalidTradingConfigException("trading.strategy.stop-loss", e.getMessage(),
                    "inconsistent stop-loss settings", "fix the trading.strategy.stop-loss.* setting named above "
                            + "(see docs/configuration.md), or turn the stop-loss off with "
                            + "trading.strategy.stop-loss.enabled=false");
        }
        if (p.getOrders().getMode() == TradingProperties.OrdersMode.LIVE && !liveGatewayAvailable) {
            throw new InvalidTradingConfigException("trading.orders.mode", "live",
                    "live trading needs the CLOB order gateway and credentials (POLY_PRIVATE_KEY, POLY_FUNDER, "
                            + "POLY_API_KEY, POLY_API_SECRET, POLY_API_PASSPHRASE), which are not available",
                    "use trading.orders.mode=paper, or provide the live gateway and its credentials");
        }
    }

    /**
     * Every interval a timer or a watchdog runs on. A zero or negative one would make the scheduler
     * refuse the task (silently, on a background thread) or a watchdog fire on every check; the direct
     * pool's only show when the shared feed fails, exactly when the fallback is needed.
     */
    private static void checkTimings(TradingProperties p) {
        TradingProperties.MarketData md = p.getMarketData();
        requirePositive("trading.market-data.heartbeat", md.getHeartbeat());
        requireBackoff("trading.market-data", md.getInitialBackoff(), md.getMaxBackoff());
        TradingProperties.Direct d = p.getDirect();
        requirePositive("trading.direct.ping-interval", d.getPingInterval());
        if (d.getPingInterval().compareTo(UpstreamConfig.MAX_PING_INTERVAL) > 0) {
            throw new InvalidTradingConfigException("trading.direct.ping-interval", d.getPingInterval(),
                    "longer than 10 s", "Polymarket drops a socket about 10 s after its last PING "
                            + "(polymarket-protocol.md §1.4): use 10s or less");
        }
        if (d.getMaxTokensPerSocket() > UpstreamConfig.MAX_TOKENS_PER_SOCKET) {
            throw new InvalidTradingConfigException("trading.direct.max-tokens-per-socket", d.getMaxTokensPerSocket(),
                    "more than 500", "above 500 tokens a Polymarket socket silently stops updating "
                            + "(polymarket-protocol.md §1.7): use 200 (the default)");
        }
        requirePositive("trading.direct.silence-timeout", d.getSilenceTimeout());
        requirePositive("trading.direct.first-book-timeout", d.getFirstBookTimeout());
        requireBackoff("trading.direct", d.getInitialBackoff(), d.getMaxBackoff());
        requirePositive("trading.reconcile.interval", p.getReconcile().getInterval());
        if (p.getReconcile().getDust().signum() < 0) {
            throw new InvalidTradingConfigException("trading.reconcile.dust", p.getReconcile().getDust(),
                    "negative", "use 0 or a small share count such as 0.01 (the default)");
        }
        TradingProperties.RateLimit limits = p.getClob().getRateLimit();
        requireNotNegative("trading.clob.rate-limit.max-wait", limits.getMaxWait());
        requireNotNegative("trading.clob.rate-limit.max-retry-after", limits.getMaxRetryAfter());
    }

    private static void requireBackoff(String prefix, Duration initial, Duration max) {
        requirePositive(prefix + ".initial-backoff", initial);
        requirePositive(prefix + ".max-backoff", max);
        if (max.compareTo(initial) < 0) {
            throw new InvalidTradingConfigException(prefix + ".max-backoff", max,
                    "is shorter than " + prefix + ".initial-backoff (" + initial + ")",
                    "set it to at least the initial backoff");
        }
    }

    private static void requireNotNegative(String key, Duration d) {
        if (d.isNegative()) {
            throw new InvalidTradingConfigException(key, d, "negative", "use 0s or more");
        }
    }

    /** {@code url} or a non-empty {@code urls} without duplicate replicas, each a ws/wss endpoint. */
    private static void checkMarketDataUrls(TradingProperties.MarketData md) {
        if (md.getUrls() != null && md.getUrl() != null) {
            throw new InvalidTradingConfigException("trading.market-data.urls", md.getUrls(),
                    "set together with trading.market-data.url=" + md.getUrl(),
                    "set only trading.market-data.urls (a list of the replicas' STOMP endpoints); "
                            + "trading.market-data.url is its one-element form");
        }
        if (md.getUrl() != null) {
            requireUrl("trading.market-data.url", md.getUrl(), Set.of("ws", "wss"),
                    "use the market-data-service STOMP endpoint, e.g. ws://localhost:8080/ws");
            return;
        }
        List<URI> urls = md.effectiveUrls();
        if (urls.isEmpty()) {
            throw new InvalidTradingConfigException("trading.market-data.urls", "", "empty",
                    "list the STOMP endpoints of the market-data-service replicas, comma-separated, e.g. "
                            + "ws://mds-a:8080/ws,ws://mds-b:8080/ws (or remove it for ws://localhost:8080/ws)");
        }
        Map<String, URI> byName = new LinkedHashMap<>();
        for (int i = 0; i < urls.size(); i++) {
            URI u = urls.get(i);
            requireUrl("trading.market-data.urls[" + i + "]", u, Set.of("ws", "wss"),
                    "every entry must be a market-data-service STOMP endpoint, e.g. ws://mds-a:8080/ws");
            URI earlier = byName.putIfAbsent(SharedReplica.nameOf(u), u);
            if (earlier != null) {
                throw new InvalidTradingConfigException("trading.market-data.urls", urls,
                        "two entries name the same replica " + SharedReplica.nameOf(u) + " (" + earlier + ", " + u + ")",
                        "list each market-data-service replica once; replicas are told apart by host and port");
            }
        }
    }

    private static void requireUrl(String key, URI url, Set<String> schemes, String action) {
        String scheme = url == null || url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme) || url.getHost() == null || url.getHost().isBlank()) {
            throw new InvalidTradingConfigException(key, url, "must be an absolute " + String.join("/", new java.util.TreeSet<>(schemes))
                    + " URL with a host", action);
        }
    }

    private static void requirePositive(String key, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new InvalidTradingConfigException(key, d, "must be positive", "use a positive duration, e.g. 5s");
        }
    }
}
