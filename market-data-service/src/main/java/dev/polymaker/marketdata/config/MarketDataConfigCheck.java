package dev.polymaker.marketdata.config;

import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.relay.RelayNamespace;
import dev.polymaker.polymarket.upstream.UpstreamConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks {@link MarketDataProperties} as a whole and lists every problem, so one start-up attempt shows them all. */
final class MarketDataConfigCheck {

    /** Under load a tick may wait one batch interval before it goes to the broker: more than this is not a tick feed. */
    static final Duration MAX_RELAY_BATCH_INTERVAL = Duration.ofMillis(50);

    private final MarketDataProperties props;
    private final List<ConfigProblem> problems = new ArrayList<>();

    MarketDataConfigCheck(MarketDataProperties props) {
        this.props = props;
    }

    List<ConfigProblem> problems() {
        MarketDataProperties.Upstream up = props.getUpstream();
        url("marketdata.upstream.url", up.getUrl(), Set.of("ws", "wss"),
                "a WebSocket URL such as wss://ws-subscriptions-clob.polymarket.com/ws/market");
        url("marketdata.upstream.rest-url", up.getRestUrl(), Set.of("http", "https"),
                "an HTTP URL such as https://clob.polymarket.com");
        MarketDataProperties.Gamma gamma = props.getGamma();
        if (gamma.isEnabled()) {
            url("marketdata.gamma.url", gamma.getUrl(), Set.of("http", "https"),
                    "an HTTP URL such as https://gamma-api.polymarket.com");
            positive("marketdata.gamma.check-interval", gamma.getCheckInterval());
            positive("marketdata.gamma.refresh-interval", gamma.getRefreshInterval());
            atLeast("marketdata.gamma.max-lookups-per-round", gamma.getMaxLookupsPerRound(), 1,
                    "set it to 1 or more (default 50)");
        }
        positive("marketdata.upstream.ping-interval", up.getPingInterval());
        if (isPositive(up.getPingInterval()) && up.getPingInterval().compareTo(UpstreamConfig.MAX_PING_INTERVAL) > 0) {
            add("marketdata.upstream.ping-interval", "is longer than " + UpstreamConfig.MAX_PING_INTERVAL.toSeconds()
                    + " s, was " + up.getPingInterval(), "Polymarket drops a socket about 10 s after its last PING "
                    + "(polymarket-protocol.md §1.4): use 10s or less");
        }
        positive("marketdata.upstream.silence-timeout", up.getSilenceTimeout());
        positive("marketdata.upstream.first-book-timeout", up.getFirstBookTimeout());
        positive("marketdata.upstream.reconnect.initial-backoff", up.getReconnect().getInitialBackoff());
        positive("marketdata.upstream.reconnect.max-backoff", up.getReconnect().getMaxBackoff());
        if (isPositive(up.getReconnect().getInitialBackoff()) && isPositive(up.getReconnect().getMaxBackoff())
                && up.getReconnect().getMaxBackoff().compareTo(up.getReconnect().getInitialBackoff()) < 0) {
            add("marketdata.upstream.reconnect.max-backoff", "is shorter than initial-backoff ("
                    + up.getReconnect().getInitialBackoff() + ")", "set it to at least the initial backoff");
        }
        atLeast("marketdata.upstream.max-tokens-per-socket", up.getMaxTokensPerSocket(), 1,
                "at most 200 is recommended: Polymarket sockets stop updating with too many tokens");
        if (up.getMaxTokensPerSocket() > UpstreamConfig.MAX_TOKENS_PER_SOCKET) {
            add("marketdata.upstream.max-tokens-per-socket", "must be at most " + UpstreamConfig.MAX_TOKENS_PER_SOCKET + ", was "
                    + up.getMaxTokensPerSocket(), "above 500 tokens a Polymarket socket silently stops updating "
                    + "(polymarket-protocol.md §1.7): use 200 (the default)");
        }
        atLeast("marketdata.max-tokens", props.getMaxTokens(), 1, "the most tokens the service may hold upstream");
        positive("marketdata.status-interval", props.getStatusInterval());
        positive("marketdata.token-file-poll-interval", props.getTokenFilePollInterval());
        positive("marketdata.health.down-after", props.getHealth().getDownAfter());
        Duration grace = props.getDemand().getGracePeriod();
        if (grace == null || grace.isNegative()) {
            add("marketdata.demand.grace-period", "must not be negative, was " + grace, "use e.g. 120s (0 releases at once)");
        }
        tokens();
        tokenFile();
        stomp();
        relay();
        return problems;
    }

