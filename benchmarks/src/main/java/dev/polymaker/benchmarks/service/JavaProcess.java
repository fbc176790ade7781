package dev.polymaker.benchmarks.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM a harness starts beside itself (the service, the hop forwarder): this JDK's {@code java} with
 * the given options and arguments, stdout and stderr into a temporary log file; stopped with SIGTERM at
 * the end (forcibly after 20 s), so a flight recording is written out.
 */
public final class JavaProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private JavaProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** @param arguments everything after {@code java}: JVM options, {@code -jar}/{@code -cp} and main, its arguments */
    public static JavaProcess start(String logPrefix, List<String> arguments) throws IOException {
        Path log = Files.createTempFile(logPrefix, ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new JavaProcess(process, log);
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /**
     * Throws {@link IllegalStateException} (naming {@code what}, its exit status and its log) when the
     * process has exited: inside a {@link Poll} check that ends the wait at once.
     */
    public void checkAlive(String what) {
        if (!process.isAlive()) {
            throw new IllegalStateException(what + " exited with " + process.exitValue() + "; see " + log);
        }
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
