package dev.polymaker.marketdata.stomp;

import dev.polymaker.marketdata.MarketDataApplication;
import dev.polymaker.marketdata.api.Destinations;
import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.support.Http;
import dev.polymaker.marketdata.support.StompTestClient;
import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimBook;
import dev.polymaker.simulator.SimSide;
import dev.polymaker.simulator.SimulatorConfig;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * marketdata.relay.enabled=true: ticks and feed status reach STOMP clients through an external broker
 * (embedded Artemis), in both topologies; RabbitMQ itself: {@code relay.LocalRabbitRelayTest}.
 */
class BrokerRelayTest {

    static final Duration AWAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "topology {0}")
    @ValueSource(strings = {"node-queue", "per-subscription"})
    void ticksAndFeedStatusFlowThroughTheExternalBrokerAndSendIsStillRefused(String topology) throws Exception {
        int stompPort = freePort();
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(artemis(stompPort));
        broker.start();
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1").httpPort(0)
                .wsPort(0).markets(1).seed(11).eventsPerSecond(0).build());
             ConfigurableApplicationContext app = new SpringApplicationBuilder(MarketDataApplication.class).run(
                     "--server.port=0", "--spring.jmx.enabled=false",
                     "--marketdata.upstream.url=" + sim.marketUrl(), "--marketdata.upstream.rest-url=" + sim.restUrl(),
                     "--marketdata.upstream.ping-interval=200ms", "--marketdata.status-interval=200ms",
                     "--marketdata.stomp.heartbeat=1s", "--marketdata.relay.enabled=true",
                     "--marketdata.relay.host=127.0.0.1", "--marketdata.relay.port=" + stompPort,
                     "--marketdata.relay.topology=" + topology)) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            String token = sim.tokenIds().get(0);
            // Until the relay's system connection is up, the relay refuses client sessions.
            await().atMost(AWAIT).until(() -> Http.get(port, "/actuator/health").body().contains("\"available\":true"));
            try (StompTestClient client = StompTestClient.connect(port); StompTestClient sender = StompTestClient.connect(port)) {
                List<FeedStatus> status = client.subscribe(Destinations.FEED_STATUS, FeedStatus.class);
                List<Tick> ticks = client.subscribe(Destinations.ticks(token), Tick.class);
                await().atMost(AWAIT).until(() -> status.size() >= 2);
                assertThat(Http.get(port, "/actuator/health").body()).contains("\"mode\":\"relay to 127.0.0.1:" + stompPort + " (" + topology);
                await().atMost(AWAIT).until(() -> !ticks.isEmpty());
                assertThat(ticks.get(0).state()).isEqualTo(TickState.LIVE);
                assertThat(ticks.get(0).seq()).isEqualTo(1);

                SimBook book = sim.book(token);
                sim.setLevel(token, SimSide.BUY, book.bestBid(), BigDecimal.ZERO);
                await().atMost(AWAIT).untilAsserted(() -> {
                    Tick last = ticks.get(ticks.size() - 1);
                    assertThat(last.seq()).isGreaterThan(1);
                    assertThat(last.bestBid()).isEqualByComparingTo(sim.book(token).bestBid());
                });

                sender.session().send(Destinations.ticks(token), Map.of("epoch", "forged"));
                await().atMost(AWAIT).until(() -> !sender.errors.isEmpty());
                assertThat(client.connected()).isTrue();
            }
        } finally {
            broker.stop();
        }
    }

    private Configuration artemis(int port) {
        Configuration config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setLargeMessagesDirectory(dir.resolve("large").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        try {
            config.addAcceptorConfiguration("stomp", "tcp://127.0.0.1:" + port
                    + "?protocols=STOMP;multicastPrefix=/topic/;anycastPrefix=/queue/");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return config;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
