package dev.polymaker.deploy;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The service Dockerfiles (no engine here): their instructions, and their layer extraction replayed
 * on the real jar so the image's ENTRYPOINT class and application classes are where the COPY
 * lines put them.
 */
class DockerfileTest {

    @TempDir
    Path work;

    @ParameterizedTest
    @CsvSource({"market-data-service,8080", "trading-service,8081"})
    void serviceImageIsLayeredNonRootHealthCheckedAndContainerSized(String service, int port) {
        String dockerfile = RepositoryLayout.read(service + "/Dockerfile");
        assertThat(fromImages(dockerfile)).containsOnly("eclipse-temurin:17-jre");
        assertThat(dockerfile).contains("java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted")
                .contains("COPY " + service + "/target/" + service + "-*.jar jars/")
                .contains("jar=$(ls jars/*-exec.jar 2>/dev/null | head -n 1)")
                .containsPattern("(?m)^USER 10001:10001$")
                .contains("-XX:MaxRAMPercentage=75")
                .containsPattern("(?m)^ENV SERVER_PORT=" + port + " ")
                .containsPattern("(?m)^EXPOSE " + port + "$")
                .containsPattern("(?s)HEALTHCHECK .*CMD healthcheck http \"\\$\\{SERVER_PORT}\" /actuator/health/readiness")
                .contains("org.springframework.boot.loader.launch.JarLauncher");
        // Dependencies change least, the application most: that order keeps rebuilds to one layer.
        assertThat(layerOrder(dockerfile)).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        assertCopiedFilesAreInTheBuildContext(dockerfile);
    }

    @ParameterizedTest
    @CsvSource({"market-data-service", "trading-service"})
    void extractedLayersHoldTheLauncherAndTheApplication(String service) throws IOException {
        Path jar = builtJar(service);
        assumeTrue(jar != null, service + " jar not built (./mvnw package); skipping the extraction replay");
        Path build = Files.createDirectories(work.resolve("build"));
        Files.copy(jar, build.resolve("app.jar"), StandardCopyOption.REPLACE_EXISTING);
        String java = ProcessHandle.current().info().command().orElse("java");
        ExternalCommand.run(build, Map.of(), Duration.ofSeconds(60),
                java, "-Djarmode=tools", "-jar", "app.jar", "extract", "--layers", "--launcher", "--destination", "extracted")
                .assertSuccess();
        Path image = Files.createDirectories(work.resolve("app"));
        for (String layer : layerOrder(RepositoryLayout.read(service + "/Dockerfile"))) {
            Path from = build.resolve("extracted/" + layer);
            assertThat(from).as("layer " + layer).isDirectory();
            copyTree(from, image);
        }
        assertThat(image.resolve("org/springframework/boot/loader/launch/JarLauncher.class")).exists();
        assertThat(image.resolve("BOOT-INF/classes")).isDirectory();
        assertThat(image.resolve("BOOT-INF/lib")).isDirectory();
        assertThat(image.resolve("META-INF/MANIFEST.MF")).exists();
    }

    @Test
    void simulatorImageRunsThePlainJarWithItsLibraries() throws IOException {
        String dockerfile = RepositoryLayout.read("docker/exchange-simulator/Dockerfile");
        assertThat(fromImages(dockerfile)).containsOnly("eclipse-temurin:17-jre");
        assertThat(dockerfile).contains("COPY exchange-simulator/target/lib/ ./lib/")
                .containsPattern("(?m)^USER 10001:10001$").contains("HEALTHCHECK").contains("-XX:MaxRAMPercentage=75");
        assertCopiedFilesAreInTheBuildContext(dockerfile);
        Path jar = builtJar("exchange-simulator");
        if (jar != null) {
            try (JarFile file = new JarFile(jar.toFile())) {
                String classPath = file.getManifest().getMainAttributes().getValue("Class-Path");
                assertThat(classPath).as("simulator manifest Class-Path").startsWith("lib/");
                assertThat(file.getManifest().getMainAttributes().getValue("Main-Class")).isNotBlank();
            }
        }
    }

    private static List<String> fromImages(String dockerfile) {
        List<String> images = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile);
        while (m.find()) {
            images.add(m.group(1));
        }
        return images;
    }

    private static List<String> layerOrder(String dockerfile) {
        List<String> layers = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^COPY --from=\\S+ /build/extracted/([a-z-]+)/ \\./$").matcher(dockerfile);
        while (m.find()) {
            layers.add(m.group(1));
        }
        return layers;
    }

    /** Each plain COPY source must be re-included by .dockerignore, which excludes everything else. */
    private static void assertCopiedFilesAreInTheBuildContext(String dockerfile) {
        List<String> ignore = RepositoryLayout.read(".dockerignore").lines().map(String::trim).toList();
        assertThat(ignore).contains("*");
        Matcher m = Pattern.compile("(?m)^COPY (?!--from)(\\S+) ").matcher(dockerfile);
        while (m.find()) {
            String source = m.group(1);
            boolean included = ignore.stream().filter(l -> l.startsWith("!")).map(l -> l.substring(1))
                    .anyMatch(pattern -> source.equals(pattern) || (pattern.endsWith("/") && source.startsWith(pattern)));
            assertThat(included).as(source + " is re-included in .dockerignore").isTrue();
        }
    }

    /** The runnable jar as the Dockerfiles and demo.sh pick it: the -exec one if there is one, else the only one. */
    static Path builtJar(String module) throws IOException {
        Path target = RepositoryLayout.path(module + "/target");
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString()
                    .matches(Pattern.quote(module) + "-\\d[^/]*(?<!-sources|-javadoc|-tests)\\.jar")).sorted().toList();
            return jars.stream().filter(p -> p.toString().endsWith("-exec.jar")).findFirst()
                    .orElse(jars.isEmpty() ? null : jars.get(0));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