    private void tokens() {
        List<String> tokens = props.getTokens();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (!Destinations.isValidTokenId(token == null ? null : token.trim())) {
                add("marketdata.tokens[" + i + "]", "'" + token + "' is not a token id",
                        "token ids are decimal strings of 1 to 100 digits");
            }
        }
        if (tokens.size() > props.getMaxTokens()) {
            add("marketdata.tokens", "lists " + tokens.size() + " tokens, more than marketdata.max-tokens ("
                    + props.getMaxTokens() + ")", "list fewer tokens or raise marketdata.max-tokens");
        }
    }

    private void tokenFile() {
        Path file = props.getTokenFile();
        if (file == null) {
            return;
        }
        String key = "marketdata.token-file";
        if (!Files.exists(file)) {
            add(key, "'" + file.toAbsolutePath() + "' does not exist",
                    "point it at the copy-trade tokens_from_copytrade.json, or leave it empty for no token file");
        } else if (!Files.isRegularFile(file)) {
            add(key, "'" + file.toAbsolutePath() + "' is not a regular file", "point it at a JSON file");
        } else if (!Files.isReadable(file)) {
            add(key, "'" + file.toAbsolutePath() + "' is not readable by this process",
                    "grant read permission to the service's user");
        }
    }

    private void stomp() {
        MarketDataProperties.Stomp stomp = props.getStomp();
        atLeast("marketdata.stomp.max-subscriptions-per-session", stomp.getMaxSubscriptionsPerSession(), 1,
                "e.g. 500");
        positive("marketdata.stomp.send-time-limit", stomp.getSendTimeLimit());
        atLeast("marketdata.stomp.send-buffer-size-limit", stomp.getSendBufferSizeLimit(), 1024, "e.g. 1048576");
        atLeast("marketdata.stomp.broker-queue-capacity", stomp.getBrokerQueueCapacity(), 1, "e.g. 10000");
        Duration heartbeat = stomp.getHeartbeat();
        if (heartbeat == null || heartbeat.isNegative()) {
            add("marketdata.stomp.heartbeat", "must not be negative, was " + heartbeat, "use e.g. 10s, or 0 to disable");
        }
    }

    private void relay() {
        MarketDataProperties.Relay relay = props.getRelay();
        if (!relay.isEnabled()) {
            return;
        }
        if (relay.getHost() == null || relay.getHost().isBlank()) {
            add("marketdata.relay.host", "is empty while marketdata.relay.enabled=true", "set the STOMP broker's host");
        }
        if (relay.getPort() < 1 || relay.getPort() > 65535) {
            add("marketdata.relay.port", "must be 1-65535, was " + relay.getPort(), "set the broker's STOMP port, e.g. 61613");
        }
        if (relay.getTopology() == null) {
            add("marketdata.relay.topology", "is empty", "use node-queue (default) or per-subscription");
        }
        if (!RelayNamespace.isValid(relay.getNamespace())) {
            add("marketdata.relay.namespace", "'" + relay.getNamespace() + "' is not a namespace",
                    "use 1-40 characters: lower-case letters, digits and '-', starting with a letter or digit (e.g. mds-a)");
        }
        Duration interval = relay.getBatchInterval();
        if (interval == null || interval.isNegative() || interval.compareTo(MAX_RELAY_BATCH_INTERVAL) > 0) {
            add("marketdata.relay.batch-interval", "must be 0-" + MAX_RELAY_BATCH_INTERVAL.toMillis() + "ms, was " + interval,
                    "use e.g. 1ms (0 sends each batch as soon as the publishing thread comes round); under load every"
                            + " tick may wait that long");
        }
    }

    private void url(String key, String value, Set<String> schemes, String example) {
        if (value == null || value.isBlank()) {
            add(key, "is empty", "set it to " + example);
            return;
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            add(key, "'" + value + "' is not a valid URL (" + e.getReason() + ")", "set it to " + example);
            return;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase();
        if (scheme == null || !schemes.contains(scheme)) {
            add(key, "'" + value + "' has scheme '" + uri.getScheme() + "', expected " + String.join(" or ", schemes.stream().sorted().toList()),
                    "set it to " + example);
        } else if (uri.getHost() == null) {
            add(key, "'" + value + "' has no host", "set it to " + example);
        }
    }

    private void positive(String key, Duration value) {
        if (!isPositive(value)) {
            add(key, "must be a positive duration, was " + value, "use a value such as 500ms, 10s or 1m");
        }
    }

    private static boolean isPositive(Duration value) {
        return value != null && !value.isNegative() && !value.isZero();
    }

    private void atLeast(String key, int value, int min, String hint) {
        if (value < min) {
            add(key, "must be at least " + min + ", was " + value, hint);
        }
    }

    private void add(String key, String problem, String fix) {
        problems.add(new ConfigProblem(key, problem, fix));
    }
}
