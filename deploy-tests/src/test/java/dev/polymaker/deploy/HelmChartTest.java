package dev.polymaker.deploy;

import com.marcnuri.helm.Helm;
import dev.polymaker.marketdata.relay.RelayNamespace;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * helm/polymaker lints, renders with default and non-default values, and the rendered objects are
 * what a cluster needs: probes on the actuator groups and the port the app listens on, config keys
 * the apps really bind, secrets by reference, one owner per token, and optional Prometheus operator
 * objects that carry the same alert rules as compose.
 */
class HelmChartTest {

    private static final String POD_TEMPLATE_HASH = "POLYMAKER_POD_TEMPLATE_HASH";
    private static final Set<String> SPRING_PREFIXES = Set.of("server.", "management.", "spring.", "logging.");
    private static final List<String> POLY_SECRETS = List.of("POLY_PRIVATE_KEY", "POLY_FUNDER", "POLY_SIGNATURE_TYPE",
            "POLY_API_KEY", "POLY_API_SECRET", "POLY_API_PASSPHRASE");

    private static final String CUSTOM_VALUES = """
            image:
              registry: registry.example.com
              tag: "1.2.3"
            secrets:
              existingSecret: prod-keys
            prometheusScrapeAnnotations: false
            serviceMonitor:
              enabled: true
              labels: {release: kube-prometheus}
            prometheusRule:
              enabled: true
            podDisruptionBudget:
              maxUnavailable: 2
            marketDataService:
              port: 9080
              config:
                marketdata.upstream.max-tokens-per-socket: "150"
            tradingService:
              port: 9081
              config:
                trading.orders.mode: live
              instances:
                - name: alpha
                  tokens: ["71321045679252212594626385532706912750332728571942532289631379312455583992563", "2"]
                - name: beta
                  tokens: ["3"]
                  config:
                    trading.feed.stale-after: 10s
                - name: gamma
                  tokens: ["4", "5"]
            """;

