package dev.polymaker.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs a command-line tool (docker-compose, promtool, bash) to completion and captures its output. */
final class ExternalCommand {

    /** Exit code and combined stdout + stderr of a finished command. */
    record Result(List<String> command, int exitCode, String output) {
        Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    private ExternalCommand() {
    }

    /** Absolute path of an executable on PATH, or null. */
    static Path which(String executable) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, executable);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Skips the calling test, with a message that says how to get the tool, when it is not installed.
     * CI (.ci/run) installs both Debian packages, so there the tests always run.
     */
    static Path require(String executable, String debianPackage) {
        Path found = which(executable);
        assumeTrue(found != null, () -> executable + " is not installed: `apt-get install -y " + debianPackage
                + "` (CI's .ci/run installs it); skipping");
        return found;
    }

    static Result run(Path workingDirectory, Map<String, String> environment, Duration timeout, String... command) {
        List<String> cmd = List.of(command);
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(cmd))
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Path log = Files.createTempFile("deploy-tests-cmd", ".log");
            try {
                builder.redirectOutput(log.toFile());
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", cmd) + " did not finish within " + timeout
                            + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Result(cmd, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + cmd, e);
        }
    }
}
