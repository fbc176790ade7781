package dev.polymaker.marketdata.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hand-rolled WebSocket + STOMP client that subscribes and then never reads again, with a
 * tiny receive buffer: the server's sends to it block almost at once, like a consumer stuck in
 * a GC pause or on a saturated link.
 */
public final class StalledStompSocket implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;

    private StalledStompSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    public static StalledStompSocket open(int port, String authToken, String... destinations) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(2048);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(5000);
        StalledStompSocket client = new StalledStompSocket(socket);
        client.handshake(port);
        String auth = authToken == null ? "" : "auth-token:" + authToken + "\n";
        client.sendText("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nheart-beat:0,0\n" + auth + "\n\0");
        client.awaitConnected();
        int id = 0;
        for (String destination : destinations) {
            client.sendText("SUBSCRIBE\nid:" + (id++) + "\ndestination:" + destination + "\n\n\0");
        }
        return client;
    }

    private void handshake(int port) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v12.stomp\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readUntil("\r\n\r\n");
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
    }

    /** Reads the CONNECTED frame (unmasked server frame), so the session exists before we stall. */
    private void awaitConnected() throws IOException {
        String frame = readUntil("\0");
        if (!frame.contains("CONNECTED")) {
            throw new IOException("no CONNECTED frame: " + frame);
        }
    }

    private String readUntil(String terminator) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith(terminator)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed while reading: " + text);
            }
            text.append((char) b);
        }
        return text.toString();
    }

    private void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write((payload.length >> 8) & 0xff);
            out.write(payload.length & 0xff);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
