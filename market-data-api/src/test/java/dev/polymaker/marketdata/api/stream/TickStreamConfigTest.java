package dev.polymaker.marketdata.api.stream;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TickStreamConfigTest {

    private static final URI URL = URI.create("ws://localhost:8080/ws");

    @Test
    void defaultsMatchTheDocumentedValues() {
        TickStreamConfig config = TickStreamConfig.defaults(URL);
        assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.authToken()).isNull();
    }

    @Test
    void theAuthTokenNeverAppearsInToString() {
        TickStreamConfig config = TickStreamConfig.defaults(URL).withAuthToken("s3cret-value");
        assertThat(config.toString()).doesNotContain("s3cret-value").contains("authToken=***");
        assertThat(TickStreamConfig.defaults(URL).withAuthToken("  ").authToken()).isNull();
    }

    @Test
    void badValuesAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> TickStreamConfig.defaults(URI.create("http://localhost:8080/ws")))
                .hasMessageContaining("ws://");
        assertThatThrownBy(() -> TickStreamConfig.defaults(URL).withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> TickStreamConfig.defaults(URL).withBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("initialBackoff");
        assertThatThrownBy(() -> TickStreamConfig.defaults(URL).withHeartbeat(Duration.ofSeconds(-1)))
                .hasMessageContaining("heartbeat");
    }
}
