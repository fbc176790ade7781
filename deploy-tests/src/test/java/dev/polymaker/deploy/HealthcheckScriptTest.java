package dev.polymaker.deploy;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** docker/healthcheck.sh, the images' HEALTHCHECK and demo.sh's readiness probe, against a real HTTP server. */
class HealthcheckScriptTest {

    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/actuator/health/readiness", exchange -> {
            byte[] body = (status.get() == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}").getBytes();
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private ExternalCommand.Result probe(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = RepositoryLayout.path("docker/healthcheck.sh").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        return ExternalCommand.run(RepositoryLayout.root(), Map.of(), Duration.ofSeconds(20), cmd);
    }

    private String port() {
        return String.valueOf(server.getAddress().getPort());
    }

    @Test
    void readyServiceIsHealthy() {
        assertThat(probe("http", port(), "/actuator/health/readiness").exitCode()).isZero();
    }

    @Test
    void notReadyServiceIsUnhealthyAndSaysWhy() {
        status.set(503);
        ExternalCommand.Result result = probe("http", port(), "/actuator/health/readiness");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("unhealthy: HTTP/1.1 503");
    }

    @Test
    void unknownPathIsUnhealthy() {
        assertThat(probe("http", port(), "/nothing-here").exitCode()).isEqualTo(1);
    }

    @Test
    void closedPortIsUnhealthy() throws IOException {
        int closed = DemoScriptTest.freePorts(1)[0];
        assertThat(probe("http", String.valueOf(closed), "/actuator/health/readiness").exitCode()).isNotZero();
        assertThat(probe("tcp", String.valueOf(closed)).exitCode()).isNotZero();
    }

    @Test
    void tcpModeOnlyNeedsAnOpenPort() {
        status.set(500);
        assertThat(probe("tcp", port()).exitCode()).isZero();
    }
}
