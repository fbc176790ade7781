package dev.polymaker.marketdata.relay;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The link's two connections against a broker that misbehaves on purpose ({@link FakeStompBroker}):
 * a broker that keeps both sockets open but drops what we publish is found by the echo witness,
 * and losing only the publishing connection ends and rebuilds both (docs/architecture.md §3.6).
 */
class BrokerLinkTest {

    private static final Duration AWAIT = Duration.ofSeconds(20);
    private final RelayNamespace namespace = new RelayNamespace("t-link");
    private final AtomicInteger ups = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private final List<LinkLoss> losses = new CopyOnWriteArrayList<>();
    private FakeStompBroker broker;
    private ThreadPoolTaskScheduler scheduler;
    private BrokerLink link;
    private ScheduledFuture<?> publishing;

    @BeforeEach
    void start() throws Exception {
        broker = new FakeStompBroker();
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.initialize();
        link = new BrokerLink(new BrokerLink.Settings("127.0.0.1", broker.port(), "guest", "guest", Duration.ZERO,
                namespace, Duration.ofSeconds(1)), scheduler, Clock.systemUTC(), new BrokerLink.Events() {
                    public void up() {
                        ups.incrementAndGet();
                    }

                    public void down(LinkLoss loss, String detail) {
                        losses.add(loss);
                    }

                    public void message(String destination, String epoch, byte[] payload) {
                        messages.incrementAndGet();
                    }
                });
        link.start();
        // What feed status does in the service: something through the namespace every 200 ms while the link is up.
        publishing = scheduler.scheduleAtFixedRate(() -> {
            if (link.isUp()) {
                try {
                    link.send(namespace.toBroker("/topic/feed-status"), "e-1", "{}".getBytes(StandardCharsets.UTF_8));
                } catch (IllegalStateException e) {
                    // the link went down between the check and the send
                }
            }
        }, Instant.now(), Duration.ofMillis(200));
        await().atMost(AWAIT).until(link::isUp);
    }

    @AfterEach
    void stop() throws Exception {
        publishing.cancel(false);
        link.close();
        scheduler.shutdown();
        broker.close();
    }

    @Test
    void whileWhatWePublishComesBackTheLinkStaysUp() {
        await().atMost(AWAIT).until(() -> messages.get() >= 5);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> losses.isEmpty() && link.isUp());
        assertThat(ups.get()).isEqualTo(1);
    }

    @Test
    void aBrokerThatKeepsTheSocketsButDropsWhatWePublishIsFoundByTheEchoAndTheLinkIsRebuilt() {
        await().atMost(AWAIT).until(() -> messages.get() >= 1);
        broker.echo(false);
        await().atMost(AWAIT).until(() -> losses.contains(LinkLoss.NO_ECHO));
        assertThat(losses).as("both sockets stayed open: only the echo could tell").containsOnly(LinkLoss.NO_ECHO);
        broker.echo(true);
        await().atMost(AWAIT).until(() -> ups.get() >= 2 && link.isUp());
        int before = messages.get();
        await().atMost(AWAIT).until(() -> messages.get() > before);
        assertThat(broker.connectionsAccepted()).as("both connections made afresh").isGreaterThanOrEqualTo(4);
    }

    @Test
    void losingOnlyThePublishingConnectionEndsBothAndBothComeBack() throws Exception {
        await().atMost(AWAIT).until(() -> messages.get() >= 1);
        broker.closePublishingConnections();
        await().atMost(AWAIT).until(() -> losses.contains(LinkLoss.CONNECTION_LOST));
        await().atMost(AWAIT).until(() -> ups.get() >= 2 && link.isUp());
        assertThat(broker.connectionsAccepted()).as("the subscribing connection was made afresh too").isGreaterThanOrEqualTo(4);
        assertThat(broker.framesSeen("SUBSCRIBE")).as("the namespace subscribed again").isGreaterThanOrEqualTo(2);
        int before = messages.get();
        await().atMost(AWAIT).until(() -> messages.get() > before);
    }
}
