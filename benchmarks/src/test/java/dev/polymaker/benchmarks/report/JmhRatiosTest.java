package dev.polymaker.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhRatiosTest {

    private static String result(String benchmark, String score, String error) {
        return "{\"benchmark\":\"dev.polymaker.benchmarks.parse.FrameParseBenchmark." + benchmark + "\","
                + "\"params\":{\"levelsPerSide\":\"20\"},"
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":" + error + ",\"scoreUnit\":\"ns/op\"}}";
    }

    @Test
    void ratioIsAgainstTheBaselineOfTheSameFrameWithErrorsCombinedInQuadrature(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("results.json");
        Files.writeString(json, "[" + result("priceChange_parser", "300.0", "30.0") + ","
                + result("priceChange_readTree", "100.0", "10.0") + ","
                + result("bookArray_parser", "5000.0", "0.0") + ","
                + result("bookArray_readTree", "4000.0", "\"NaN\"") + "]");

        String table = JmhRatios.markdown(JmhRatios.read(json));

        // 3.00 with relative errors 10% and 10%: 3 * sqrt(0.02) = 0.42
        assertThat(table).contains("| FrameParseBenchmark.priceChange | levelsPerSide=20 | parser | 300.0 ± 30.0 ns/op "
                + "| readTree | 100.0 ± 10.0 ns/op | **3.00 ± 0.42** |");
        assertThat(table).contains("| FrameParseBenchmark.bookArray | levelsPerSide=20 | parser |")
                .contains("**1.25 ± NaN**");
        assertThat(table).doesNotContain("| readTree | 100.0 ± 10.0 ns/op | readTree");
    }

    @Test
    void roundsAreSummarisedAsMeanAndSpreadOfTheirRatios(@TempDir Path dir) throws Exception {
        Path one = dir.resolve("one.json");
        Path two = dir.resolve("two.json");
        Files.writeString(one, "[" + result("priceChange_parser", "300.0", "30.0") + ","
                + result("priceChange_readTree", "100.0", "10.0") + "]");
        Files.writeString(two, "[" + result("priceChange_parser", "200.0", "30.0") + ","
                + result("priceChange_readTree", "100.0", "10.0") + "]");

        String summary = JmhRatios.summary(java.util.List.of(JmhRatios.read(one), JmhRatios.read(two)));

        // ratios 3.0 and 2.0: mean 2.5, sample sd 0.71
        assertThat(summary).contains("| FrameParseBenchmark.priceChange parser / readTree (levelsPerSide=20) "
                + "| 3.00, 2.00 | **2.50 ± 0.71** |");
    }
}
