package dev.polymaker.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (the directory holding the parent pom and docker-compose.yml) from the test's working directory. */
final class RepositoryLayout {

    private static final Path ROOT = locateRoot();

    private RepositoryLayout() {
    }

    static Path root() {
        return ROOT;
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative + " under " + ROOT, e);
        }
    }

    private static Path locateRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("pom.xml")) && Files.isDirectory(candidate.resolve("deploy-tests"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no repository root (pom.xml + deploy-tests/) above " + dir);
    }
}
