package dev.polymaker.marketdata.relay;

import dev.polymaker.support.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.converter.SimpleMessageConverter;
import org.springframework.messaging.simp.stomp.ConnectionLostException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This instance's one STOMP connection to the broker (node-queue topology): connects, takes the
 * namespace's exclusive queue ({@link RelayNamespace#queue()}) with a receipt, and only then reports
 * itself up; hands every message of the namespace to the receiver on the connection's I/O thread,
 * in broker order; on any loss reports down with
 * the reason and reconnects with jittered backoff until closed. {@link #send} pipelines writes
 * (bounded) and may wait, so it runs on the relay's own publishing thread, never on the tick path.
 * Publishing uses a second connection, opened once the lease is held: RabbitMQ throttles a
 * connection that publishes faster than its queues take (credit flow), and on one shared
 * connection that also stalled the deliveries back to us (docs/performance.md §6). Losing either
 * connection ends both, and the link is up only while both are.
 */
public final class BrokerLink implements AutoCloseable {

    /** What the link tells the rest of the relay. Called on the link's I/O or scheduler threads. */
    public interface Events {
        void up();

        void down(LinkLoss loss, String detail);

        void message(String destination, String epoch, byte[] payload);
    }

    /**
     * Where the broker is and who we are on it; the passcode is never logged. {@code echoTimeout}: the
     * longest the link may stay up without a message of its own namespace coming back (feed status is
     * published every status interval, so this is a few of those).
     */
    public record Settings(String host, int port, String login, String passcode, Duration heartbeat,
                           RelayNamespace namespace, Duration echoTimeout) {
        @Override
        public String toString() {
            return host + ":" + port + " namespace " + namespace;
        }
    }

    static final String EPOCH_HEADER = "epoch";
    /** The namespace subscription's id; its messages come straight from the I/O thread ({@link PipelinedStompClient}). */
    private static final String SUBSCRIPTION_ID = "namespace";
    private static final Logger log = LoggerFactory.getLogger(BrokerLink.class);
    private static final long RECEIPT_TIME_LIMIT_MS = 5_000;
    /**
     * Writes queued on the connection before {@link #send} waits; beyond {@link #SEND_WAIT_MS} it refuses (counted drop).
     * Small on purpose: when the broker reads slowly the publisher waits sooner and its next batch carries
     * more ticks (fewer frames for the broker to parse), instead of queueing many small frames
     * (4 096 here published about 20 000 ticks/s and dropped 41 726; 16: 22 000 ticks/s, none dropped — docs/performance.md §6).
     */
    private static final int MAX_IN_FLIGHT = 16;
    private static final long SEND_WAIT_MS = 1_000;

    private final String host;
    private final int port;
    private final String login;
    private final String passcode;
    private final RelayNamespace namespace;
    private final TaskScheduler scheduler;
    private final Events events;
    private final Backoff backoff;
    private final PipelinedStompClient client;
    private final AtomicLong generation = new AtomicLong();
    /** The publishing connection ({@link #send}); apart from the lease's, see the class comment. */
    private volatile StompSession session;
    /** The connection holding the namespace queue and receiving its messages. */
    private volatile StompSession leaseSession;
    private volatile boolean up;
    private volatile boolean closed;
    private final Clock clock;
    private final Duration echoTimeout;
    /** When a message of our namespace last came back (clock millis); reset when the link comes up. */
    private volatile long lastEcho;
    private volatile ScheduledFuture<?> echoWatch;

    public BrokerLink(Settings settings, TaskScheduler scheduler, Clock clock, Events events) {
        this.host = settings.host();
        this.port = settings.port();
        this.login = settings.login();
        this.passcode = settings.passcode();
        this.namespace = settings.namespace();
        Duration heartbeat = settings.heartbeat();
        this.scheduler = scheduler;
        this.events = events;
        this.backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), Math::random);
        this.clock = clock;
        this.echoTimeout = settings.echoTimeout();
        this.client = new PipelinedStompClient(host, port, MAX_IN_FLIGHT, SUBSCRIPTION_ID, (headers, payload) -> {
            lastEcho = clock.millis();
            events.message(headers.getDestination(), headers.getFirstNativeHeader(EPOCH_HEADER), payload);
        });
        client.setMessageConverter(new SimpleMessageConverter()); // payloads are JSON bytes both ways
        client.setTaskScheduler(scheduler);
        client.setReceiptTimeLimit(RECEIPT_TIME_LIMIT_MS);
        long beat = heartbeat.toMillis();
        client.setDefaultHeartbeat(new long[] {beat, beat});
    }

    public void start() {
        connect(generation.get());
        Duration every = Duration.ofMillis(Math.max(100, echoTimeout.toMillis() / 4));
        echoWatch = scheduler.scheduleAtFixedRate(() -> {
            try {
                checkEcho();
            } catch (RuntimeException e) { // the witness must never stop: log and look again next time
                log.error("relay: the echo check failed: {}", e.toString());
            }
        }, Instant.now().plus(every), every);
    }

    /**
     * The link's own witness: both connections can look healthy (open sockets, heart-beats) while
     * what we publish no longer comes back — RabbitMQ keeps a STOMP socket open after closing its
     * channel and silently drops its SENDs. Then the link is lost and rebuilt, like any other loss.
     */
    void checkEcho() {
        long gen = generation.get();
        long silent = clock.millis() - lastEcho;
        if (up && !closed && silent > echoTimeout.toMillis()) {
            lost(gen, LinkLoss.NO_ECHO, describe() + ": nothing published to the namespace came back for " + silent
                    + " ms (limit " + echoTimeout.toMillis() + " ms)");
        }
    }

    public boolean isUp() {
        return up;
    }

    public String describe() {
        return host + ":" + port + " namespace " + namespace + " (queue " + namespace.queue() + ")";
    }

    /** Newline-delimited JSON: the body of a tick batch. */
    public static final MimeType NDJSON = MimeType.valueOf("application/x-ndjson");

    /** As {@link #send(String, MimeType, String, byte[])}, one JSON message. */
    public void send(String brokerDestination, String epoch, byte[] json) {
        send(brokerDestination, MimeTypeUtils.APPLICATION_JSON, epoch, json);
    }

    /**
     * Sends one message to a broker destination, tagged with the publishing epoch. Returns once
     * the write is queued (waits while too many are outstanding); throws when the link is down or
     * the broker does not take writes for a second. Call from one thread: frames keep call order.
     */
    public void send(String brokerDestination, MimeType contentType, String epoch, byte[] body) {
        StompSession current = session;
        if (current == null || !up) {
            throw new IllegalStateException("broker link down");
        }
        boolean queued;
        try {
            queued = ((PipelinedStompClient.Session) current).sendPipelined(brokerDestination, contentType, EPOCH_HEADER, epoch, body,
                    SEND_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker connection");
        }
        if (!queued) {
            throw new IllegalStateException(current.isConnected() ? "broker not taking writes (" + MAX_IN_FLIGHT
                    + " outstanding for " + SEND_WAIT_MS + " ms)" : "broker connection closed");
        }
    }

    private void connect(long gen) {
        connect(gen, true);
    }

    private void connect(long gen, boolean lease) {
        if (closed || gen != generation.get()) {
            return;
        }
        StompHeaders connect = new StompHeaders();
        connect.setLogin(login);
        connect.setPasscode(passcode);
        connect.setHost("/");
        client.connectAsync(connect, new Handler(gen, lease)).whenComplete((s, error) -> {
            if (error != null) {
                lost(gen, LinkLoss.CONNECT_FAILED, describe() + ": " + rootMessage(error));
            }
        });
    }

    /** Reports the loss once per generation and schedules the next attempt. */
    private void lost(long gen, LinkLoss loss, String detail) {
        if (!generation.compareAndSet(gen, gen + 1)) {
            return; // this generation already ended
        }
        up = false;
        disconnect(session);
        disconnect(leaseSession);
        session = null;
        leaseSession = null;
        if (closed) {
            return;
        }
        Duration delay = backoff.next();
        events.down(loss, detail + "; retrying in " + delay.toMillis() + " ms");
        long next = gen + 1;
        scheduler.schedule(() -> connect(next), Instant.now().plus(delay));
    }

    private static void disconnect(StompSession old) {
        if (old != null && old.isConnected()) {
            try {
                old.disconnect();
            } catch (RuntimeException ignored) {
                // closing a connection that is already failing
            }
        }
    }

    private final class Handler extends StompSessionHandlerAdapter {
        private final long gen;
        private final boolean lease;
        private volatile String brokerError;

        Handler(long gen, boolean lease) {
            this.gen = gen;
            this.lease = lease;
        }

        @Override
        public void afterConnected(StompSession connected, StompHeaders headers) {
            if (gen != generation.get() || closed) {
                connected.disconnect();
                return;
            }
            if (!lease) {
                session = connected;
                if (gen != generation.get() || closed) { // lost while connecting: lost() may have missed it
                    disconnect(connected);
                    return;
                }
                backoff.reset();
                lastEcho = clock.millis();
                up = true;
                events.up();
                return;
            }
            leaseSession = connected;
            StompHeaders subscribe = new StompHeaders();
            subscribe.setDestination(namespace.subscription());
            subscribe.setId(SUBSCRIPTION_ID);
            subscribe.set("x-queue-name", namespace.queue());
            subscribe.set("exclusive", "true");
            subscribe.set("auto-delete", "true");
            subscribe.setReceipt("lease-" + gen);
            StompSession.Subscription subscription = connected.subscribe(subscribe, new NamespaceFrames());
            subscription.addReceiptTask(() -> connect(gen, false)); // lease held: now the publishing connection
            subscription.addReceiptLostTask(() -> lost(gen, LinkLoss.NO_RECEIPT,
                    describe() + ": the broker did not confirm the subscription within " + RECEIPT_TIME_LIMIT_MS + " ms"));
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            // An ERROR frame: the broker closes the connection after it; remember why.
            String message = headers.getFirst("message");
            brokerError = message == null ? "ERROR frame" : message;
            if (message != null && message.contains("resource_locked")) {
                lost(gen, LinkLoss.LEASE_HELD, describe() + ": another market-data-service holds namespace '"
                        + namespace + "' on this broker; give each instance its own marketdata.relay.namespace");
            } else {
                lost(gen, LinkLoss.BROKER_ERROR, describe() + ": broker error: " + brokerError);
            }
        }

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleException(StompSession s, StompCommand command, StompHeaders headers, byte[] payload,
                                    Throwable exception) {
            log.error("relay: could not handle a {} frame from the broker: {}", command, exception.toString());
        }

        @Override
        public void handleTransportError(StompSession s, Throwable exception) {
            String why = exception instanceof ConnectionLostException ? "connection closed" : rootMessage(exception);
            lost(gen, up ? LinkLoss.CONNECTION_LOST : LinkLoss.CONNECT_FAILED, describe() + ": " + why
                    + (brokerError != null ? " after broker error: " + brokerError : ""));
        }
    }

    /**
     * Spring's path for the namespace's messages; unused while {@link PipelinedStompClient} takes them on the
     * I/O thread first, kept so a frame that reaches the session is still delivered, not lost.
     */
    private final class NamespaceFrames implements StompFrameHandler {
        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            lastEcho = clock.millis();
            events.message(headers.getDestination(), headers.getFirst(EPOCH_HEADER), (byte[]) payload);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.toString();
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> watch = echoWatch;
        if (watch != null) {
            watch.cancel(false);
        }
        generation.incrementAndGet();
        up = false;
        disconnect(session);
        disconnect(leaseSession);
        session = null;
        leaseSession = null;
        client.shutdown();
    }
}
