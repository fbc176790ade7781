package dev.polymaker.trading.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything under {@code trading.*} (docs/architecture.md §4). Formats are checked by the binder and bean
 * validation; meaning (URL schemes, a readable token file) by {@link TradingConfigCheck}.
 */
@Validated
@ConfigurationProperties("trading")
public class TradingProperties {

    /** Token ids traded from start-up (decimal strings). */
    private List<String> tokens = new ArrayList<>();
    /** Path of a copy-trade {@code tokens_from_copytrade.json}; re-read when it changes. */
    private Path tokenFile;
    /** How often the token file is checked for changes. */
    @NotNull
    private Duration tokenFilePoll = Duration.ofSeconds(5);
    /** How often a one-line summary is logged. */
    @NotNull
    private Duration summaryInterval = Duration.ofMinutes(1);

    @Valid
    private final MarketData marketData = new MarketData();
    @Valid
    private final Direct direct = new Direct();
    @Valid
    private final Feed feed = new Feed();
    @Valid
    private final Orders orders = new Orders();
    @Valid
    private final Clob clob = new Clob();
    @Valid
    private final Gamma gamma = new Gamma();

    private final DataApi dataApi = new DataApi();

    private final Reconcile reconcile = new Reconcile();
    @Valid
    private final Admin admin = new Admin();
    @Valid
    private final Strategy strategy = new Strategy();

    public List<String> getTokens() {
        return tokens;
    }

    public void setTokens(List<String> tokens) {
        this.tokens = tokens;
    }

    public Path getTokenFile() {
        return tokenFile;
    }

    public void setTokenFile(Path tokenFile) {
        this.tokenFile = tokenFile;
    }

    public Duration getTokenFilePoll() {
        return tokenFilePoll;
    }

    public void setTokenFilePoll(Duration tokenFilePoll) {
        this.tokenFilePoll = tokenFilePoll;
    }

    public Duration getSummaryInterval() {
        return summaryInterval;
    }

    public void setSummaryInterval(Duration summaryInterval) {
        this.summaryInterval = summaryInterval;
    }

    public MarketData getMarketData() {
        return marketData;
    }

    public Direct getDirect() {
        return direct;
    }

    public Feed getFeed() {
        return feed;
    }

    public Orders getOrders() {
        return orders;
    }

    public Clob getClob() {
        return clob;
    }

    public Gamma getGamma() {
        return gamma;
    }

    public DataApi getDataApi() {
        return dataApi;
    }

    public Reconcile getReconcile() {
        return reconcile;
    }

    public Admin getAdmin() {
        return admin;
    }

    public Strategy getStrategy() {
        return strategy;
    }

    /** The shared feed: the STOMP endpoints of the market-data-service replicas. */
    public static class MarketData {
        /** The default endpoint when neither {@code url} nor {@code urls} is set. */
        public static final URI DEFAULT_URL = URI.create("ws://localhost:8080/ws");
        /** STOMP-over-WebSocket endpoint of one market-data-service (a one-element {@code urls}). */
        private URI url;
        /**
         * STOMP-over-WebSocket endpoints of the market-data-service replicas, in order of preference at
         * start-up; the trader follows one and fails over to another (docs/architecture.md §3.7).
         */
        private List<URI> urls;
        /** STOMP heart-beat in both directions; the session is declared lost after three missed beats. */
        @NotNull
        private Duration heartbeat = Duration.ofSeconds(10);
        @NotNull
        private Duration initialBackoff = Duration.ofSeconds(1);
        @NotNull
        private Duration maxBackoff = Duration.ofSeconds(15);
        /** Optional shared secret sent on STOMP CONNECT (market-data-service's stomp.auth-token). */
        private String authToken;

        public URI getUrl() {
            return url;
        }

        public void setUrl(URI url) {
            this.url = url;
        }

        public List<URI> getUrls() {
            return urls;
        }

        public void setUrls(List<URI> urls) {
            this.urls = urls;
        }

