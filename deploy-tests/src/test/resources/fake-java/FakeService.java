import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for the three demo jars in DemoScriptTest (run as `java FakeService -jar <jar> --k=v ...`):
 * records its arguments, opens the ports the real service would, answers the actuator health
 * endpoints, and records a graceful stop. Lets demo.sh's process handling be tested without the
 * real services.
 */
public class FakeService {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("-version")) {
            System.err.println("fake java for demo.sh tests");
            return;
        }
        String jar = null;
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-jar")) {
                jar = args[++i];
            } else if (args[i].startsWith("--")) {
                int eq = args[i].indexOf('=');
                options.put(args[i].substring(2, eq), args[i].substring(eq + 1));
            }
        }
        String role = Path.of(jar).getFileName().toString().replaceFirst("-[0-9][^/]*\\.jar$", "");
        Path record = Path.of(System.getenv("FAKE_RECORD_DIR"));
        String id = role + "-" + options.get("server.port");
        StringBuilder lines = new StringBuilder();
        options.forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
        Files.writeString(record.resolve(id + ".args"), lines);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(record.resolve(id + ".stopped"), "graceful\n");
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }));

        InetAddress loopback = InetAddress.getLoopbackAddress();
        HttpServer http = HttpServer.create(new InetSocketAddress(loopback, Integer.parseInt(options.get("server.port"))), 16);
        if (role.equals("exchange-simulator")) {
            ServerSocket ws = new ServerSocket(Integer.parseInt(options.get("ws.port")), 16, loopback);
            Thread accept = new Thread(() -> {
                while (true) {
                    try (Socket ignored = ws.accept()) {
                        // Connection accepted: all the demo script checks is that the port is open.
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "fake-ws-accept");
            accept.setDaemon(true);
            accept.start();
            List<String> tokens = new ArrayList<>();
            for (int i = 1; i <= 2 * Integer.parseInt(options.get("markets")); i++) {
                tokens.add("{\"token_id\":\"" + (1000 + i) + "\",\"active\":true}");
            }
            Path tokenFile = Path.of(options.get("token-file"));
            Path tmp = tokenFile.resolveSibling(tokenFile.getFileName() + ".tmp");
            Files.writeString(tmp, "{\"updated_at\":\"now\",\"tokens\":[" + String.join(",", tokens) + "]}");
            Files.move(tmp, tokenFile, StandardCopyOption.ATOMIC_MOVE);
        } else {
            respond(http, "/actuator/health/readiness", "{\"status\":\"UP\"}");
            respond(http, "/actuator/health", role.equals("trading-service")
                    ? "{\"status\":\"UP\",\"components\":{\"marketData\":{\"status\":\"UP\",\"details\":{\"mode\":\"SHARED\"}}}}"
                    : "{\"status\":\"UP\"}");
        }
        http.start();
        String dieAfterReady = System.getenv("FAKE_EXIT_AFTER_READY");
        if (dieAfterReady != null && dieAfterReady.equals(options.get("server.port"))) {
            Thread.sleep(1500);
            System.out.println("fake " + id + ": exiting on purpose");
            Runtime.getRuntime().halt(3);
        }
        Thread.currentThread().join();
    }

    private static void respond(HttpServer http, String path, String json) {
        http.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }
}
