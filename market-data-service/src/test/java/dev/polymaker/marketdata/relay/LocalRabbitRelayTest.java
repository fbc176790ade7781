package dev.polymaker.marketdata.relay;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * {@link RabbitRelayContract} against a RabbitMQ on this machine (CI starts one: {@code .ci/run}).
 * {@code -Dpolymaker.rabbitmq.stomp=host:port} (or the environment's {@code POLYMAKER_RABBITMQ_STOMP}, as
 * CI sets it, so that its test command stays {@code ./mvnw -B verify}; likewise {@code POLYMAKER_RABBITMQ_CTL})
 * names its STOMP listener and makes it required: an
 * unreachable broker fails the tests. {@code -Dpolymaker.rabbitmq.ctl} is the rabbitmqctl command for
 * the restart test (default {@code rabbitmqctl}; for a node of deploy/rabbitmq/local-broker.sh:
 * {@code "<repo>/deploy/rabbitmq/local-broker.sh ctl <dir>"}). Without the property the tests are
 * skipped with that hint. README: "Relay tests on a real RabbitMQ".
 */
class LocalRabbitRelayTest extends RabbitRelayContract {

    static final String STOMP_PROPERTY = "polymaker.rabbitmq.stomp";
    static final String CTL_PROPERTY = "polymaker.rabbitmq.ctl";

    private static Broker broker;

    @BeforeAll
    static void requireBroker() {
        String address = setting(STOMP_PROPERTY, "");
        Assumptions.assumeFalse(address.isEmpty(), "no RabbitMQ configured: run with -D" + STOMP_PROPERTY
                + "=127.0.0.1:61613 (and -D" + CTL_PROPERTY + "=...) against a broker with rabbitmq_stomp; "
                + "deploy/rabbitmq/local-broker.sh starts one (README: relay tests on a real RabbitMQ)");
        int colon = address.lastIndexOf(':');
        if (colon < 1) {
            fail(STOMP_PROPERTY + "=" + address + ": expected host:port");
        }
        String host = address.substring(0, colon);
        int port = Integer.parseInt(address.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
        } catch (IOException e) {
            fail("RabbitMQ required by -D" + STOMP_PROPERTY + "=" + address + " but its STOMP port does not answer ("
                    + e.getMessage() + "); start it (deploy/rabbitmq/local-broker.sh start) or drop the property");
        }
        List<String> ctl = Arrays.asList(setting(CTL_PROPERTY, "rabbitmqctl").split("\\s+"));
        broker = new Broker() {
            public String host() {
                return host;
            }

            public int stompPort() {
                return port;
            }

            public String login() {
                return System.getProperty("polymaker.rabbitmq.login", "guest");
            }

            public String passcode() {
                return System.getProperty("polymaker.rabbitmq.passcode", "guest");
            }

            public void stopApp() throws Exception {
                ctl(ctl, "stop_app");
            }

            public void startApp() throws Exception {
                ctl(ctl, "start_app");
                ctl(ctl, "await_startup");
            }
        };
    }

    /** The system property, else its environment form ({@code polymaker.rabbitmq.stomp} → {@code POLYMAKER_RABBITMQ_STOMP}). */
    private static String setting(String property, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    @Override
    Broker broker() {
        return broker;
    }

    private static void ctl(List<String> ctl, String command) throws Exception {
        List<String> args = new ArrayList<>(ctl);
        args.add(command);
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", args) + " did not finish within 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.exitValue() != 0) {
            fail(String.join(" ", args) + " exited with " + process.exitValue() + ": " + output);
        }
    }
}