        /**
         * The replica endpoints in effect: {@code urls} when set, else {@code url} as a one-element list,
         * else the default. {@link TradingConfigCheck} refuses both set, an empty list and duplicates.
         */
        public List<URI> effectiveUrls() {
            if (urls != null) {
                return List.copyOf(urls.stream().map(u -> u == null ? URI.create("") : u).toList());
            }
            return List.of(url != null ? url : DEFAULT_URL);
        }

        public Duration getHeartbeat() {
            return heartbeat;
        }

        public void setHeartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public String getAuthToken() {
            return authToken;
        }

        public void setAuthToken(String authToken) {
            this.authToken = authToken;
        }
    }

    /** The fallback: this instance's own pool to Polymarket's market channel. */
    public static class Direct {
        /** Polymarket market channel. */
        @NotNull
        private URI url = URI.create("wss://ws-subscriptions-clob.polymarket.com/ws/market");
        /** Polymarket CLOB REST (book witness for frozen-socket detection). */
        @NotNull
        private URI restUrl = URI.create("https://clob.polymarket.com");
        /** The direct pool connects after a random delay up to this, so many instances do not hit Polymarket at once. */
        @NotNull
        private Duration connectJitter = Duration.ofSeconds(2);
        @NotNull
        private Duration pingInterval = Duration.ofSeconds(10);
        @NotNull
        private Duration silenceTimeout = Duration.ofSeconds(30);
        @NotNull
        private Duration firstBookTimeout = Duration.ofSeconds(30);
        @Min(1)
        private int maxTokensPerSocket = 200;
        @NotNull
        private Duration initialBackoff = Duration.ofSeconds(1);
        @NotNull
        private Duration maxBackoff = Duration.ofSeconds(60);

        public URI getUrl() {
            return url;
        }

        public void setUrl(URI url) {
            this.url = url;
        }

        public URI getRestUrl() {
            return restUrl;
        }

        public void setRestUrl(URI restUrl) {
            this.restUrl = restUrl;
        }

        public Duration getConnectJitter() {
            return connectJitter;
        }

        public void setConnectJitter(Duration connectJitter) {
            this.connectJitter = connectJitter;
        }

        public Duration getPingInterval() {
            return pingInterval;
        }

        public void setPingInterval(Duration pingInterval) {
            this.pingInterval = pingInterval;
        }

        public Duration getSilenceTimeout() {
            return silenceTimeout;
        }

        public void setSilenceTimeout(Duration silenceTimeout) {
            this.silenceTimeout = silenceTimeout;
        }

        public Duration getFirstBookTimeout() {
            return firstBookTimeout;
        }

        public void setFirstBookTimeout(Duration firstBookTimeout) {
            this.firstBookTimeout = firstBookTimeout;
        }

        public int getMaxTokensPerSocket() {
            return maxTokensPerSocket;
        }

        public void setMaxTokensPerSocket(int maxTokensPerSocket) {
            this.maxTokensPerSocket = maxTokensPerSocket;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }

    /** Feed selection timings. */
    public static class Feed {
        /** Leave SHARED when no healthy feed-status arrived for this long; also the direct feed's limit. */
        @NotNull
        private Duration staleAfter = Duration.ofSeconds(5);
        /** Return to SHARED only after it has been healthy this long. */
        @NotNull
        private Duration returnAfter = Duration.ofSeconds(30);
        /** How often the selector re-evaluates. */
        @NotNull
        private Duration checkInterval = Duration.ofMillis(200);
        /**
         * Oldest tick a strategy may see, from when its data left the exchange socket; older ones
         * are counted as late and not fed. 0 turns the check off.
         */
        @NotNull
        private Duration maxTickAge = Duration.ofSeconds(2);

        public Duration getMaxTickAge() {
            return maxTickAge;
        }

        public void setMaxTickAge(Duration maxTickAge) {
            this.maxTickAge = maxTickAge;
        }

        public Duration getStaleAfter() {
            return staleAfter;
        }

        public void setStaleAfter(Duration staleAfter) {
            this.staleAfter = staleAfter;
        }

