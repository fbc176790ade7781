package dev.polymaker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The configuration keys a service really binds: read from the
 * {@code META-INF/spring-configuration-metadata.json} that spring-boot-configuration-processor writes
 * into the service's target/classes. Until a service has any {@code @ConfigurationProperties}, the
 * contract keys of docs/architecture.md stand in, so the deployment files are checked against something.
 */
final class ConfigurationKeys {

    /** One property: its name, Java type and default as the metadata states them (type/default may be null). */
    record Property(String name, String type, String defaultValue, String description) {
        boolean isMap() {
            return type != null && type.startsWith("java.util.Map");
        }
    }

    /** docs/architecture.md §4 "Configuration keys": the minimum each service must bind. */
    static final Map<String, Set<String>> CONTRACT = Map.of(
            "market-data-service", Set.of(
                    "marketdata.upstream.url", "marketdata.upstream.rest-url", "marketdata.upstream.ping-interval",
                    "marketdata.upstream.silence-timeout", "marketdata.upstream.first-book-timeout",
                    "marketdata.upstream.max-tokens-per-socket", "marketdata.upstream.reconnect.initial-backoff",
                    "marketdata.upstream.reconnect.max-backoff", "marketdata.tokens", "marketdata.token-file",
                    "marketdata.status-interval", "marketdata.admin.token", "marketdata.stomp.auth-token",
                    "marketdata.relay.enabled", "marketdata.relay.host", "marketdata.relay.port",
                    "marketdata.relay.login", "marketdata.relay.passcode"),
            "trading-service", Set.of(
                    "trading.tokens", "trading.token-file", "trading.market-data.url", "trading.market-data.urls",
                    "trading.direct.url",
                    "trading.direct.rest-url", "trading.feed.stale-after", "trading.feed.return-after",
                    "trading.orders.mode", "trading.clob.url", "trading.admin.token"));

    static final Map<String, String> PREFIX = Map.of("market-data-service", "marketdata.", "trading-service", "trading.");

    private final String service;
    private final Map<String, Property> properties;
    private final boolean fromMetadata;

    private ConfigurationKeys(String service, Map<String, Property> properties, boolean fromMetadata) {
        this.service = service;
        this.properties = properties;
        this.fromMetadata = fromMetadata;
    }

    static Path metadataFile(String service) {
        return RepositoryLayout.path(service + "/target/classes/META-INF/spring-configuration-metadata.json");
    }

    /** The service's own keys (its prefix), from its metadata when that declares any, else the contract. */
    static ConfigurationKeys of(String service) {
        String prefix = PREFIX.get(service);
        Map<String, Property> fromMetadata = readMetadata(metadataFile(service), prefix);
        if (!fromMetadata.isEmpty()) {
            return new ConfigurationKeys(service, fromMetadata, true);
        }
        Map<String, Property> contract = new TreeMap<>();
        CONTRACT.get(service).forEach(k -> contract.put(k, new Property(k, null, null, null)));
        return new ConfigurationKeys(service, contract, false);
    }

    private static Map<String, Property> readMetadata(Path file, String prefix) {
        Map<String, Property> result = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return result;
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            for (JsonNode p : root.path("properties")) {
                String name = p.path("name").asText();
                if (name.startsWith(prefix) && !p.has("deprecation")) {
                    JsonNode def = p.get("defaultValue");
                    result.put(name, new Property(name, text(p.get("type")),
                            def == null || def.isNull() ? null : (def.isValueNode() ? def.asText() : def.toString()),
                            text(p.get("description"))));
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable configuration metadata " + file, e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    String service() {
        return service;
    }

    boolean fromMetadata() {
        return fromMetadata;
    }

    Map<String, Property> properties() {
        return properties;
    }

    Set<String> names() {
        return new TreeSet<>(properties.keySet());
    }

    /**
     * True when the service binds {@code key}: an exact property, an element of a list property
     * ({@code x[0]}), or an entry below a map property ({@code x.some-key}).
     */
    boolean binds(String key) {
        String k = key.replaceAll("\\[\\d+]", "");
        if (properties.containsKey(k)) {
            return true;
        }
        return properties.values().stream().anyMatch(p -> p.isMap() && k.startsWith(p.name() + "."));
    }

    /** True when an environment variable name binds to one of the keys (Spring's relaxed binding). */
    boolean bindsEnvironmentVariable(String variable) {
        String v = variable.toUpperCase(Locale.ROOT);
        return properties.values().stream().anyMatch(p -> {
            String env = toEnvironmentVariable(p.name());
            return env.equals(v) || (p.isMap() && v.startsWith(env + "_"));
        });
    }

    /** trading.market-data.url -> TRADING_MARKETDATA_URL, as Spring Boot documents for environment variables. */
    static String toEnvironmentVariable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
