package dev.polymaker.benchmarks.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the latency harness tiny (a few seconds): a real market-data-service process started from
 * this test's class path, the hop forwarder, 1 and 2 consumers, two ramp steps, the stalled-consumer phase. Keeps the
 * harness working; measures nothing.
 */
class LatencyHarnessSmokeTest {

    @Test
    void bothSidesDeliverEveryTickWithMicrosecondLatencyAndTheReportHasRatiosPerK() throws Exception {
        LatencyHarness.Options options = LatencyHarness.Options.parse(new String[] {
                "--mds-classpath=" + System.getProperty("java.class.path"), "--consumers=1,2", "--markets=5",
                "--rate=200", "--ramp=100,200", "--runs=1", "--warmup=1", "--seconds=1", "--ramp-warmup=1",
                "--ramp-seconds=1", "--stalled=true", "--stalled-at=2", "--p99-limit-us=1000000"});

        List<Window> windows = new LatencyHarness(options).run();

        assertThat(windows).filteredOn(w -> w.phase().equals("latency")).hasSize(6)
                .allSatisfy(w -> {
                    assertThat(w.samples()).as(w.side() + " K=" + w.consumers() + " samples").isPositive();
                    assertThat(w.p50Micros()).isPositive().isLessThan(1_000_000);
                    assertThat(w.lost()).as("lost").isZero();
                    assertThat(w.gaps()).as("gaps").isZero();
                    assertThat(w.problem()).isNull();
                });
        assertThat(windows).filteredOn(w -> w.side().equals("mds") && w.phase().equals("latency"))
                .allSatisfy(w -> {
                    assertThat(w.ticksPerEvent()).as("each event moves the top of both tokens").isBetween(1.9, 2.1);
                    assertThat(w.mdsCpuMicrosPerEvent()).isPositive();
                });
        assertThat(windows).filteredOn(w -> w.side().equals("hop") && w.phase().equals("latency"))
                .allSatisfy(w -> assertThat(w.mdsCpuMicrosPerEvent()).as("the forwarder's CPU").isPositive());
        assertThat(windows).filteredOn(w -> w.phase().equals("ramp")).extracting(Window::side)
                .contains("raw", "hop", "mds");
        assertThat(windows).filteredOn(w -> w.phase().equals("stalled")).singleElement()
                .satisfies(w -> assertThat(w.consumers()).isEqualTo(2));
        String report = LatencyReport.markdown(options, windows);
        assertThat(report).contains("Ratios per K").contains("The relay floor per K").contains("| 1 | ")
                .contains("| 2 | ");
    }
}