        public Duration getReturnAfter() {
            return returnAfter;
        }

        public void setReturnAfter(Duration returnAfter) {
            this.returnAfter = returnAfter;
        }

        public Duration getCheckInterval() {
            return checkInterval;
        }

        public void setCheckInterval(Duration checkInterval) {
            this.checkInterval = checkInterval;
        }
    }

    public enum OrdersMode {
        PAPER, LIVE
    }

    public static class Orders {
        /** {@code paper} (simulated fills, the default) or {@code live} (Polymarket CLOB, needs credentials). */
        @NotNull
        private OrdersMode mode = OrdersMode.PAPER;

        public OrdersMode getMode() {
            return mode;
        }

        public void setMode(OrdersMode mode) {
            this.mode = mode;
        }
    }

    public static class Clob {
        /** Polymarket CLOB REST for live orders. */
        @NotNull
        private URI url = URI.create("https://clob.polymarket.com");

        /** Order and cancel rate limits of the signing address, used when the CLOB does not state its tier. */
        @Valid
        private RateLimit rateLimit = new RateLimit();

        public RateLimit getRateLimit() {
            return rateLimit;
        }

        public void setRateLimit(RateLimit rateLimit) {
            this.rateLimit = rateLimit;
        }

        public URI getUrl() {
            return url;
        }

        public void setUrl(URI url) {
            this.url = url;
        }
    }

    /** The CLOB's per-address token buckets (Standard tier defaults) and how long a call waits for them. */
    public static class RateLimit {
        /** Order tokens per second. */
        @Positive
        private double ordersPerSecond = 40;
        /** Order bucket size: the most orders sent at once, and the largest batch. */
        @Positive
        private int orderBurst = 60;
        /** Cancel tokens per second. */
        @Positive
        private double cancelsPerSecond = 80;
        /** Cancel bucket size: the largest cancel batch. */
        @Positive
        private int cancelBurst = 120;
        /** How long a call waits for tokens before it is refused locally. */
        @NotNull
        private Duration maxWait = Duration.ofSeconds(5);
        /** The longest Retry-After of a 429 that is waited out; longer fails the call. */
        @NotNull
        private Duration maxRetryAfter = Duration.ofSeconds(10);

        public double getOrdersPerSecond() {
            return ordersPerSecond;
        }

        public void setOrdersPerSecond(double ordersPerSecond) {
            this.ordersPerSecond = ordersPerSecond;
        }

        public int getOrderBurst() {
            return orderBurst;
        }

        public void setOrderBurst(int orderBurst) {
            this.orderBurst = orderBurst;
        }

        public double getCancelsPerSecond() {
            return cancelsPerSecond;
        }

        public void setCancelsPerSecond(double cancelsPerSecond) {
            this.cancelsPerSecond = cancelsPerSecond;
        }

        public int getCancelBurst() {
            return cancelBurst;
        }

        public void setCancelBurst(int cancelBurst) {
            this.cancelBurst = cancelBurst;
        }

        public Duration getMaxWait() {
            return maxWait;
        }

        public void setMaxWait(Duration maxWait) {
            this.maxWait = maxWait;
        }

        public Duration getMaxRetryAfter() {
            return maxRetryAfter;
        }

        public void setMaxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
        }
    }

    public static class Gamma {
        /** Polymarket Gamma API, asked once per token (live mode) which exchange settles its orders. */
        @NotNull
        private URI url = URI.create("https://gamma-api.polymarket.com");

        public URI getUrl() {
            return url;
        }

        public void setUrl(URI url) {
            this.url = url;
        }
    }

    public static class DataApi {
        /** Polymarket data API, read in live mode for the account's positions ({@code GET /positions?user=<funder>}). */
        @NotNull
        private URI url = URI.create("https://data-api.polymarket.com");

        public URI getUrl() {
            return url;
        }

        public void setUrl(URI url) {
            this.url = url;
        }
    }

