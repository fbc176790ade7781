package dev.polymaker.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** `helm template` output of helm/polymaker, parsed into fabric8 Kubernetes model objects by kind. */
final class RenderedChart {

    static final Path CHART = RepositoryLayout.path("helm/polymaker");
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    final List<Deployment> deployments = new ArrayList<>();
    final Map<String, ConfigMap> configMaps = new LinkedHashMap<>();
    final List<Service> services = new ArrayList<>();
    final List<PodDisruptionBudget> budgets = new ArrayList<>();
    final List<Map<String, Object>> serviceMonitors = new ArrayList<>();
    final List<Map<String, Object>> prometheusRules = new ArrayList<>();
    final List<String> kinds = new ArrayList<>();

    private RenderedChart() {
    }

    /** Renders with the chart's defaults plus an optional values file (YAML text). */
    static RenderedChart render(String releaseName, String valuesYaml) {
        TemplateCommand template = new Helm(CHART).template().withName(releaseName).withNamespace("trading");
        Path values = null;
        try {
            if (valuesYaml != null) {
                values = Files.createTempFile("polymaker-values", ".yaml");
                Files.writeString(values, valuesYaml);
                template = template.withValuesFile(values);
            }
            return parse(template.call());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (values != null) {
                values.toFile().delete();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static RenderedChart parse(String manifests) {
        RenderedChart chart = new RenderedChart();
        for (Object doc : new Yaml().loadAll(manifests)) {
            if (doc == null) {
                continue;
            }
            Map<String, Object> map = (Map<String, Object>) doc;
            String kind = (String) map.get("kind");
            chart.kinds.add(kind);
            switch (kind) {
                case "Deployment" -> chart.deployments.add(JSON.convertValue(map, Deployment.class));
                case "ConfigMap" -> {
                    ConfigMap cm = JSON.convertValue(map, ConfigMap.class);
                    chart.configMaps.put(cm.getMetadata().getName(), cm);
                }
                case "Service" -> chart.services.add(JSON.convertValue(map, Service.class));
                case "PodDisruptionBudget" -> chart.budgets.add(JSON.convertValue(map, PodDisruptionBudget.class));
                case "ServiceMonitor" -> chart.serviceMonitors.add(map);
                case "PrometheusRule" -> chart.prometheusRules.add(map);
                default -> throw new AssertionError("unexpected kind " + kind + " in chart output");
            }
        }
        return chart;
    }

    /** application.properties of a ConfigMap, parsed. */
    Properties properties(String configMapName) {
        ConfigMap cm = configMaps.get(configMapName);
        if (cm == null) {
            throw new AssertionError("no ConfigMap " + configMapName + " in " + configMaps.keySet());
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(cm.getData().get("application.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    List<Deployment> deploymentsOf(String component) {
        return deployments.stream()
                .filter(d -> component.equals(d.getMetadata().getLabels().get("app.kubernetes.io/component")))
                .toList();
    }
}
