package dev.polymaker.trading.tokens;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Re-reads the copy-trade token file when its modification time or size changes. A file that
 * cannot be read or parsed keeps the last good set in force; the failure is logged at ERROR once
 * per change of the file and counted in {@code trading_token_file_errors_total}.
 */
public final class TokenFileWatcher {

    private static final Logger log = LoggerFactory.getLogger(TokenFileWatcher.class);

    private final Path file;
    private final TokenFileParser parser = new TokenFileParser();
    private final Consumer<Set<String>> onChange;
    private final Counter errors;
    private final Counter reloads;
    private long lastModified = Long.MIN_VALUE;
    private long lastSize = -1;
    private volatile Set<String> current = Set.of();
    private volatile String lastError;

    public TokenFileWatcher(Path file, Consumer<Set<String>> onChange, MeterRegistry meters) {
        this.file = Objects.requireNonNull(file, "file");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.errors = meters.counter("trading.token.file.errors");
        this.reloads = meters.counter("trading.token.file.reloads");
    }

    /** Checks the file once; synchronized so a poll and a manual check never interleave. */
    public synchronized void poll() {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            fail("cannot stat: " + e, -1, -1);
            return;
        }
        long modified = attrs.lastModifiedTime().toMillis();
        long size = attrs.size();
        if (modified == lastModified && size == lastSize) {
            return;
        }
        TokenFileParser.Result result;
        try {
            result = parser.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            fail("cannot read: " + e, modified, size);
            return;
        } catch (TokenFileParser.TokenFileException e) {
            fail(e.getMessage(), modified, size);
            return;
        }
        lastModified = modified;
        lastSize = size;
        lastError = null;
        reloads.increment();
        if (!result.skipped().isEmpty()) {
            log.warn("token file {}: skipped {} entr{}: {}", file, result.skipped().size(),
                    result.skipped().size() == 1 ? "y" : "ies", result.skipped());
        }
        if (!result.tokenIds().equals(current)) {
            log.info("token file {}: {} token(s) to trade (was {})", file, result.tokenIds().size(), current.size());
            current = Set.copyOf(result.tokenIds());
            onChange.accept(current);
        }
    }

    public Set<String> current() {
        return current;
    }

    public String lastError() {
        return lastError;
    }

    public Path file() {
        return file;
    }

    private void fail(String problem, long modified, long size) {
        // Remember the broken version so it is reported once, not on every poll.
        boolean repeated = modified == lastModified && size == lastSize && problem.equals(lastError);
        lastModified = modified;
        lastSize = size;
        lastError = problem;
        if (!repeated) {
            errors.increment();
            log.error("token file {}: {}; keeping the last good set of {} token(s)", file, problem, current.size());
        }
    }
}
