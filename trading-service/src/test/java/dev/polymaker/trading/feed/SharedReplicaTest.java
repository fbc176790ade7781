package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.stream.TickStreamConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Replica names: host:port of the URL, fixed by configuration (bounded metric labels). */
class SharedReplicaTest {

    @Test
    void aReplicaIsNamedByHostAndPortWithTheSchemesPortByDefault() {
        assertThat(SharedReplica.nameOf(URI.create("ws://MDS-A:8080/ws"))).isEqualTo("mds-a:8080");
        assertThat(SharedReplica.nameOf(URI.create("ws://mds-b/ws"))).isEqualTo("mds-b:80");
        assertThat(SharedReplica.nameOf(URI.create("wss://md.example.com/ws"))).isEqualTo("md.example.com:443");
    }

    @Test
    void settingsRefuseNoReplicaAndTwoWithTheSameName() {
        SharedReplica a = SharedReplica.of(TickStreamConfig.defaults(URI.create("ws://mds-a:8080/ws")));
        SharedReplica sameHostPort = SharedReplica.of(TickStreamConfig.defaults(URI.create("ws://mds-a:8080/other")));
        FeedSettings one = new FeedSettings(a.stream(), direct(), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ZERO);
        assertThat(one.replicas()).containsExactly(a);
        assertThatThrownBy(() -> new FeedSettings(List.of(), direct(), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMillis(200), Duration.ZERO, Duration.ofSeconds(2))).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new FeedSettings(List.of(a, sameHostPort), direct(), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ZERO, Duration.ofSeconds(2)))
                .hasMessageContaining("two replicas named mds-a:8080");
    }

    private static dev.polymaker.polymarket.upstream.UpstreamConfig direct() {
        return new dev.polymaker.polymarket.upstream.UpstreamConfig(URI.create("ws://127.0.0.1:9/ws"),
                URI.create("http://127.0.0.1:9"), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30),
                200, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofSeconds(30), 3, 3);
    }
}
