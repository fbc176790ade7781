package dev.polymaker.marketdata.relay;

import dev.polymaker.marketdata.metrics.MarketDataMetrics;
import dev.polymaker.marketdata.stomp.BrokerAvailability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The node-queue relay, built in one place (docs/architecture.md §3.6): the {@link BrokerLink}, the
 * {@link RelayOutlet} that publishes through it and the {@link RelayReceiver} that fans what comes
 * back out to this instance's clients. Started with the application (after the local broker's
 * channels exist), closed on shutdown.
 */
public final class NodeQueueRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeQueueRelay.class);

    private final BrokerLink link;
    private final RelayOutlet outlet;
    private final RelayReceiver receiver;
    private volatile boolean running;

    public NodeQueueRelay(BrokerLink.Settings settings, String epoch, TaskScheduler scheduler, Executor publisher,
                          int publishQueue, Duration batchInterval,
                          JsonMapper json, MarketDataMetrics metrics, BrokerAvailability availability, Clock clock) {
        RelayNamespace namespace = settings.namespace();
        this.receiver = new RelayReceiver(epoch, namespace, json, availability, metrics, clock);
        this.link = new BrokerLink(settings, scheduler, clock, new LinkEvents());
        this.outlet = new RelayOutlet(link, namespace, publisher, publishQueue, batchInterval, json, metrics, clock);
    }

    /** The link's events: up re-sends the latest ticks once the receiver has reported it. */
    private final class LinkEvents implements BrokerLink.Events {
        @Override
        public void up() {
            receiver.up();
            outlet.linkUp();
        }

        @Override
        public void down(LinkLoss loss, String detail) {
            receiver.down(loss, detail);
        }

        @Override
        public void message(String destination, String epoch, byte[] payload) {
            receiver.message(destination, epoch, payload);
        }
    }

    public RelayOutlet outlet() {
        return outlet;
    }

    public RelayReceiver receiver() {
        return receiver;
    }

    @Override
    public void start() {
        log.info("relay (node-queue) to {}", link.describe());
        link.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        link.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