    @Test
    void lintPasses() {
        LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void defaultsRenderBothServicesWithoutOperatorObjects() {
        RenderedChart chart = RenderedChart.render("polymaker", null);
        assertThat(chart.deploymentsOf("market-data-service")).extracting(d -> d.getMetadata().getName())
                .containsExactly("polymaker-market-data-service-0", "polymaker-market-data-service-1");
        assertThat(chart.deploymentsOf("trading-service")).hasSize(2);
        assertThat(chart.services).hasSize(4);
        assertThat(chart.budgets).hasSize(2);
        assertThat(chart.serviceMonitors).isEmpty();
        assertThat(chart.prometheusRules).isEmpty();
        checkWorkloads(chart, false, true);
    }

    @Test
    void customValuesRenderEveryInstanceLiveWithOperatorObjects() {
        RenderedChart chart = RenderedChart.render("prod", CUSTOM_VALUES);
        assertThat(chart.deploymentsOf("trading-service")).extracting(d -> d.getMetadata().getName())
                .containsExactly("prod-polymaker-trading-alpha", "prod-polymaker-trading-beta", "prod-polymaker-trading-gamma");
        checkWorkloads(chart, true, false);

        Deployment mds = chart.deploymentsOf("market-data-service").get(0);
        assertThat(container(mds).getImage()).isEqualTo("registry.example.com/polymaker/market-data-service:1.2.3");
        assertThat(chart.properties("prod-polymaker-market-data-service"))
                .containsEntry("marketdata.upstream.max-tokens-per-socket", "150").containsEntry("server.port", "9080");
        assertThat(chart.properties("prod-polymaker-trading-alpha"))
                .containsEntry("trading.tokens", "71321045679252212594626385532706912750332728571942532289631379312455583992563,2")
                .containsEntry("trading.orders.mode", "live")
                .containsEntry("trading.market-data.urls",
                        "ws://prod-polymaker-market-data-service-0:9080/ws,ws://prod-polymaker-market-data-service-1:9080/ws")
                .doesNotContainKey("trading.market-data.url");
        assertThat(chart.properties("prod-polymaker-trading-beta")).containsEntry("trading.feed.stale-after", "10s");
        assertThat(chart.properties("prod-polymaker-trading-gamma")).containsEntry("trading.feed.stale-after", "5s");
        assertThat(budgetOf(chart, "trading-service").getSpec().getMaxUnavailable().getIntVal()).isEqualTo(2);
        assertThat(budgetOf(chart, "market-data-service").getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(budgetOf(chart, "market-data-service").getSpec().getMaxUnavailable()).isNull();

        assertThat(chart.serviceMonitors).hasSize(2);
        for (Map<String, Object> monitor : chart.serviceMonitors) {
            assertThat(monitor).extractingByKey("metadata").asString().contains("release=kube-prometheus");
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) monitor.get("spec");
            assertThat(spec.get("jobLabel")).isEqualTo("polymaker.dev/job");
            assertThat(spec.get("endpoints")).isEqualTo(List.of(Map.of("port", "http", "path", "/actuator/prometheus", "interval", "15s")));
        }
        // The job label the alert rules match on comes from the Services the monitors select.
        assertThat(chart.services).extracting(s -> s.getMetadata().getLabels().get("polymaker.dev/job"))
                .containsOnly("market-data-service", "trading-service");

        assertThat(chart.prometheusRules).hasSize(1);
        Object rules = new Yaml().load(RepositoryLayout.read("deploy/prometheus/rules/polymaker-alerts.yml"));
        assertThat(chart.prometheusRules.get(0).get("spec")).isEqualTo(rules);
    }

    @Test
    void marketDataServiceReplicasAreSpreadOverNodesAndKeptAliveThroughDrains() {
        RenderedChart chart = RenderedChart.render("polymaker", null);
        List<Deployment> replicas = chart.deploymentsOf("market-data-service");
        assertThat(replicas).hasSize(2);
        for (Deployment d : replicas) {
            assertThat(d.getSpec().getReplicas()).as("one pod per replica Deployment").isEqualTo(1);
            var affinity = d.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                    .getRequiredDuringSchedulingIgnoredDuringExecution();
            assertThat(affinity).singleElement().satisfies(term -> {
                assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                // The term selects every replica's pods, this one's included.
                assertThat(term.getLabelSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component",
                        "market-data-service").doesNotContainKey("polymaker.dev/replica");
                replicas.forEach(other -> assertThat(other.getSpec().getTemplate().getMetadata().getLabels().entrySet())
                        .containsAll(term.getLabelSelector().getMatchLabels().entrySet()));
            });
            // Every replica reads the same configuration.
            assertThat(configMapOf(d.getSpec().getTemplate().getSpec(), container(d))).isEqualTo("polymaker-market-data-service");
        }
        PodDisruptionBudget mds = budgetOf(chart, "market-data-service");
        assertThat(mds.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        replicas.forEach(d -> assertThat(selects(mds.getSpec().getSelector().getMatchLabels(), d)).isTrue());
        assertThat(chart.services).filteredOn(s -> "market-data-service".equals(
                        s.getMetadata().getLabels().get("app.kubernetes.io/component")))
                .allSatisfy(s -> assertThat(s.getSpec().getPublishNotReadyAddresses()).isTrue());
        for (Deployment trading : chart.deploymentsOf("trading-service")) {
            assertThat(chart.properties(configMapOf(trading.getSpec().getTemplate().getSpec(), container(trading))))
                    .containsEntry("trading.market-data.urls",
                            "ws://polymaker-market-data-service-0:8080/ws,ws://polymaker-market-data-service-1:8080/ws");
        }
    }

    @Test
    void replicaCountAntiAffinityAndAnExplicitUrlAreValues() {
        RenderedChart chart = RenderedChart.render("polymaker", """
                marketDataService:
                  replicas: 3
                  antiAffinity: preferred
                tradingService:
                  instances:
                    - name: a
                    - name: b
                      config:
                        trading.market-data.url: ws://elsewhere:8080/ws
                """);
        assertThat(chart.deploymentsOf("market-data-service")).hasSize(3).allSatisfy(d -> {
            var anti = d.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
            assertThat(anti.getRequiredDuringSchedulingIgnoredDuringExecution()).isEmpty();
            assertThat(anti.getPreferredDuringSchedulingIgnoredDuringExecution()).singleElement()
                    .satisfies(t -> assertThat(t.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
        });
        assertThat(chart.properties("polymaker-trading-a").getProperty("trading.market-data.urls")).isEqualTo(
                "ws://polymaker-market-data-service-0:8080/ws,ws://polymaker-market-data-service-1:8080/ws,"
                        + "ws://polymaker-market-data-service-2:8080/ws");
        // An instance that names its own market-data-service gets no list besides (the app refuses both).
        assertThat(chart.properties("polymaker-trading-b")).containsEntry("trading.market-data.url", "ws://elsewhere:8080/ws")
                .doesNotContainKey("trading.market-data.urls");
        assertThatThrownBy(() -> RenderedChart.render("polymaker", "marketDataService:\n  replicas: 0\n"))
                .hasMessageContaining("replicas");
        assertThat(RenderedChart.render("polymaker", "marketDataService:\n  antiAffinity: none\n")
                .deploymentsOf("market-data-service")).allSatisfy(d ->
                assertThat(d.getSpec().getTemplate().getSpec().getAffinity()).isNull());
    }

    @Test
    void withTheRelayEveryReplicaPublishesThroughTheBrokerInANamespaceOfItsOwn() {
        RenderedChart chart = RenderedChart.render("polymaker", """
                marketDataService:
                  replicas: 3
                  relay:
                    enabled: true
                    host: rabbitmq.messaging
                """);
        checkWorkloads(chart, false, true);
        assertThat(chart.properties("polymaker-market-data-service")).containsEntry("marketdata.relay.enabled", "true")
                .containsEntry("marketdata.relay.host", "rabbitmq.messaging").containsEntry("marketdata.relay.port", "61613")
                .containsEntry("marketdata.relay.batch-interval", "1ms")
                .doesNotContainKey("marketdata.relay.namespace").doesNotContainKey("marketdata.relay.topology");
        Set<String> namespaces = new TreeSet<>();
        for (Deployment replica : chart.deploymentsOf("market-data-service")) {
            String name = replica.getMetadata().getName();
            List<EnvVar> env = container(replica).getEnv();
            List<String> names = env.stream().map(EnvVar::getName).toList();
            EnvVar hash = env.stream().filter(e -> e.getName().equals(POD_TEMPLATE_HASH)).findFirst().orElseThrow();
            assertThat(hash.getValueFrom().getFieldRef().getFieldPath()).as(name)
                    .isEqualTo("metadata.labels['pod-template-hash']");
            EnvVar namespace = env.stream().filter(e -> e.getName().equals("MARKETDATA_RELAY_NAMESPACE")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + ": no MARKETDATA_RELAY_NAMESPACE"));
            // Kubernetes expands $(VAR) only for variables defined earlier in the list.
            assertThat(names.indexOf(POD_TEMPLATE_HASH)).as(name).isLessThan(names.indexOf("MARKETDATA_RELAY_NAMESPACE"));
            String thisRollout = expand(namespace.getValue(), "6f9c7d4b8x");
            String nextRollout = expand(namespace.getValue(), "5bd8c9f7d2");
            assertThat(List.of(thisRollout, nextRollout)).as(name + " namespace " + namespace.getValue())
                    .allMatch(RelayNamespace::isValid);
            // A surge pod of the next rollout must not wait for the lease its predecessor holds.
            assertThat(nextRollout).as(name + ": namespace per rollout").isNotEqualTo(thisRollout);
            assertThat(namespaces.add(thisRollout)).as(name + ": namespace " + thisRollout + " shared with another replica")
                    .isTrue();
            for (String secret : List.of("MARKETDATA_RELAY_LOGIN", "MARKETDATA_RELAY_PASSCODE")) {
                EnvVar ref = secretRef(container(replica), secret);
                assertThat(ref).as(name + " " + secret).isNotNull();
                assertThat(ref.getValueFrom().getSecretKeyRef().getOptional()).as(name + " " + secret + " required").isFalse();
            }
        }
        assertThat(namespaces).hasSize(3);
        // Traders still follow the replicas' Services: the broker is behind market-data-service.
        assertThat(chart.properties("polymaker-trading-a").getProperty("trading.market-data.urls")).isEqualTo(
                "ws://polymaker-market-data-service-0:8080/ws,ws://polymaker-market-data-service-1:8080/ws,"
                        + "ws://polymaker-market-data-service-2:8080/ws");

        RenderedChart tuned = RenderedChart.render("polymaker", """
                marketDataService:
                  relay:
                    enabled: true
                    host: rabbitmq
                    batchInterval: 3ms
                """);
        assertThat(tuned.properties("polymaker-market-data-service"))
                .containsEntry("marketdata.relay.batch-interval", "3ms");

        RenderedChart off = RenderedChart.render("polymaker", null);
        assertThat(off.properties("polymaker-market-data-service")).doesNotContainKey("marketdata.relay.enabled");
        assertThat(off.deploymentsOf("market-data-service")).allSatisfy(d -> assertThat(container(d).getEnv())
                .extracting(EnvVar::getName).doesNotContain("MARKETDATA_RELAY_NAMESPACE", "MARKETDATA_RELAY_PASSCODE"));
    }

    @Test
    void aRelayWithoutABrokerOrSetThroughConfigIsRefused() {
        assertThatThrownBy(() -> RenderedChart.render("polymaker", """
                marketDataService:
                  relay:
                    enabled: true
                """)).hasMessageContaining("marketDataService.relay.host");
        // A chart-wide key would give every replica the same namespace: all but one would be DOWN (lease_held).
        assertThatThrownBy(() -> RenderedChart.render("polymaker", """
                marketDataService:
                  config:
                    marketdata.relay.enabled: "true"
                """)).hasMessageContaining("marketdata.relay.enabled").hasMessageContaining("marketDataService.relay");
        assertThatThrownBy(() -> RenderedChart.render("polymaker", """
                marketDataService:
                  relay:
                    enabled: true
                    host: rabbitmq
                    namespace: a-prefix-far-too-long-for-the-broker
                """)).hasMessageContaining("namespace");
        assertThatThrownBy(() -> RenderedChart.render("polymaker", """
                marketDataService:
                  relay:
                    enabled: true
                    host: rabbitmq
                    batchInterval: soon
                """)).hasMessageContaining("batchInterval");
    }

    private static String expand(String value, String podTemplateHash) {
        return value.replace("$(" + POD_TEMPLATE_HASH + ")", podTemplateHash);
    }

    private static PodDisruptionBudget budgetOf(RenderedChart chart, String component) {
        return chart.budgets.stream().filter(b -> component.equals(b.getMetadata().getLabels().get("app.kubernetes.io/component")))
                .findFirst().orElseThrow();
    }

    @Test
    void overlappingTokenSetsAreRefused() {
        String values = """
                tradingService:
                  instances:
                    - name: a
                      tokens: ["11", "12"]
                    - name: b
                      tokens: ["12"]
                """;
        assertThatThrownBy(() -> RenderedChart.render("polymaker", values))
                .hasMessageContaining("token 12 is listed by both \"a\" and \"b\"");
    }

    @Test
    void valuesOutsideTheSchemaAreRefused() {
        assertThatThrownBy(() -> RenderedChart.render("polymaker", """
                tradingService:
                  config:
                    trading.orders.mode: yolo
                """)).hasMessageContaining("trading.orders.mode");
        assertThatThrownBy(() -> RenderedChart.render("polymaker", """
                tradingService:
                  instances:
                    - name: Desk_A
                """)).hasMessageContaining("name");
        assertThatThrownBy(() -> RenderedChart.render("polymaker", """
                tradingService:
                  instances:
                    - name: a
                      tokens: ["0x12"]
                """)).hasMessageContaining("tokens");
    }

    @Test
    void unquotedTokenIdsAreRefused() {
        String values = """
                tradingService:
                  instances:
                    - name: a
                      tokens: [7132104567925221259462638553270691275033272857194253228963137931245558399256]
                """;
        // values.schema.json says so first; the template's own check backs it up when schema validation is skipped.
        assertThatThrownBy(() -> RenderedChart.render("polymaker", values))
                .hasMessageContaining("tradingService.instances.0.tokens.0").hasMessageContaining("Expected: string");
    }

    /** Checks every Deployment of a rendered chart against its ConfigMap, Service, budget and the apps' keys. */
    private static void checkWorkloads(RenderedChart chart, boolean live, boolean scrapeAnnotations) {
        List<String> mdsUrls = new java.util.ArrayList<>();
        for (Deployment deployment : chart.deployments) {
            String name = deployment.getMetadata().getName();
            String component = deployment.getMetadata().getLabels().get("app.kubernetes.io/component");
            String serviceKey = component.equals("market-data-service") ? "market-data-service" : "trading-service";
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = container(deployment);

            // The app listens where the probes, the Service and the scrape annotations look.
            Properties props = chart.properties(configMapOf(pod, container));
            int port = Integer.parseInt(props.getProperty("server.port"));
            ContainerPort http = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow();
            assertThat(http.getContainerPort()).as(name + " containerPort = server.port").isEqualTo(port);
            assertProbe(name + " startup", container.getStartupProbe().getHttpGet(), "/actuator/health/liveness");
            assertProbe(name + " liveness", container.getLivenessProbe().getHttpGet(), "/actuator/health/liveness");
            assertProbe(name + " readiness", container.getReadinessProbe().getHttpGet(), "/actuator/health/readiness");
            assertThat(container.getStartupProbe().getFailureThreshold() * container.getStartupProbe().getPeriodSeconds())
                    .as(name + " startup budget (s)").isGreaterThanOrEqualTo(120);
            Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
            if (scrapeAnnotations) {
                assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                        .containsEntry("prometheus.io/path", "/actuator/prometheus")
                        .containsEntry("prometheus.io/port", String.valueOf(port));
            } else {
                assertThat(annotations).doesNotContainKey("prometheus.io/scrape");
            }
            assertThat(annotations).containsKey("checksum/config");

            Service service = serviceSelecting(chart, deployment);
            assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getPort()).isEqualTo(port);
                assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
            });
            PodDisruptionBudget budget = chart.budgets.stream()
                    .filter(b -> selects(b.getSpec().getSelector().getMatchLabels(), deployment)).findFirst().orElseThrow(
                            () -> new AssertionError("no PodDisruptionBudget selects " + name));
            assertThat(budget.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", component);

            // Resources, non-root, read-only root with a writable /tmp.
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKey("memory");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getVolumeMounts()).extracting(VolumeMount::getMountPath).contains("/tmp");

            // Every key in the ConfigMap is a key the app binds (or Spring Boot's own).
            ConfigurationKeys keys = ConfigurationKeys.of(serviceKey);
            Set<String> unknown = new TreeSet<>();
            for (String key : props.stringPropertyNames()) {
                boolean spring = SPRING_PREFIXES.stream().anyMatch(key::startsWith);
                if (!spring && !keys.binds(key)) {
                    unknown.add(key);
                }
            }
            assertThat(unknown).as(name + ": ConfigMap keys " + serviceKey + " does not bind"
                    + (keys.fromMetadata() ? " (configuration metadata)" : " (docs/architecture.md contract)")).isEmpty();
            for (EnvVar env : container.getEnv()) {
                if (env.getName().startsWith("MARKETDATA_") || env.getName().startsWith("TRADING_")) {
                    assertThat(keys.bindsEnvironmentVariable(env.getName())).as(name + " env " + env.getName()).isTrue();
                }
            }

            if (serviceKey.equals("market-data-service")) {
                mdsUrls.add("ws://" + service.getMetadata().getName() + ":" + port + "/ws");
                assertThat(secretRef(container, "MARKETDATA_ADMIN_TOKEN")).isNotNull();
            } else {
                assertThat(deployment.getSpec().getReplicas()).as(name + ": one pod per token owner").isEqualTo(1);
                assertThat(deployment.getSpec().getStrategy().getType()).as(name + ": never two pods at once").isEqualTo("Recreate");
                assertThat(secretRef(container, "TRADING_ADMIN_TOKEN")).isNotNull();
                for (String secret : POLY_SECRETS) {
                    EnvVar ref = secretRef(container, secret);
                    assertThat(ref).as(name + " " + secret).isNotNull();
                    assertThat(ref.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(secret);
                    assertThat(ref.getValueFrom().getSecretKeyRef().getOptional())
                            .as(name + " " + secret + " required in live mode only").isEqualTo(!live);
                }
                assertThat(props.getProperty("trading.orders.mode")).isEqualTo(live ? "live" : "paper");
            }
        }
        assertThat(mdsUrls).as("market-data-service replicas").hasSizeGreaterThanOrEqualTo(2);
        for (Deployment trading : chart.deploymentsOf("trading-service")) {
            Properties props = chart.properties(configMapOf(trading.getSpec().getTemplate().getSpec(), container(trading)));
            // Every trader is given every replica, each by its own Service.
            assertThat(props.getProperty("trading.market-data.urls")).isEqualTo(String.join(",", mdsUrls));
        }
        // Disjoint token sets across instances.
        Set<String> seen = new TreeSet<>();
        for (Deployment trading : chart.deploymentsOf("trading-service")) {
            String tokens = chart.properties(configMapOf(trading.getSpec().getTemplate().getSpec(), container(trading)))
                    .getProperty("trading.tokens", "");
            for (String token : tokens.split(",")) {
                if (!token.isBlank()) {
                    assertThat(seen.add(token)).as("token " + token + " owned twice").isTrue();
                }
            }
        }
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** Name of the ConfigMap mounted where SPRING_CONFIG_ADDITIONAL_LOCATION points. */
    private static String configMapOf(PodSpec pod, Container container) {
        String location = container.getEnv().stream().filter(e -> e.getName().equals("SPRING_CONFIG_ADDITIONAL_LOCATION"))
                .findFirst().orElseThrow().getValue();
        String dir = location.replaceFirst("^optional:", "").replaceFirst("^file:", "");
        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(m -> dir.equals(m.getMountPath()) || dir.equals(m.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + dir));
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        return volume.getConfigMap().getName();
    }

    private static void assertProbe(String what, HTTPGetAction get, String path) {
        assertThat(get).as(what).isNotNull();
        assertThat(get.getPath()).as(what + " path").isEqualTo(path);
        assertThat(get.getPort().getStrVal()).as(what + " port").isEqualTo("http");
    }

    private static Service serviceSelecting(RenderedChart chart, Deployment deployment) {
        List<Service> matching = chart.services.stream().filter(s -> selects(s.getSpec().getSelector(), deployment)).toList();
        assertThat(matching).as("Services selecting " + deployment.getMetadata().getName()).hasSize(1);
        // ...and that Service selects no other Deployment's pods.
        long selected = chart.deployments.stream().filter(d -> selects(matching.get(0).getSpec().getSelector(), d)).count();
        assertThat(selected).as(matching.get(0).getMetadata().getName() + " selects exactly one Deployment").isEqualTo(1);
        return matching.get(0);
    }

    private static boolean selects(Map<String, String> selector, Deployment deployment) {
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(deployment.getSpec().getSelector().getMatchLabels().entrySet()).isSubsetOf(labels.entrySet());
        return labels.entrySet().containsAll(selector.entrySet());
    }

    private static EnvVar secretRef(Container container, String name) {
        return container.getEnv().stream()
                .filter(e -> e.getName().equals(name) && e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .findFirst().orElse(null);
    }
}
