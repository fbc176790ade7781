package dev.polymaker.benchmarks.latency;

import dev.polymaker.benchmarks.service.JavaProcess;
import dev.polymaker.benchmarks.service.Poll;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link HopForwarder} as its own process (the same JVM flags as the service), stopped with SIGTERM at the end. */
final class HopProcess implements AutoCloseable {

    private final JavaProcess process;
    private final URI url;

    private HopProcess(JavaProcess process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Starts the forwarder on this JVM's class path and waits until it has the upstream's books. */
    static HopProcess start(List<String> jvmArgs, URI upstream, List<String> tokens) throws Exception {
        List<String> arguments = new ArrayList<>(jvmArgs);
        arguments.addAll(List.of("-cp", System.getProperty("java.class.path"), HopForwarder.class.getName(),
                "--upstream=" + upstream, "--tokens=" + String.join(",", tokens)));
        JavaProcess process = JavaProcess.start("latency-hop-", arguments);
        String[] port = {null};
        boolean ready;
        try {
            ready = Poll.until(Duration.ofSeconds(60), Duration.ofMillis(100), () -> {
                process.checkAlive("hop forwarder");
                for (String line : Files.readAllLines(process.log())) {
                    int at = line.indexOf(HopForwarder.READY); // a log line: time, level and logger come first
                    if (at >= 0) {
                        port[0] = line.substring(at + HopForwarder.READY.length()).strip();
                        return true;
                    }
                }
                return false;
            });
        } catch (IllegalStateException | InterruptedException e) {
            process.close();
            throw e;
        }
        if (!ready) {
            process.close();
            throw new IllegalStateException("hop forwarder not ready within 60 s; see " + process.log());
        }
        return new HopProcess(process, URI.create("ws://127.0.0.1:" + port[0] + "/"));
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return process.log();
    }

    /** Where consumers connect (they subscribe as to the exchange; the forwarder answers {@code []}). */
    URI url() {
        return url;
    }

    @Override
    public void close() {
        process.close();
    }
}
