package dev.polymaker.benchmarks.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness end to end at a low rate for one second: both clients receive the simulator's frames. */
class UpstreamLoadHarnessTest {

    @Test
    void bothClientsReceiveTheGeneratedFramesAndTheReportHasRatios() throws Exception {
        UpstreamLoadHarness.Options options = UpstreamLoadHarness.Options.parse(new String[] {
            "--rates=2000", "--runs=1", "--warmup=1", "--seconds=1", "--markets=5", "--levels=5"});

        List<UpstreamLoadHarness.Run> runs = new UpstreamLoadHarness(options).runAll();

        assertThat(runs).extracting(UpstreamLoadHarness.Run::client).containsExactly("raw-socket", "upstream-pool");
        for (UpstreamLoadHarness.Run run : runs) {
            assertThat(run.problem()).as(run.client()).isNull();
            assertThat(run.eventsPerSecond()).as(run.client()).isPositive();
            assertThat(run.samples()).as(run.client()).isPositive();
        }
        String report = Report.markdown(options, runs);
        assertThat(report).contains("| 2000 | raw-socket |").contains("| 2000 | upstream-pool |")
                .contains("throughput pool/raw");
    }

    @Test
    void optionsRejectUnknownNamesAndMoreTokensThanOneSocketCarries() {
        assertThatThrownBy(() -> UpstreamLoadHarness.Options.parse(new String[] {"--rate=5"}))
                .hasMessageContaining("unknown option --rate");
        assertThatThrownBy(() -> UpstreamLoadHarness.Options.parse(new String[] {"--markets=101"}))
                .hasMessageContaining("at most 100 markets");
        assertThat(UpstreamLoadHarness.Options.parse(new String[] {"--rates=max"}).rates)
                .containsExactly(UpstreamLoadHarness.FLAT_OUT);
    }
}
