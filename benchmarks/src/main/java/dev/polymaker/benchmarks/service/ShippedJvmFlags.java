package dev.polymaker.benchmarks.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM flags market-data-service is deployed with, so a harness measures what ships: the
 * {@code JAVA_OPTS} of {@code market-data-service/Dockerfile} (read from the file, not copied), plus
 * {@code -XX:MaxRAM} standing in for the container's memory limit (Helm {@code resources.limits.memory}
 * and compose {@code mem_limit}: 1 GiB), which the percentage flags are relative to. Without it the
 * JVM would size the heap from this machine's whole memory. See docs/performance.md §5. Every harness
 * that starts the service takes the same two options: {@code --mds-base-jvm=<flags>} replaces the shipped
 * flags (an A/B run; {@code shipped}, the default, keeps them), {@code --mds-jvm=<flags>} adds some
 * (a flight recording, a GC log).
 */
public final class ShippedJvmFlags {

    /** The memory limit of the deployed container (Helm values, docker-compose.yml). */
    public static final String CONTAINER_MEMORY = "1g";

    /** The value of {@code --mds-base-jvm} that keeps the shipped flags (the default). */
    public static final String SHIPPED = "shipped";

    private static final Pattern JAVA_OPTS = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"");

    private ShippedJvmFlags() {
    }

    /** {@code -XX:MaxRAM=<limit>} followed by the Dockerfile's {@code JAVA_OPTS}. */
    public static List<String> marketDataService() {
        Path dockerfile = find(Path.of("").toAbsolutePath());
        try {
            Matcher m = JAVA_OPTS.matcher(Files.readString(dockerfile));
            if (!m.find()) {
                throw new IllegalStateException("no JAVA_OPTS=\"...\" in " + dockerfile);
            }
            List<String> flags = new ArrayList<>(List.of("-XX:MaxRAM=" + CONTAINER_MEMORY));
            flags.addAll(List.of(m.group(1).strip().split("\\s+")));
            return List.copyOf(flags);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + dockerfile + ": " + e, e);
        }
    }

    /**
     * The service's JVM options from the two harness options: {@code base} is {@code shipped} (or
     * {@code null}) for {@link #marketDataService()}, otherwise the flags that replace them (blank: none);
     * {@code extra} is appended. Flags are separated by whitespace.
     */
    public static List<String> forOptions(String base, String extra) {
        List<String> flags = new ArrayList<>(base == null || SHIPPED.equals(base.strip()) ? marketDataService()
                : words(base));
        flags.addAll(words(extra));
        return List.copyOf(flags);
    }

    private static List<String> words(String flags) {
        return flags == null || flags.isBlank() ? List.of() : List.of(flags.strip().split("\\s+"));
    }

    private static Path find(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("market-data-service").resolve("Dockerfile");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("market-data-service/Dockerfile not found above " + from
                + ": run the harness from the repository (its JAVA_OPTS are the flags measured), or pass "
                + "--mds-base-jvm=<flags>");
    }
}
