package dev.polymaker.benchmarks.paired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairedRatioHarnessTest {

    @Test
    void medianAndItsIntervalComeFromTheSortedPairRatios() {
        double[] ratios = new double[100];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = 1 + i / 100.0; // 1.00 .. 1.99, shuffled order does not matter
        }
        ratios[0] = 50; // one slice hit by a burst of load: moves the mean, not the median

        var result = PairedRatioHarness.summarise("test", ratios, 0, 0);

        assertThat(result.median()).isCloseTo(1.505, within(0.011));
        // ranks 49 -/+ 10 of 100: about 1.40 and 1.61
        assertThat(result.low()).isBetween(1.38, 1.42);
        assertThat(result.high()).isBetween(1.59, 1.63);
    }

    @Test
    void runsAreSummarisedPerComparisonAsMeanAndSpreadOfTheirMedians() {
        String summary = PairedRatioHarness.summarise(java.util.List.of(
                "A / a,1.5000,1.4,1.6", "B / b,2.0000,1.9,2.1", "A / a,2.5000,2.4,2.6", ""));

        assertThat(summary).contains("| A / a | 1.50, 2.50 | **2.00 ± 0.71** |")
                .contains("| B / b | 2.00 | **2.00 ± NaN** |");
    }
}
