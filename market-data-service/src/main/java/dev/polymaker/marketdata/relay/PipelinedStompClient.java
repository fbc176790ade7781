package dev.polymaker.marketdata.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.ConnectionHandlingStompSession;
import org.springframework.messaging.simp.stomp.DefaultStompSession;
import org.springframework.messaging.simp.stomp.ReactorNettyTcpStompClient;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompReactorNettyCodec;
import org.springframework.messaging.simp.stomp.StompSessionHandler;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.tcp.TcpConnection;
import org.springframework.messaging.tcp.TcpConnectionHandler;
import org.springframework.messaging.tcp.reactor.ReactorNettyTcpClient;
import reactor.netty.tcp.TcpClient;
import org.springframework.util.MimeType;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Spring's TCP STOMP client whose sessions can also SEND without waiting for each write:
 * {@code StompSession.send} blocks until the frame is on the socket, one round trip to the I/O
 * thread per tick, which capped the relay at about 2 500 ticks/s on this machine
 * (docs/performance.md §6). {@link Session#sendPipelined} queues the write and returns; at most
 * {@code maxInFlight} writes are outstanding, beyond that it waits up to a bound and then refuses.
 * Frames from one thread are written in call order.
 *
 * <p>It also delivers the MESSAGE frames of one subscription straight from the connection's I/O
 * thread to a {@link Deliveries} sink. Spring's client hands every inbound frame to a scheduler
 * thread with {@code publishOn(scheduler, 16)}: socket reads stop whenever 16 frames wait for that
 * thread, and under load that hand-off, not RabbitMQ, held the relay to about 2 000 messages/s with
 * the namespace queue backing up (profile in docs/performance.md §6). Other frames (CONNECTED,
 * RECEIPT, ERROR, other subscriptions) still take Spring's path.
 */
final class PipelinedStompClient extends ReactorNettyTcpStompClient {

    /** Where the subscription's messages go, on the I/O thread in broker order; must not block. */
    interface Deliveries {
        void message(StompHeaderAccessor headers, byte[] payload);
    }

    private static final Logger log = LoggerFactory.getLogger(PipelinedStompClient.class);

    private final int maxInFlight;

    PipelinedStompClient(String host, int port, int maxInFlight, String subscriptionId, Deliveries deliveries) {
        super(new DirectDeliveryTcpClient(host, port, subscriptionId, deliveries));
        this.maxInFlight = maxInFlight;
    }

    /** The TCP client with a pipeline stage behind the STOMP decoder that takes the subscription's MESSAGE frames. */
    private static final class DirectDeliveryTcpClient extends ReactorNettyTcpClient<byte[]> {
        private final String subscriptionId;
        private final Deliveries deliveries;

        DirectDeliveryTcpClient(String host, int port, String subscriptionId, Deliveries deliveries) {
            super(host, port, new StompReactorNettyCodec());
            this.subscriptionId = subscriptionId;
            this.deliveries = deliveries;
        }

        @Override
        protected TcpClient extendTcpClient(TcpClient tcpClient, TcpConnectionHandler<byte[]> handler) {
            return tcpClient.doOnConnected(connection -> connection.addHandlerLast("relay-direct-delivery",
                    new DirectDelivery(subscriptionId, deliveries)));
        }
    }

    private static final class DirectDelivery extends ChannelInboundHandlerAdapter {
        private final String subscriptionId;
        private final Deliveries deliveries;

        DirectDelivery(String subscriptionId, Deliveries deliveries) {
            this.subscriptionId = subscriptionId;
            this.deliveries = deliveries;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Message<?> frame && frame.getPayload() instanceof byte[]) {
                StompHeaderAccessor headers = StompHeaderAccessor.getAccessor(frame, StompHeaderAccessor.class);
                if (headers != null && headers.getCommand() == StompCommand.MESSAGE
                        && subscriptionId.equals(headers.getSubscriptionId())) {
                    try {
                        deliveries.message(headers, (byte[]) frame.getPayload());
                    } catch (RuntimeException e) {
                        log.error("relay: could not handle a MESSAGE frame from the broker: {}", e.toString());
                    }
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    protected ConnectionHandlingStompSession createSession(StompHeaders connectHeaders, StompSessionHandler handler) {
        Session session = new Session(handler, processConnectHeaders(connectHeaders), maxInFlight);
        session.setMessageConverter(getMessageConverter());
        session.setTaskScheduler(getTaskScheduler());
        session.setReceiptTimeLimit(getReceiptTimeLimit());
        return session;
    }

    /** A STOMP session that keeps its TCP connection at hand for pipelined SENDs. */
    static final class Session extends DefaultStompSession {

        private final Semaphore inFlight;
        private volatile TcpConnection<byte[]> connection;

        Session(StompSessionHandler handler, StompHeaders connectHeaders, int maxInFlight) {
            super(handler, connectHeaders);
            this.inFlight = new Semaphore(maxInFlight);
        }

        @Override
        public void afterConnected(TcpConnection<byte[]> connection) {
            this.connection = connection;
            super.afterConnected(connection);
        }

        @Override
        public void afterConnectionClosed() {
            connection = null;
            super.afterConnectionClosed();
        }

        /**
         * Queues a SEND of a body of the given content type with one extra header. Returns false when
         * the connection is gone or {@code maxInFlight} writes stayed outstanding for {@code waitMillis}.
         */
        boolean sendPipelined(String destination, MimeType contentType, String header, String value, byte[] body,
                              long waitMillis)
                throws InterruptedException {
            TcpConnection<byte[]> conn = connection;
            if (conn == null || !isConnected() || !inFlight.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                return false;
            }
            StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.SEND);
            headers.setDestination(destination);
            headers.setContentType(contentType);
            headers.setNativeHeader(header, value);
            Message<byte[]> frame = MessageBuilder.createMessage(body, headers.getMessageHeaders());
            CompletableFuture<Void> written;
            try {
                written = conn.sendAsync(frame);
            } catch (RuntimeException e) {
                inFlight.release();
                throw e;
            }
            written.whenComplete((ok, error) -> inFlight.release());
            return true;
        }
    }
}
