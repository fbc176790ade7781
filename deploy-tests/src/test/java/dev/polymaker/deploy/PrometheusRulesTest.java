package dev.polymaker.deploy;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The alert rules are valid, behave as their unit tests say, and ship identically in compose and Helm. */
class PrometheusRulesTest {

    private static final String RULES = "deploy/prometheus/rules/polymaker-alerts.yml";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void rulesAreValid() {
        Path promtool = ExternalCommand.require("promtool", "prometheus");
        ExternalCommand.Result result = ExternalCommand.run(RepositoryLayout.root(), Map.of(), TIMEOUT,
                promtool.toString(), "check", "rules", RULES).assertSuccess();
        assertThat(result.output()).contains("SUCCESS: 10 rules found");
    }

    @Test
    void rulesPassTheirUnitTests() {
        Path promtool = ExternalCommand.require("promtool", "prometheus");
        ExternalCommand.run(RepositoryLayout.root(), Map.of(), TIMEOUT,
                promtool.toString(), "test", "rules", "deploy/prometheus/tests/polymaker-alerts.test.yml").assertSuccess();
    }

    @Test
    void composePrometheusConfigIsValidAndLoadsTheRules() {
        Path promtool = ExternalCommand.require("promtool", "prometheus");
        ExternalCommand.Result result = ExternalCommand.run(RepositoryLayout.root(), Map.of(), TIMEOUT,
                promtool.toString(), "check", "config", "deploy/prometheus/prometheus.yml").assertSuccess();
        assertThat(result.output()).contains("SUCCESS: 1 rule files found");
    }

    @Test
    void everyIssueAlertExistsWithItsDelay() {
        Map<String, Map<String, Object>> alerts = alerts();
        assertThat(alerts.get("MarketDataUpstreamDown")).containsEntry("for", "1m");
        assertThat(alerts.get("TradingFeedDirect")).containsEntry("for", "10m");
        assertThat(alerts.get("TradingFeedNone")).containsEntry("for", "1m");
        assertThat(alerts.get("MarketDataOneReplicaHealthy")).containsEntry("for", "10m");
        assertThat((String) alerts.get("MarketDataOneReplicaHealthy").get("expr"))
                .contains("trading_feed_replicas_healthy", "trading_feed_replicas)");
        assertThat(alerts.get("MarketDataTokensNotLive")).containsEntry("for", "5m");
        assertThat((String) alerts.get("TradingNoOrders6h").get("expr"))
                .contains("increase(trading_orders_total", "[6h]", "trading_tokens", "trading_halted");
        assertThat(alerts).containsKeys("PolymakerNotReady", "PolymakerServiceDown");
        alerts.forEach((name, rule) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
            assertThat(annotations).as(name).containsKeys("summary", "description", "runbook");
            String anchor = ((String) annotations.get("runbook")).replaceFirst("^docs/operations.md#", "");
            assertThat(RepositoryLayout.read("docs/operations.md")).as(name + " runbook anchor")
                    .containsPattern("(?im)^#+ .*" + anchor.replace("-", "[- ?]+"));
        });
    }

    @Test
    void helmChartShipsTheSameRules() {
        assertThat(RepositoryLayout.read("helm/polymaker/files/polymaker-alerts.yml"))
                .as("helm/polymaker/files/polymaker-alerts.yml must be a copy of " + RULES)
                .isEqualTo(RepositoryLayout.read(RULES));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> alerts() {
        Map<String, Object> doc = new Yaml().load(RepositoryLayout.read(RULES));
        Map<String, Map<String, Object>> byName = new java.util.TreeMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                byName.put((String) rule.get("alert"), rule);
            }
        }
        return byName;
    }
}
