package dev.polymaker.marketdata.config;

import dev.polymaker.marketdata.relay.RelayTopology;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of market-data-service ({@code marketdata.*}). Checked as a whole when bound: an
 * inconsistent value stops start-up with a failure analysis naming the key and the fix.
 */
@ConfigurationProperties("marketdata")
public class MarketDataProperties implements InitializingBean {

    /** Polymarket market-channel connection pool. */
    private final Upstream upstream = new Upstream();

    /**
     * Token ids (decimal strings) always subscribed upstream, whatever else wants them. Demand
     * from STOMP subscribers, the token file and the admin API is added to these.
     */
    private List<String> tokens = new ArrayList<>();

    /**
     * Path of a copy-trade {@code tokens_from_copytrade.json}: entries of {@code tokens[]} with
     * {@code active} and {@code introduced_by_buy} both true are subscribed. Re-read when its
     * modification time or size changes; a corrupt version is rejected and the last good set
     * stays in force. Empty: no token file.
     */
    private Path tokenFile;

    /** How often the token file's modification time and size are checked. */
    private Duration tokenFilePollInterval = Duration.ofSeconds(2);

    /** How often a FeedStatus is published on /topic/feed-status. */
    private Duration statusInterval = Duration.ofSeconds(1);

    /**
     * Upper bound on the number of tokens held upstream (all sources together), so a client
     * cannot make the service subscribe to an unbounded number of junk ids.
     */
    private int maxTokens = 2000;

    /**
     * Name of this instance in the epoch ({@code mds-<instance id>-<start millis>}). Empty: the
     * HOSTNAME environment variable, else a random id.
     */
    private String instanceId;

    private final Demand demand = new Demand();

    private final Admin admin = new Admin();

    private final Stomp stomp = new Stomp();

    private final Relay relay = new Relay();

    private final Health health = new Health();

    private final Gamma gamma = new Gamma();

    @Override
    public void afterPropertiesSet() {
        List<ConfigProblem> problems = new MarketDataConfigCheck(this).problems();
        if (!problems.isEmpty()) {
            throw new InvalidMarketDataConfigException(problems);
        }
    }

    public Upstream getUpstream() {
        return upstream;
    }

    public List<String> getTokens() {
        return tokens;
    }

    public void setTokens(List<String> tokens) {
        this.tokens = tokens == null ? new ArrayList<>() : tokens;
    }

    public Path getTokenFile() {
        return tokenFile;
    }

    public void setTokenFile(Path tokenFile) {
        this.tokenFile = tokenFile;
    }

    public Duration getTokenFilePollInterval() {
        return tokenFilePollInterval;
    }

    public void setTokenFilePollInterval(Duration tokenFilePollInterval) {
        this.tokenFilePollInterval = tokenFilePollInterval;
    }

    public Duration getStatusInterval() {
        return statusInterval;
    }

    public void setStatusInterval(Duration statusInterval) {
        this.statusInterval = statusInterval;
    }

    public int getMaxTokens() {
        return maxTokens;
    }

