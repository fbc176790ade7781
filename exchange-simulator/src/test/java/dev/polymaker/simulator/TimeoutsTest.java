package dev.polymaker.simulator;

import dev.polymaker.support.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Polymarket's subscribe and PING timeouts, driven by a test clock. */
class TimeoutsTest {
    private final MutableClock clock = new MutableClock();
    private ExchangeSimulator sim;

    @BeforeEach
    void start() {
        sim = ExchangeSimulator.start(SimulatorConfig.builder().markets(1).clock(clock)
                .subscribeTimeout(Duration.ofSeconds(5)).pingTimeout(Duration.ofSeconds(10)).build());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aSocketThatNeverSubscribesIsClosedWith1008() throws Exception {
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            // The server registers the socket (and reads the clock) just after the handshake: wait for it.
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.connections().size() == 1);
            clock.advance(Duration.ofSeconds(6));
            assertThat(client.closed.get(10, TimeUnit.SECONDS)[0]).isEqualTo(1008);
        }
    }

    @Test
    void aSubscribedSocketThatKeepsPingingStaysAndOneThatStopsIsDropped() throws Exception {
        try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
            client.subscribe(List.of(sim.tokenIds().get(0)));
            client.nextOfType("book");
            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofSeconds(8));
                client.send("PING");
                assertThat(client.next()).isEqualTo("PONG");
            }
            assertThat(client.closed).isNotDone();
            clock.advance(Duration.ofSeconds(11));
            // Checked on the server: the JDK client does not always report an abrupt TCP drop.
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.connections().isEmpty());
        }
    }
}
