package dev.polymaker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlowConsumerTest {

    @Test
    void aClientThatStopsReadingIsClosedInsteadOfQueueingForever() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimulatorConfig.builder().markets(2).seed(8)
                .maxQueuedFrames(200).build());
             Socket stuck = new Socket()) {
            // A raw client with a tiny receive buffer that subscribes and then never reads again.
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new InetSocketAddress("127.0.0.1", sim.marketUrl().getPort()), 5_000);
            OutputStream out = stuck.getOutputStream();
            out.write(("GET /ws/market HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(readHeaders(stuck.getInputStream())).startsWith("HTTP/1.1 101");
            byte[] subscribe = ("{\"assets_ids\":" + WsTestClient.JSON.writeValueAsString(sim.tokenIds())
                    + ",\"type\":\"market\"}").getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x81);
            frame.write(0x80 | 126);
            frame.write(subscribe.length >> 8);
            frame.write(subscribe.length & 0xff);
            frame.write(new byte[4]); // zero mask key: the payload goes as-is
            frame.write(subscribe);
            out.write(frame.toByteArray());
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> !sim.connections().isEmpty()
                    && sim.connections().get(0).subscribed());

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                sim.step(2_000);
                return sim.connections().isEmpty();
            });
            assertThat(sim.connectionAttempts()).isEqualTo(1);
        }
    }

    private static String readHeaders(InputStream in) throws Exception {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            headers.append((char) b);
        }
        return headers.toString();
    }
}
