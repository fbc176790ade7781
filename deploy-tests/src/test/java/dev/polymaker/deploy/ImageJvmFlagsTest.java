package dev.polymaker.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every image of the repository ships JVM flags that keep it inside its container (docs/operations.md
 * "JVM flags"): a collector named rather than left to ergonomics, a heap ceiling relative to the
 * container's memory limit (a percentage, never a fixed -Xmx that ignores the limit) and exit on
 * OutOfMemoryError, in a JAVA_OPTS that the ENTRYPOINT actually hands to java. The Dockerfiles are
 * found by walking the repository, so a new image is held to the same rule.
 */
class ImageJvmFlagsTest {

    private static final Pattern JAVA_OPTS = Pattern.compile("(?m)^(?:ENV|\\s)[^\\n]*\\bJAVA_OPTS=\"([^\"]*)\"");
    private static final Pattern COLLECTOR = Pattern.compile("-XX:\\+Use(Serial|Parallel|G1|Z|Shenandoah)GC");
    private static final Pattern HEAP_CEILING = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");

    @Test
    void everyServiceImageNamesItsCollectorCapsItsHeapByPercentageAndExitsOnOutOfMemory() throws IOException {
        Map<String, String> dockerfiles = dockerfiles();
        assertThat(dockerfiles).as("Dockerfiles in the repository").containsKeys("market-data-service/Dockerfile",
                "trading-service/Dockerfile", "docker/exchange-simulator/Dockerfile");
        dockerfiles.forEach((path, dockerfile) -> {
            Matcher opts = JAVA_OPTS.matcher(dockerfile);
            assertThat(opts.find()).as(path + ": ENV JAVA_OPTS=\"...\"").isTrue();
            List<String> flags = List.of(opts.group(1).strip().split("\\s+"));
            assertThat(flags).as(path + ": a named collector (-XX:+Use<name>GC)")
                    .filteredOn(f -> COLLECTOR.matcher(f).matches()).hasSize(1);
            assertThat(flags).as(path + ": a heap ceiling relative to the container limit")
                    .filteredOn(f -> HEAP_CEILING.matcher(f).matches()).singleElement()
                    .satisfies(f -> {
                        Matcher m = HEAP_CEILING.matcher(f);
                        assertThat(m.matches()).isTrue();
                        // Room left for metaspace, code, threads and GC structures outside the heap.
                        assertThat(Double.parseDouble(m.group(1))).as(path + " MaxRAMPercentage").isBetween(25.0, 80.0);
                    });
            assertThat(flags).as(path + ": no fixed heap size that ignores the container limit")
                    .noneMatch(f -> f.startsWith("-Xmx") || f.startsWith("-XX:MaxHeapSize"));
            assertThat(flags).as(path + ": an OutOfMemoryError ends the process").contains("-XX:+ExitOnOutOfMemoryError");
            assertThat(dockerfile).as(path + ": the ENTRYPOINT passes JAVA_OPTS to java")
                    .containsPattern("(?m)^ENTRYPOINT .*exec java \\$JAVA_OPTS ");
        });
    }

    /** Repository-relative path -> content of every Dockerfile outside build output. */
    static Map<String, String> dockerfiles() throws IOException {
        Path root = RepositoryLayout.root();
        Map<String, String> out = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skip = !dir.equals(root)
                        && (name.equals("target") || name.equals("node_modules") || name.startsWith("."));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (file.getFileName().toString().equals("Dockerfile")) {
                    out.put(root.relativize(file).toString(), Files.readString(file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }
}