    /** Live mode: keeping our positions in line with the exchange's account. */
    public static class Reconcile {
        /** How often the account's positions are read again (also a few seconds after every fill). */
        @NotNull
        private Duration interval = Duration.ofSeconds(60);

        /** Positions up to this many shares are dust: not adopted, not a disagreement. */
        @NotNull
        private BigDecimal dust = new BigDecimal("0.01");

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public BigDecimal getDust() {
            return dust;
        }

        public void setDust(BigDecimal dust) {
            this.dust = dust;
        }
    }

    public static class Admin {
        /** Bearer token for the admin API; without one every admin call is refused. */
        private String token;

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }
    }

    /** The volatility strategy; defaults are the old system's. */
    public static class Strategy {
        @NotNull
        private Duration dropWindow = Duration.ofMinutes(30);
        @NotNull
        @DecimalMin(value = "0", inclusive = false)
        private BigDecimal dropPct = new BigDecimal("0.01");
        @NotNull
        @DecimalMin(value = "0", inclusive = false)
        private BigDecimal profitPct = new BigDecimal("0.005");
        @NotNull
        @DecimalMin(value = "0", inclusive = false)
        private BigDecimal minBuyPrice = new BigDecimal("0.03");
        @NotNull
        @DecimalMax("1")
        private BigDecimal maxBuyPrice = new BigDecimal("0.96");
        @NotNull
        @DecimalMin(value = "0", inclusive = false)
        private BigDecimal orderSize = new BigDecimal("5");
        private boolean incrementalDropPct = true;
        @NotNull
        @DecimalMin("0")
        private BigDecimal incrementalDropPctStep = new BigDecimal("0.002");
        @NotNull
        @DecimalMin(value = "0", inclusive = false)
        private BigDecimal maxDropPct = new BigDecimal("0.20");
        private boolean sellOnly;
        @Min(2)
        private int historyCap = 600;
        /** Exchange minimum order size in shares. */
        @NotNull
        private BigDecimal minOrderSize = new BigDecimal("5");
        /** Exchange minimum order value in USDC. */
        @NotNull
        private BigDecimal minNotional = BigDecimal.ONE;
        /** A resting BUY follows the bid (cancel and re-place) at most this often. */
        @NotNull
        private Duration repriceInterval = Duration.ofSeconds(15);
        @Valid
        private final StopLoss stopLoss = new StopLoss();

        public StopLoss getStopLoss() {
            return stopLoss;
        }

        public Duration getRepriceInterval() {
            return repriceInterval;
        }

        public void setRepriceInterval(Duration repriceInterval) {
            this.repriceInterval = repriceInterval;
        }

        public Duration getDropWindow() {
            return dropWindow;
        }

        public void setDropWindow(Duration dropWindow) {
            this.dropWindow = dropWindow;
        }

        public BigDecimal getDropPct() {
            return dropPct;
        }

        public void setDropPct(BigDecimal dropPct) {
            this.dropPct = dropPct;
        }

        public BigDecimal getProfitPct() {
            return profitPct;
        }

        public void setProfitPct(BigDecimal profitPct) {
            this.profitPct = profitPct;
        }

        public BigDecimal getMinBuyPrice() {
            return minBuyPrice;
        }

        public void setMinBuyPrice(BigDecimal minBuyPrice) {
            this.minBuyPrice = minBuyPrice;
        }

        public BigDecimal getMaxBuyPrice() {
            return maxBuyPrice;
        }

        public void setMaxBuyPrice(BigDecimal maxBuyPrice) {
            this.maxBuyPrice = maxBuyPrice;
        }

        public BigDecimal getOrderSize() {
            return orderSize;
        }

        public void setOrderSize(BigDecimal orderSize) {
            this.orderSize = orderSize;
        }

        public boolean isIncrementalDropPct() {
            return incrementalDropPct;
        }

        public void setIncrementalDropPct(boolean incrementalDropPct) {
            this.incrementalDropPct = incrementalDropPct;
        }

        public BigDecimal getIncrementalDropPctStep() {
            return incrementalDropPctStep;
        }

        public void setIncrementalDropPctStep(BigDecimal incrementalDropPctStep) {
            this.incrementalDropPctStep = incrementalDropPctStep;
        }

        public BigDecimal getMaxDropPct() {
            return maxDropPct;
        }

        public void setMaxDropPct(BigDecimal maxDropPct) {
            this.maxDropPct = maxDropPct;
        }

        public boolean isSellOnly() {
            return sellOnly;
        }

        public void setSellOnly(boolean sellOnly) {
            this.sellOnly = sellOnly;
        }

        public int getHistoryCap() {
            return historyCap;
        }

        public void setHistoryCap(int historyCap) {
            this.historyCap = historyCap;
        }

        public BigDecimal getMinOrderSize() {
            return minOrderSize;
        }

        public void setMinOrderSize(BigDecimal minOrderSize) {
            this.minOrderSize = minOrderSize;
        }

        public BigDecimal getMinNotional() {
            return minNotional;
        }

        public void setMinNotional(BigDecimal minNotional) {
            this.minNotional = minNotional;
        }

        public dev.polymaker.trading.strategy.StrategyParameters toParameters() {
            return new dev.polymaker.trading.strategy.StrategyParameters(dropWindow, dropPct, profitPct, minBuyPrice,
                    maxBuyPrice, orderSize, incrementalDropPct, incrementalDropPctStep, maxDropPct, sellOnly,
                    historyCap, minOrderSize, minNotional, new BigDecimal("0.01"), repriceInterval);
        }

        /** The stop-loss (original-system.md §3.5), judged per token on its LIVE book. */
        public static class StopLoss {
            /** Cut positions that fall through the threshold. */
            private boolean enabled = true;
            /** Drawdown from the average cost, as a fraction of it, that makes the threshold (in ticks). */
            @NotNull
            @DecimalMin(value = "0", inclusive = false)
            @DecimalMax(value = "1", inclusive = false)
            private BigDecimal baseDrawdownPct = new BigDecimal("0.05");
            /** The threshold is at least this many reference ticks below the cost. */
            @Min(1)
            private int minDrawdownTicks = 2;
            /** Size of the ticks the threshold is counted in. */
            @NotNull
            @DecimalMin(value = "0", inclusive = false)
            private BigDecimal referenceTickSize = new BigDecimal("0.01");
            /** Extra ticks per earlier stop-loss of the token within the re-entry window. */
            @Min(0)
            private int drawdownStepPerCycleTicks = 1;
            /** Consecutive hits needed. */
            @Min(1)
            private int confirmRounds = 2;
            /** Least time between two counted rounds. */
            @NotNull
            private Duration confirmInterval = Duration.ofSeconds(5);
            /** Spread / mid from which a market needs the wide-spread confirmation. */
            @NotNull
            @DecimalMin(value = "0", inclusive = false)
            private BigDecimal wideSpreadPct = new BigDecimal("0.035");
            /** Consecutive hits needed on a wide-spread market. */
            @Min(1)
            private int wideSpreadConfirmRounds = 3;
            /** A wide-spread market's hits must span at least this long. */
            @NotNull
            private Duration wideSpreadConfirmWindow = Duration.ofSeconds(30);
            /** A new position is not judged for this long. */
            @NotNull
            private Duration grace = Duration.ofMinutes(5);
            /** After a stop-loss: no stop-loss and no BUY of the token for this long. */
            @NotNull
            private Duration cooldown = Duration.ofMinutes(30);
            /** A stop-loss within this long of the token's previous one widens the threshold. */
            @NotNull
            private Duration reentryWindow = Duration.ofMinutes(120);
            /** Lowest price of the exit ladder. */
            @NotNull
            @DecimalMin(value = "0", inclusive = false)
            @DecimalMax(value = "1", inclusive = false)
            private BigDecimal exitFloorPrice = new BigDecimal("0.01");
            /** Pause before a ladder that reached the floor unsold starts again from the best bid. */
            @NotNull
            private Duration exitRetryInterval = Duration.ofSeconds(5);
            /** How often the last LIVE book is judged again without a new tick. */
            @NotNull
            private Duration checkInterval = Duration.ofSeconds(1);

            public dev.polymaker.trading.strategy.StopLossParameters toParameters() {
                return new dev.polymaker.trading.strategy.StopLossParameters(enabled, baseDrawdownPct,
                        minDrawdownTicks, referenceTickSize, drawdownStepPerCycleTicks, confirmRounds, confirmInterval,
                        wideSpreadPct, wideSpreadConfirmRounds, wideSpreadConfirmWindow, grace, cooldown, reentryWindow,
                        exitFloorPrice, exitRetryInterval, checkInterval);
            }

            public boolean isEnabled() {
                return enabled;
            }

            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

            public BigDecimal getBaseDrawdownPct() {
                return baseDrawdownPct;
            }

            public void setBaseDrawdownPct(BigDecimal baseDrawdownPct) {
                this.baseDrawdownPct = baseDrawdownPct;
            }

            public int getMinDrawdownTicks() {
                return minDrawdownTicks;
            }

            public void setMinDrawdownTicks(int minDrawdownTicks) {
                this.minDrawdownTicks = minDrawdownTicks;
            }

            public BigDecimal getReferenceTickSize() {
                return referenceTickSize;
            }

            public void setReferenceTickSize(BigDecimal referenceTickSize) {
                this.referenceTickSize = referenceTickSize;
            }

            public int getDrawdownStepPerCycleTicks() {
                return drawdownStepPerCycleTicks;
            }

            public void setDrawdownStepPerCycleTicks(int drawdownStepPerCycleTicks) {
                this.drawdownStepPerCycleTicks = drawdownStepPerCycleTicks;
            }

            public int getConfirmRounds() {
                return confirmRounds;
            }

            public void setConfirmRounds(int confirmRounds) {
                this.confirmRounds = confirmRounds;
            }

            public Duration getConfirmInterval() {
                return confirmInterval;
            }

            public void setConfirmInterval(Duration confirmInterval) {
                this.confirmInterval = confirmInterval;
            }

            public BigDecimal getWideSpreadPct() {
                return wideSpreadPct;
            }

            public void setWideSpreadPct(BigDecimal wideSpreadPct) {
                this.wideSpreadPct = wideSpreadPct;
            }

            public int getWideSpreadConfirmRounds() {
                return wideSpreadConfirmRounds;
            }

            public void setWideSpreadConfirmRounds(int wideSpreadConfirmRounds) {
                this.wideSpreadConfirmRounds = wideSpreadConfirmRounds;
            }

            public Duration getWideSpreadConfirmWindow() {
                return wideSpreadConfirmWindow;
            }

            public void setWideSpreadConfirmWindow(Duration wideSpreadConfirmWindow) {
                this.wideSpreadConfirmWindow = wideSpreadConfirmWindow;
            }

            public Duration getGrace() {
                return grace;
            }

            public void setGrace(Duration grace) {
                this.grace = grace;
            }

            public Duration getCooldown() {
                return cooldown;
            }

            public void setCooldown(Duration cooldown) {
                this.cooldown = cooldown;
            }

            public Duration getReentryWindow() {
                return reentryWindow;
            }

            public void setReentryWindow(Duration reentryWindow) {
                this.reentryWindow = reentryWindow;
            }

            public BigDecimal getExitFloorPrice() {
                return exitFloorPrice;
            }

            public void setExitFloorPrice(BigDecimal exitFloorPrice) {
                this.exitFloorPrice = exitFloorPrice;
            }

            public Duration getExitRetryInterval() {
                return exitRetryInterval;
            }

            public void setExitRetryInterval(Duration exitRetryInterval) {
                this.exitRetryInterval = exitRetryInterval;
            }

            public Duration getCheckInterval() {
                return checkInterval;
            }

            public void setCheckInterval(Duration checkInterval) {
                this.checkInterval = checkInterval;
            }
        }
    }
}