    public void setMaxTokens(int maxTokens) {
        this.maxTokens = maxTokens;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public Demand getDemand() {
        return demand;
    }

    public Admin getAdmin() {
        return admin;
    }

    public Stomp getStomp() {
        return stomp;
    }

    public Relay getRelay() {
        return relay;
    }

    public Gamma getGamma() {
        return gamma;
    }

    public Health getHealth() {
        return health;
    }

    /** The upstream pool: where Polymarket is and how its sockets are watched. */
    public static class Upstream {

        /** Market-channel WebSocket URL (ws or wss). */
        private String url = "wss://ws-subscriptions-clob.polymarket.com/ws/market";

        /** CLOB REST base URL (http or https), used as a witness when a socket falls silent. */
        private String restUrl = "https://clob.polymarket.com";

        /** Interval of the text PING Polymarket requires on every socket. */
        private Duration pingInterval = Duration.ofSeconds(10);

        /** A socket without data frames for this long is checked against REST and reconnected if frozen. */
        private Duration silenceTimeout = Duration.ofSeconds(30);

        /** A subscribed token without a first book after this long is resubscribed. */
        private Duration firstBookTimeout = Duration.ofSeconds(30);

        /** Tokens per socket; Polymarket sockets silently stop updating well above a few hundred. */
        private int maxTokensPerSocket = 200;

        private final Reconnect reconnect = new Reconnect();

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getRestUrl() {
            return restUrl;
        }

        public void setRestUrl(String restUrl) {
            this.restUrl = restUrl;
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

        public Reconnect getReconnect() {
            return reconnect;
        }
    }

    /** Reconnect backoff of an upstream socket: doubles from initial to max, with jitter. */
    public static class Reconnect {

        /** First delay after a socket dropped or could not connect. */
        private Duration initialBackoff = Duration.ofSeconds(1);

        /** Longest delay between reconnect attempts. */
        private Duration maxBackoff = Duration.ofSeconds(60);

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

    /** Gamma lookups: market names for operators, and resolution checks (market_resolved can go undelivered). */
    public static class Gamma {

        /** Whether to ask Gamma at all (names and the resolution check; without it only market_resolved resolves). */
        private boolean enabled = true;

        /** Gamma's base URL. */
        private String url = "https://gamma-api.polymarket.com";

        /** How often a round of lookups runs: tokens the exchange answered with [] are checked every round. */
        private Duration checkInterval = Duration.ofMinutes(1);

        /** How often every carried token's market is looked up again (names, and resolution). */
        private Duration refreshInterval = Duration.ofMinutes(30);

        /** Markets looked up per round at most, so Gamma is never flooded. */
        private int maxLookupsPerRound = 50;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public Duration getCheckInterval() {
            return checkInterval;
        }

        public void setCheckInterval(Duration checkInterval) {
            this.checkInterval = checkInterval;
        }

        public Duration getRefreshInterval() {
            return refreshInterval;
        }

        public void setRefreshInterval(Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
        }

        public int getMaxLookupsPerRound() {
            return maxLookupsPerRound;
        }

        public void setMaxLookupsPerRound(int maxLookupsPerRound) {
            this.maxLookupsPerRound = maxLookupsPerRound;
        }
    }

    /** How token demand is turned into upstream subscriptions. */
    public static class Demand {

        /**
         * How long a token stays subscribed upstream after the last source stopped wanting it,
         * so a consumer that reconnects finds its book still warm.
         */
        private Duration gracePeriod = Duration.ofSeconds(120);

        public Duration getGracePeriod() {
            return gracePeriod;
        }

        public void setGracePeriod(Duration gracePeriod) {
            this.gracePeriod = gracePeriod;
        }
    }

    /** Admin REST calls (PUT/DELETE /api/subscriptions/{tokenId}). */
    public static class Admin {

        /**
         * Bearer token admin calls must carry ({@code Authorization: Bearer <token>}). Empty:
         * admin calls are refused. Set it from the environment (MARKETDATA_ADMIN_TOKEN); it is
         * never logged.
         */
        private String token;

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }
    }

    /** STOMP endpoint /ws: access, limits and slow-consumer protection. */
    public static class Stomp {

        /** Optional shared secret: a CONNECT frame must carry it in the {@code auth-token} header. */
        private String authToken;

        /** Most subscriptions one STOMP session may hold. */
        private int maxSubscriptionsPerSession = 500;

        /** STOMP heart-beat the broker offers and expects (0 disables heart-beats). */
        private Duration heartbeat = Duration.ofSeconds(10);

        /** A session whose send has been blocked this long is disconnected as a slow consumer. */
        private Duration sendTimeLimit = Duration.ofSeconds(10);

        /** Bytes buffered for one session while its send is blocked before it is disconnected. */
        private int sendBufferSizeLimit = 1048576;

        /**
         * Ticks queued between the upstream dispatch thread and the broker; when full, ticks are
         * dropped and counted (consumers recover from the next tick or a snapshot).
         */
        private int brokerQueueCapacity = 10_000;

        public String getAuthToken() {
            return authToken;
        }

        public void setAuthToken(String authToken) {
            this.authToken = authToken;
        }

        public int getMaxSubscriptionsPerSession() {
            return maxSubscriptionsPerSession;
        }

        public void setMaxSubscriptionsPerSession(int maxSubscriptionsPerSession) {
            this.maxSubscriptionsPerSession = maxSubscriptionsPerSession;
        }

        public Duration getHeartbeat() {
            return heartbeat;
        }

        public void setHeartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
        }

        public Duration getSendTimeLimit() {
            return sendTimeLimit;
        }

        public void setSendTimeLimit(Duration sendTimeLimit) {
            this.sendTimeLimit = sendTimeLimit;
        }

        public int getSendBufferSizeLimit() {
            return sendBufferSizeLimit;
        }

        public void setSendBufferSizeLimit(int sendBufferSizeLimit) {
            this.sendBufferSizeLimit = sendBufferSizeLimit;
        }

        public int getBrokerQueueCapacity() {
            return brokerQueueCapacity;
        }

        public void setBrokerQueueCapacity(int brokerQueueCapacity) {
            this.brokerQueueCapacity = brokerQueueCapacity;
        }
    }

    /** External STOMP broker (RabbitMQ, Artemis) instead of the embedded simple broker. */
    public static class Relay {

        /** Relay ticks through an external STOMP broker. */
        private boolean enabled;

        /** Broker host. */
        private String host = "localhost";

        /** Broker STOMP port. */
        private int port = 61613;

        /** Login for the broker's system and client connections. */
        private String login = "guest";

        /** Passcode for the broker's system and client connections; never logged. */
        private String passcode = "guest";

        /**
         * How ticks travel through the broker: {@code node-queue} (one exclusive queue per service
         * instance, bound to its namespace, fanned out in-process) or {@code per-subscription}
         * (Spring's relay: one broker queue per client subscription; the measured baseline).
         */
        private RelayTopology topology = RelayTopology.NODE_QUEUE;

        /**
         * This instance's destination namespace on the broker (node-queue topology): routing keys
         * {@code <namespace>.ticks.<id>}, {@code <namespace>.feed-status}. Two instances on one broker
         * need two namespaces; the broker holds each as a lease (exclusive queue).
         */
        private String namespace = "mds";

        /**
         * Node-queue topology: the shortest time between two tick batches sent to the broker. A tick
         * after a quiet spell goes at once; under load the ticks of one interval share one broker frame
         * (the broker's cost is per frame). 0 sends whatever is queued whenever the publishing thread
         * comes round. At most 50ms.
         */
        private Duration batchInterval = Duration.ofMillis(1);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public String getLogin() {
            return login;
        }

        public void setLogin(String login) {
            this.login = login;
        }

        public String getPasscode() {
            return passcode;
        }

        public void setPasscode(String passcode) {
            this.passcode = passcode;
        }

        public RelayTopology getTopology() {
            return topology;
        }

        public void setTopology(RelayTopology topology) {
            this.topology = topology;
        }

        public String getNamespace() {
            return namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        public Duration getBatchInterval() {
            return batchInterval;
        }

        public void setBatchInterval(Duration batchInterval) {
            this.batchInterval = batchInterval;
        }
    }

    /** Health reporting thresholds. */
    public static class Health {

        /**
         * How long no upstream socket may be connected before the upstream is reported DOWN
         * (short outages during a reconnect are reported DEGRADED).
         */
        private Duration downAfter = Duration.ofSeconds(5);

        public Duration getDownAfter() {
            return downAfter;
        }

        public void setDownAfter(Duration downAfter) {
            this.downAfter = downAfter;
        }
    }
}
