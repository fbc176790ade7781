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
    private String connected = "";

    private StalledStompSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    public static StalledStompSocket open(int port, String authToken, String... destinations) throws IOException {
        StalledStompSocket client = connect(port, authToken, "0,0");
        client.subscribe(destinations);
        return client;
    }

    /** Connects with the given STOMP heart-beat header; {@link #connectedFrame()} shows the server's answer. */
    public static StalledStompSocket connect(int port, String authToken, String heartBeat) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(2048);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(5000);
        StalledStompSocket client = new StalledStompSocket(socket);
        client.handshake(port);
        String auth = authToken == null ? "" : "auth-token:" + authToken + "\n";
        client.sendText("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nheart-beat:" + heartBeat + "\n" + auth + "\n\0");
        client.connected = client.readUntil("\0");
        if (!client.connected.contains("CONNECTED")) {
            throw new IOException("no CONNECTED frame: " + client.connected);
        }
        return client;
    }

    public String connectedFrame() {
        return connected;
    }

    /** Counts server heart-beats (WebSocket text frames holding one newline) arriving within {@code time}. */
    public int heartbeatsWithin(java.time.Duration time) throws IOException {
        long end = System.nanoTime() + time.toNanos();
        InputStream in = socket.getInputStream();
        int beats = 0;
        int state = 0;
        while (System.nanoTime() < end) {
            socket.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketTimeoutException e) {
                break;
            }
            if (b < 0) {
                break;
            }
            state = b == 0x81 ? 1 : state == 1 && b == 0x01 ? 2 : state == 2 && b == 0x0a ? 3 : 0;
            if (state == 3) {
                beats++;
                state = 0;
            }
        }
        return beats;
    }

    /**
     * Starts reading again: every STOMP frame the server sent (WebSocket text messages split at NUL),
     * read until nothing has arrived for {@code quiet}.
     */
    public java.util.List<String> readFramesUntilQuiet(java.time.Duration quiet) throws IOException {
        java.util.List<String> frames = new java.util.ArrayList<>();
        InputStream in = socket.getInputStream();
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        socket.setSoTimeout((int) quiet.toMillis());
        while (true) {
            int opcode;
            try {
                opcode = in.read();
            } catch (java.net.SocketTimeoutException e) {
                break;
            }
            if (opcode < 0) {
                break;
            }
            long length = in.read() & 0x7f;
            if (length == 126) {
                length = ((long) in.read() << 8) | in.read();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | in.read();
                }
            }
            byte[] payload = in.readNBytes((int) length);
            if ((opcode & 0x0f) == 0x8) {
                break; // close
            }
            text.write(payload);
            if ((opcode & 0x80) != 0) { // FIN: split the message into STOMP frames
                for (String frame : text.toString(StandardCharsets.UTF_8).split("\0")) {
                    if (!frame.isBlank()) {
                        frames.add(frame.stripLeading());
                    }
                }
                text.reset();
            }
        }
        return frames;
    }

    private void subscribe(String... destinations) throws IOException {
        StalledStompSocket client = this;
        int id = 0;
        for (String destination : destinations) {
            client.sendText("SUBSCRIBE\nid:" + (id++) + "\ndestination:" + destination + "\n\n\0");
        }
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
