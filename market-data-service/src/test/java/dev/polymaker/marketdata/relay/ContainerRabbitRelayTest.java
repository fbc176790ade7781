package dev.polymaker.marketdata.relay;

import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import org.testcontainers.junit.jupiter.Container;

/**
 * {@link RabbitRelayContract} against RabbitMQ in a container (the image compose's {@code relay}
 * profile runs), with {@code rabbitmq_stomp} enabled by compose's own {@code enabled_plugins}.
 * Runs where Docker exists; skipped without it (the same body runs in {@link LocalRabbitRelayTest}).
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerRabbitRelayTest extends RabbitRelayContract {

    static final int STOMP = 61613;

    @Container
    static final RabbitMQContainer RABBIT = new RabbitMQContainer(DockerImageName.parse("rabbitmq:3.13-management"))
            .withCopyFileToContainer(MountableFile.forHostPath("../deploy/rabbitmq/enabled_plugins"),
                    "/etc/rabbitmq/enabled_plugins")
            .withExposedPorts(5672, 15672, STOMP);

    @Override
    Broker broker() {
        return new Broker() {
            public String host() {
                return RABBIT.getHost();
            }

            public int stompPort() {
                return RABBIT.getMappedPort(STOMP);
            }

            public String login() {
                return RABBIT.getAdminUsername();
            }

            public String passcode() {
                return RABBIT.getAdminPassword();
            }

            public void stopApp() throws Exception {
                ctl("stop_app");
            }

            public void startApp() throws Exception {
                ctl("start_app");
                ctl("await_startup");
            }
        };
    }

    private static void ctl(String command) throws Exception {
        org.testcontainers.containers.Container.ExecResult result = RABBIT.execInContainer("rabbitmqctl", command);
        if (result.getExitCode() != 0) {
            throw new IllegalStateException("rabbitmqctl " + command + " exited with " + result.getExitCode() + ": "
                    + result.getStderr());
        }
    }
}
