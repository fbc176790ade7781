package dev.polymaker.deploy;

import dev.polymaker.marketdata.relay.RelayNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml renders for every profile (Debian's docker-compose, no engine needed), and the
 * rendered services are wired as operators expect: health-gated start order, readiness health checks
 * on the port the service listens on, environment variables that bind real configuration keys, and
 * secrets only through the git-ignored env file.
 */
class DockerComposeConfigTest {

    private static final Set<String> POLYMAKER_SERVICES = Set.of("market-data-service", "market-data-service-b",
            "trading-service-a", "trading-service-b");
    private static final String REPLICA_URLS = "ws://market-data-service:8080/ws,ws://market-data-service-b:8080/ws";
    private static final String POLYMARKET_WS = "wss://ws-subscriptions-clob.polymarket.com/ws/market";
    private static final String SIMULATOR_WS = "ws://exchange-simulator:8091/ws/market";
    /** What the two replicas must agree on to share one broker (the namespace they must not). */
    private static final List<String> RELAY_SETTINGS = List.of("MARKETDATA_RELAY_ENABLED", "MARKETDATA_RELAY_HOST",
            "MARKETDATA_RELAY_PORT", "MARKETDATA_RELAY_LOGIN", "MARKETDATA_RELAY_PASSCODE", "MARKETDATA_RELAY_BATCHINTERVAL");

    /** Profile name -> the arguments that select it. */
    private static List<String> argumentsFor(String profile) {
        return switch (profile) {
            case "default" -> List.of("--env-file", ".env.example");
            case "demo" -> List.of("--env-file", "deploy/compose/demo.env");
            case "relay" -> List.of("--env-file", "deploy/compose/relay.env");
            case "demo+relay" -> List.of("--env-file", "deploy/compose/demo.env", "--profile", "demo", "--profile", "relay");
            default -> throw new IllegalArgumentException(profile);
        };
    }

    private static final Map<String, Map<String, Map<String, Object>>> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** docker-compose config output for a profile, rendered once per test run. */
    static Map<String, Map<String, Object>> render(String profile) {
        return RENDERED.computeIfAbsent(profile, DockerComposeConfigTest::renderNow);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> renderNow(String profile) {
        Path compose = ExternalCommand.require("docker-compose", "docker-compose");
        List<String> cmd = new ArrayList<>(List.of(compose.toString(), "-f", "docker-compose.yml"));
        cmd.addAll(argumentsFor(profile));
        cmd.add("config");
        // .env is git-ignored and absent on CI: render with the committed example instead.
        ExternalCommand.Result result = ExternalCommand.run(RepositoryLayout.root(),
                Map.of("POLYMAKER_ENV_FILE", ".env.example"), Duration.ofSeconds(60), cmd.toArray(String[]::new))
                .assertSuccess();
        Map<String, Object> doc = new Yaml().load(result.output());
        return (Map<String, Map<String, Object>>) doc.get("services");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "demo", "relay", "demo+relay"})
    void everyProfileRendersWithHealthGatedPolymakerServices(String profile) {
        Map<String, Map<String, Object>> services = render(profile);
        assertThat(services).containsKeys("market-data-service", "market-data-service-b", "trading-service-a",
                "trading-service-b", "prometheus", "grafana");
        for (String name : POLYMAKER_SERVICES) {
            Map<String, Object> service = services.get(name);
            String port = environment(service).get("SERVER_PORT");
            assertThat(port).as(name + " SERVER_PORT").isNotBlank();
            assertThat(healthcheckTest(service)).as(name + " healthcheck")
                    .containsSequence("healthcheck", "http", port, "/actuator/health/readiness");
            assertThat(publishedTargets(service)).as(name + " ports").contains(Integer.parseInt(port));
            assertThat(service.get("restart")).isEqualTo("unless-stopped");
        }
        assertThat(dependsOn(services.get("trading-service-a"))).containsEntry("market-data-service", "service_healthy");
        assertThat(dependsOn(services.get("trading-service-b"))).containsEntry("market-data-service", "service_healthy");
        assertThat(dependsOn(services.get("grafana"))).containsEntry("prometheus", "service_healthy");
        assertThat(services.get("prometheus")).containsKey("healthcheck");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "demo", "relay"})
    void environmentVariablesBindRealConfigurationKeys(String profile) {
        Map<String, Map<String, Object>> services = render(profile);
        Map<String, ConfigurationKeys> keys = Map.of(
                "market-data-service", ConfigurationKeys.of("market-data-service"),
                "market-data-service-b", ConfigurationKeys.of("market-data-service"),
                "trading-service-a", ConfigurationKeys.of("trading-service"),
                "trading-service-b", ConfigurationKeys.of("trading-service"));
        keys.forEach((name, serviceKeys) -> {
            Set<String> unbound = environment(services.get(name)).keySet().stream()
                    .filter(v -> v.startsWith("MARKETDATA_") || v.startsWith("TRADING_"))
                    .filter(v -> !serviceKeys.bindsEnvironmentVariable(v))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(unbound).as(name + ": variables that bind no property of " + serviceKeys.service()
                    + (serviceKeys.fromMetadata() ? " (configuration metadata)" : " (docs/architecture.md contract)")).isEmpty();
        });
    }

    @Test
    void defaultTalksToPolymarketAndTradesOnPaper() {
        Map<String, Map<String, Object>> services = render("default");
        assertThat(environment(services.get("market-data-service"))).containsEntry("MARKETDATA_UPSTREAM_URL", POLYMARKET_WS);
        for (String trading : List.of("trading-service-a", "trading-service-b")) {
            Map<String, String> env = environment(services.get(trading));
            assertThat(env).containsEntry("TRADING_DIRECT_URL", POLYMARKET_WS)
                    .containsEntry("TRADING_MARKETDATA_URLS", REPLICA_URLS).doesNotContainKey("TRADING_MARKETDATA_URL")
                    .containsEntry("TRADING_ORDERS_MODE", "paper");
        }
        assertThat(environment(services.get("market-data-service"))).containsEntry("MARKETDATA_RELAY_ENABLED", "false");
        assertThat(environment(services.get("market-data-service-b"))).containsEntry("MARKETDATA_RELAY_ENABLED", "false");
    }

    @Test
    void twoReplicasShareUpstreamAndRelaySettingsButNeitherPortsNorNamespaceAndEveryTraderIsGivenBoth() {
        for (String profile : List.of("default", "demo", "relay", "demo+relay")) {
            Map<String, Map<String, Object>> services = render(profile);
            Map<String, String> a = environment(services.get("market-data-service"));
            Map<String, String> b = environment(services.get("market-data-service-b"));
            assertThat(b.get("MARKETDATA_UPSTREAM_URL")).as(profile).isEqualTo(a.get("MARKETDATA_UPSTREAM_URL"));
            assertThat(b.get("MARKETDATA_UPSTREAM_RESTURL")).as(profile).isEqualTo(a.get("MARKETDATA_UPSTREAM_RESTURL"));
            assertThat(b).as(profile).containsEntry("SERVER_PORT", "8080");
            assertThat(publishedPorts(services.get("market-data-service-b"))).as(profile)
                    .doesNotContainAnyElementsOf(publishedPorts(services.get("market-data-service")));
            // B relays whenever A does, to the same broker, but never in A's namespace: the broker would hold
            // the namespace for one of them and leave the other DOWN (lease_held), serving nothing.
            for (String key : RELAY_SETTINGS) {
                assertThat(b).as(profile + " replica B " + key).containsEntry(key, a.get(key));
            }
            assertThat(b.get("MARKETDATA_RELAY_NAMESPACE")).as(profile + " replica namespaces")
                    .isNotEqualTo(a.get("MARKETDATA_RELAY_NAMESPACE"));
            for (Map<String, String> replica : List.of(a, b)) {
                assertThat(RelayNamespace.isValid(replica.get("MARKETDATA_RELAY_NAMESPACE")))
                        .as(profile + " namespace " + replica.get("MARKETDATA_RELAY_NAMESPACE")).isTrue();
            }
            for (String trading : List.of("trading-service-a", "trading-service-b")) {
                assertThat(environment(services.get(trading))).as(profile + " " + trading)
                        .containsEntry("TRADING_MARKETDATA_URLS", REPLICA_URLS);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> publishedPorts(Map<String, Object> service) {
        return ((List<Map<String, Object>>) service.get("ports")).stream()
                .map(p -> Integer.parseInt(String.valueOf(p.get("published")))).toList();
    }

    @Test
    void demoPointsEveryServiceAtTheSimulatorWithDisjointTokens() {
        Map<String, Map<String, Object>> services = render("demo");
        assertThat(services.get("exchange-simulator").get("profiles")).isEqualTo(List.of("demo"));
        // The simulator binds 127.0.0.1 unless told otherwise: unreachable from the other containers.
        assertThat(commandOf(services.get("exchange-simulator"))).contains("--host=0.0.0.0", "--server.port=8090", "--ws.port=8091");
        assertThat(environment(services.get("market-data-service"))).containsEntry("MARKETDATA_UPSTREAM_URL", SIMULATOR_WS)
                .containsEntry("MARKETDATA_UPSTREAM_RESTURL", "http://exchange-simulator:8090");
        Map<String, String> a = environment(services.get("trading-service-a"));
        Map<String, String> b = environment(services.get("trading-service-b"));
        assertThat(a).containsEntry("TRADING_DIRECT_URL", SIMULATOR_WS).containsEntry("TRADING_ORDERS_MODE", "paper");
        assertThat(b).containsEntry("TRADING_DIRECT_URL", SIMULATOR_WS).containsEntry("TRADING_ORDERS_MODE", "paper");
        assertThat(a.get("TRADING_TOKENFILE")).isNotEqualTo(b.get("TRADING_TOKENFILE"));
        assertThat(dependsOn(services.get("demo-tokens"))).containsEntry("exchange-simulator", "service_healthy");
        // docker-compose config prints $$ (escaped $) as it stands in the file.
        assertThat(String.join(" ", commandOf(services.get("demo-tokens"))))
                .contains("split-tokens \"$$f\" 1 2 --json", "split-tokens \"$$f\" 2 2 --json",
                        a.get("TRADING_TOKENFILE").replace(".json", ""), b.get("TRADING_TOKENFILE").replace(".json", ""));
    }

    @Test
    void relayAddsRabbitMqWithStompAndEnablesTheRelay() {
        Map<String, Map<String, Object>> services = render("relay");
        assertThat(services.get("rabbitmq").get("profiles")).isEqualTo(List.of("relay"));
        assertThat(services.get("rabbitmq")).containsKey("healthcheck");
        Map<String, String> broker = environment(services.get("rabbitmq"));
        // Both replicas publish through the broker, each in its own namespace, with the broker's user.
        Map<String, String> namespaces = Map.of("market-data-service", "mds", "market-data-service-b", "mds-b");
        namespaces.forEach((replica, namespace) -> assertThat(environment(services.get(replica))).as(replica)
                .containsEntry("MARKETDATA_RELAY_ENABLED", "true")
                .containsEntry("MARKETDATA_RELAY_HOST", "rabbitmq").containsEntry("MARKETDATA_RELAY_PORT", "61613")
                .containsEntry("MARKETDATA_RELAY_NAMESPACE", namespace)
                .containsEntry("MARKETDATA_RELAY_LOGIN", broker.get("RABBITMQ_DEFAULT_USER"))
                .containsEntry("MARKETDATA_RELAY_PASSCODE", broker.get("RABBITMQ_DEFAULT_PASS"))
                .doesNotContainKey("MARKETDATA_RELAY_TOPOLOGY")); // node-queue: per-subscription is one instance per broker
        // Traders still subscribe to the replicas' /ws: the broker is behind market-data-service.
        for (String trading : List.of("trading-service-a", "trading-service-b")) {
            assertThat(environment(services.get(trading))).as(trading).containsEntry("TRADING_MARKETDATA_URLS", REPLICA_URLS)
                    .noneSatisfy((key, value) -> assertThat(value).contains("rabbitmq"));
        }
        assertThat(RepositoryLayout.read("deploy/rabbitmq/enabled_plugins")).contains("rabbitmq_stomp");
    }

    @Test
    void secretsComeOnlyFromTheGitIgnoredEnvFile() {
        String compose = RepositoryLayout.read("docker-compose.yml");
        assertThat(compose).doesNotContain("POLY_PRIVATE_KEY", "POLY_API_SECRET", "POLY_API_PASSPHRASE");
        assertThat(compose).contains("env_file:", "${POLYMAKER_ENV_FILE:-.env}");
        assertThat(RepositoryLayout.read(".gitignore").lines()).contains(".env");
        String example = RepositoryLayout.read(".env.example");
        for (String name : List.of("POLY_PRIVATE_KEY", "POLY_FUNDER", "POLY_SIGNATURE_TYPE", "POLY_API_KEY",
                "POLY_API_SECRET", "POLY_API_PASSPHRASE")) {
            // Documented, commented out and empty: the example never carries a value.
            assertThat(example).containsPattern("(?m)^# " + name + "=$");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryPolymakerServiceOnItsPort() {
        Map<String, Map<String, Object>> services = render("default");
        Map<String, Object> prometheus = new Yaml().load(RepositoryLayout.read("deploy/prometheus/prometheus.yml"));
        Set<String> targets = new TreeSet<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) prometheus.get("scrape_configs")) {
            if (!"prometheus".equals(job.get("job_name"))) {
                assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
                for (Map<String, Object> sc : (List<Map<String, Object>>) job.get("static_configs")) {
                    targets.addAll((List<String>) sc.get("targets"));
                }
            }
        }
        Set<String> expected = POLYMAKER_SERVICES.stream()
                .map(s -> s + ":" + environment(services.get(s)).get("SERVER_PORT"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(targets).isEqualTo(expected);
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> environment(Map<String, Object> service) {
        Object env = service.get("environment");
        if (env == null) {
            return Map.of();
        }
        return ((Map<String, Object>) env).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }

    @SuppressWarnings("unchecked")
    private static List<String> healthcheckTest(Map<String, Object> service) {
        Map<String, Object> healthcheck = (Map<String, Object>) service.get("healthcheck");
        assertThat(healthcheck).isNotNull();
        return ((List<Object>) healthcheck.get("test")).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> publishedTargets(Map<String, Object> service) {
        return ((List<Map<String, Object>>) service.get("ports")).stream()
                .map(p -> Integer.parseInt(String.valueOf(p.get("target")))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> dependsOn(Map<String, Object> service) {
        Map<String, Map<String, Object>> deps = (Map<String, Map<String, Object>>) service.get("depends_on");
        assertThat(deps).isNotNull();
        return deps.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue().get("condition"))));
    }

    @SuppressWarnings("unchecked")
    private static List<String> commandOf(Map<String, Object> service) {
        Object command = service.get("command");
        return command instanceof List<?> list ? ((List<Object>) list).stream().map(String::valueOf).toList() : List.of(String.valueOf(command));
    }
}
