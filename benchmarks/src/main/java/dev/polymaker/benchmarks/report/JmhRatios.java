package dev.polymaker.benchmarks.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JMH JSON result file ({@code -rf json -rff results.json}) and writes a Markdown table of
 * ratios: each benchmark {@code Class.<frame>_<subject>} against the baseline of the same class
 * and frame ({@code *_readTree}, {@code *_treeMap}), measured in the same run. The error of a
 * ratio combines both 99.9% confidence half-widths that JMH reports (relative errors in quadrature).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.polymaker.benchmarks.report.JmhRatios round1.json [round2.json
 * ...] [--out=ratios.md]}; with several rounds it also summarises each ratio over the rounds.
 */
public final class JmhRatios {

    private static final Logger log = LoggerFactory.getLogger(JmhRatios.class);
    private static final Set<String> BASELINES = Set.of("readTree", "treeMap", "baseline");

    record Score(String benchmark, String group, String subject, double score, double error, String unit,
                 String params) {
    }

    private JmhRatios() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        Path out = null;
        for (String arg : args) {
            if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length()));
            } else {
                files.add(Path.of(arg));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("usage: JmhRatios <jmh-results.json>... [--out=ratios.md]");
        }
        List<List<Score>> rounds = new ArrayList<>();
        for (Path file : files) {
            rounds.add(read(file));
        }
        StringBuilder table = new StringBuilder();
        if (rounds.size() > 1) {
            table.append(summary(rounds)).append('\n');
        }
        for (int i = 0; i < rounds.size(); i++) {
            table.append(rounds.size() > 1 ? "Round " + (i + 1) + " (" + files.get(i) + "):\n\n" : "")
                    .append(markdown(rounds.get(i))).append('\n');
        }
        log.info("\n{}", table);
        if (out != null) {
            Files.writeString(out, table.toString());
            log.info("ratios written to {}", out);
        }
    }

    /**
     * One line per subject: its ratio to the baseline in each round (separate JMH runs at
     * different moments), and their mean ± sample standard deviation, which shows how much the
     * machine's changing load moved the result.
     */
    static String summary(List<List<Score>> rounds) {
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (List<Score> round : rounds) {
            for (Map.Entry<String, Double> entry : ratios(round).entrySet()) {
                ratios.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue());
            }
        }
        StringBuilder out = new StringBuilder("| subject / baseline | ratio in each round | mean ± sd over rounds |\n"
                + "|---|---|---|\n");
        for (Map.Entry<String, List<Double>> entry : ratios.entrySet()) {
            List<Double> values = entry.getValue();
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            double sd = values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : Double.NaN;
            StringBuilder each = new StringBuilder();
            for (double v : values) {
                each.append(each.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v));
            }
            out.append(String.format(Locale.ROOT, "| %s | %s | **%.2f ± %.2f** |%n", entry.getKey(), each, mean, sd));
        }
        return out.toString();
    }

    private static Map<String, Double> ratios(List<Score> scores) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (List<Score> group : groups(scores).values()) {
            Score baseline = baselineOf(group);
            for (Score score : group) {
                if (baseline != null && score != baseline) {
                    out.put(score.group() + " " + score.subject() + " / " + baseline.subject()
                            + (score.params().isEmpty() ? "" : " (" + score.params() + ")"),
                            score.score() / baseline.score());
                }
            }
        }
        return out;
    }

    private static Map<String, List<Score>> groups(List<Score> scores) {
        Map<String, List<Score>> groups = new LinkedHashMap<>();
        for (Score score : scores) {
            groups.computeIfAbsent(score.group() + " " + score.params(), k -> new ArrayList<>()).add(score);
        }
        return groups;
    }

    private static Score baselineOf(List<Score> group) {
        return group.stream().filter(s -> BASELINES.contains(s.subject())).findFirst().orElse(null);
    }

    static List<Score> read(Path file) throws Exception {
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(file));
        List<Score> scores = new ArrayList<>();
        for (JsonNode result : root.values()) {
            String benchmark = result.get("benchmark").asString();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String owner = benchmark.substring(0, benchmark.lastIndexOf('.'));
            owner = owner.substring(owner.lastIndexOf('.') + 1);
            int split = method.indexOf('_');
            if (split < 0) {
                continue;
            }
            JsonNode metric = result.get("primaryMetric");
            StringBuilder params = new StringBuilder();
            JsonNode paramNode = result.get("params");
            if (paramNode != null) {
                paramNode.properties().forEach(e -> params.append(params.isEmpty() ? "" : ", ")
                        .append(e.getKey()).append('=').append(e.getValue().asString()));
            }
            scores.add(new Score(owner + "." + method, owner + "." + method.substring(0, split),
                    method.substring(split + 1), number(metric.get("score")), number(metric.get("scoreError")),
                    metric.get("scoreUnit").asString(), params.toString()));
        }
        return scores;
    }

    /** JMH writes "NaN" (a string) for the error of a single iteration. */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.parseDouble(node.asString());
    }

    static String markdown(List<Score> scores) {
        Map<String, List<Score>> groups = groups(scores);
        StringBuilder out = new StringBuilder();
        out.append("| benchmark | params | subject | score ± 99.9% CI | baseline | baseline score | "
                + "ratio subject/baseline |\n|---|---|---|---|---|---|---|\n");
        for (List<Score> group : groups.values()) {
            Score baseline = baselineOf(group);
            for (Score score : group) {
                if (score == baseline) {
                    continue;
                }
                String ratio = "no baseline";
                String base = "-";
                String baseName = "-";
                if (baseline != null) {
                    double r = score.score() / baseline.score();
                    double error = r * Math.hypot(score.error() / score.score(), baseline.error() / baseline.score());
                    ratio = String.format(Locale.ROOT, "**%.2f ± %.2f**", r, error);
                    base = String.format(Locale.ROOT, "%.1f ± %.1f %s", baseline.score(), baseline.error(),
                            baseline.unit());
                    baseName = baseline.subject();
                }
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f ± %.1f %s | %s | %s | %s |%n",
                        score.group(), score.params(), score.subject(), score.score(), score.error(), score.unit(),
                        baseName, base, ratio));
            }
        }
        return out.toString();
    }
}
