package dev.polymaker.marketdata.relay;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.ConnectionHandlingStompSession;
import org.springframework.messaging.simp.stomp.DefaultStompSession;
import org.springframework.messaging.simp.stomp.ReactorNettyTcpStompClient;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSessionHandler;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.tcp.TcpConnection;
import org.springframework.util.MimeTypeUtils;

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
 */
final class PipelinedStompClient extends ReactorNettyTcpStompClient {

    private final int maxInFlight;

    PipelinedStompClient(String host, int port, int maxInFlight) {
        super(host, port);
        this.maxInFlight = maxInFlight;
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
         * Queues a SEND of a JSON body with one extra header. Returns false when the connection is
         * gone or {@code maxInFlight} writes stayed outstanding for {@code waitMillis}.
         */
        boolean sendPipelined(String destination, String header, String value, byte[] json, long waitMillis)
                throws InterruptedException {
            TcpConnection<byte[]> conn = connection;
            if (conn == null || !isConnected() || !inFlight.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                return false;
            }
            StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.SEND);
            headers.setDestination(destination);
            headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
            headers.setNativeHeader(header, value);
            Message<byte[]> frame = MessageBuilder.createMessage(json, headers.getMessageHeaders());
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
