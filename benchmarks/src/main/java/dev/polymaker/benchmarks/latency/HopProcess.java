package dev.polymaker.benchmarks.latency;

import dev.polymaker.benchmarks.service.Poll;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link HopForwarder} as its own process (the same JVM flags as the service), stopped with SIGTERM at the end. */
final class HopProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final URI url;

    private HopProcess(Process process, Path log, URI url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** Starts the forwarder on this JVM's class path and waits until it has the upstream's books. */
    static HopProcess start(List<String> jvmArgs, URI upstream, List<String> tokens) throws Exception {
        Path log = Files.createTempFile("latency-hop-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HopForwarder.class.getName(),
                "--upstream=" + upstream, "--tokens=" + String.join(",", tokens)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String[] port = {null};
        boolean ready = Poll.until(Duration.ofSeconds(60), Duration.ofMillis(100), () -> {
            if (!process.isAlive()) {
                return true; // said below
            }
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith(HopForwarder.READY)) {
                    port[0] = line.substring(HopForwarder.READY.length()).strip();
                    return true;
                }
            }
            return false;
        });
        if (!process.isAlive()) {
            throw new IllegalStateException("hop forwarder exited with " + process.exitValue() + "; see " + log);
        }
        if (!ready) {
            process.destroyForcibly();
            throw new IllegalStateException("hop forwarder not ready within 60 s; see " + log);
        }
        return new HopProcess(process, log, URI.create("ws://127.0.0.1:" + port[0] + "/"));
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Where consumers connect (they subscribe as to the exchange; the forwarder answers {@code []}). */
    URI url() {
        return url;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
