package dev.polymaker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The provisioned Grafana dashboard and the alert rules query only metrics the services are contracted to export. */
class GrafanaDashboardTest {

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(RepositoryLayout.path("deploy/grafana/dashboards/polymaker.json").toFile());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPanelUsesTheProvisionedDatasource() throws IOException {
        Map<String, Object> provisioning = new Yaml().load(RepositoryLayout.read("deploy/grafana/provisioning/datasources/prometheus.yml"));
        Map<String, Object> datasource = ((List<Map<String, Object>>) provisioning.get("datasources")).get(0);
        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");
        int targets = 0;
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                        .isEqualTo(datasource.get("uid"));
                targets++;
            }
        }
        assertThat(targets).isGreaterThan(15);
    }

    @Test
    void dashboardCoversWhatTheIssueAsksFor() throws IOException {
        Set<String> used = new TreeSet<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                used.addAll(MetricNames.in(target.path("expr").asText()));
            }
        }
        // feed mode per instance, ticks/s, upstream sockets and reconnects, tokens per state, tick latency, orders, P&L
        assertThat(used).contains("trading_feed_mode", "marketdata_ticks_published_total", "marketdata_upstream_sockets",
                "marketdata_upstream_reconnects_total", "marketdata_tokens", "marketdata_tick_latency_seconds",
                "trading_tick_latency_seconds", "trading_orders_total", "trading_realised_pnl");
        assertThat(used).as("dashboard metrics not exported by any service (docs/architecture.md + MetricNames)")
                .isSubsetOf(MetricNames.known());
    }

    @Test
    void alertRulesUseOnlyKnownMetrics() {
        Set<String> used = new TreeSet<>();
        PrometheusRulesTest.alerts().values().forEach(rule -> used.addAll(MetricNames.in((String) rule.get("expr"))));
        assertThat(used).contains("marketdata_upstream_sockets", "trading_feed_mode", "trading_orders_total", "polymaker_ready")
                .isSubsetOf(MetricNames.known());
    }

    @Test
    void composeMountsTheDashboardWhereTheProviderLooks() {
        String provider = RepositoryLayout.read("deploy/grafana/provisioning/dashboards/polymaker.yml");
        assertThat(provider).contains("path: /var/lib/grafana/dashboards");
        assertThat(RepositoryLayout.read("docker-compose.yml"))
                .contains("./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro",
                        "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro");
    }
}
