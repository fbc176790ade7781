package dev.polymaker.benchmarks.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polymaker.benchmarks.service.ShippedJvmFlags;
import org.junit.jupiter.api.Test;

/** The relay comparison starts market-data-service with the JVM flags its image ships (docs/performance.md §6). */
class FanOutHarnessOptionsTest {

    @Test
    void withoutJvmOptionsTheServiceGetsTheShippedFlags() {
        assertThat(FanOutHarness.jvmFlags(FanOutHarness.parse(new String[0])))
                .isEqualTo(ShippedJvmFlags.marketDataService())
                .contains("-XX:MaxRAM=" + ShippedJvmFlags.CONTAINER_MEMORY, "-XX:+UseSerialGC")
                .doesNotContain("-Xmx1g");
    }

    @Test
    void mdsJvmAddsToTheShippedFlagsAndMdsBaseJvmReplacesThem() {
        assertThat(FanOutHarness.jvmFlags(FanOutHarness.parse(new String[] {
                "--mds-jvm=-XX:StartFlightRecording=filename=mds.jfr  -Xlog:gc"})))
                .startsWith(ShippedJvmFlags.marketDataService().toArray(String[]::new))
                .endsWith("-XX:StartFlightRecording=filename=mds.jfr", "-Xlog:gc");
        assertThat(FanOutHarness.jvmFlags(FanOutHarness.parse(new String[] {
                "--mds-base-jvm=-Xmx1g -XX:+UseG1GC", "--mds-jvm=-Xlog:gc"})))
                .containsExactly("-Xmx1g", "-XX:+UseG1GC", "-Xlog:gc");
        assertThat(FanOutHarness.jvmFlags(FanOutHarness.parse(new String[] {"--mds-base-jvm="})))
                .as("blank base: the JVM's defaults").isEmpty();
    }

    @Test
    void mdsArgsAreAddedToEveryModesServiceArguments() {
        assertThat(FanOutHarness.extraServiceArgs(FanOutHarness.parse(new String[0]))).isEmpty();
        assertThat(FanOutHarness.extraServiceArgs(FanOutHarness.parse(new String[] {
                "--mds-args=--marketdata.relay.batch-interval=0ms  --logging.level.root=WARN"})))
                .containsExactly("--marketdata.relay.batch-interval=0ms", "--logging.level.root=WARN");
        assertThatThrownBy(() -> FanOutHarness.extraServiceArgs(FanOutHarness.parse(new String[] {
                "--mds-args=marketdata.relay.batch-interval"})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--key=value");
    }

    @Test
    void ticksPerBrokerFrameIsNotANumberWithoutBatches() {
        assertThat(FanOutHarness.ticksPerBatch(1_400, 100)).isEqualTo(14.0);
        assertThat(FanOutHarness.ticksPerBatch(1_400, 0)).isNaN();
    }

    @Test
    void anUnknownOptionIsRefused() {
        assertThatThrownBy(() -> FanOutHarness.parse(new String[] {"--mds-jvms=-Xlog:gc"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--mds-jvms");
    }
}
