package dev.polymaker.marketdata.api.tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a token set equal to the copy-trade token file, read by {@link TokenFileParser}'s rule.
 * {@link #poll()} (called every few seconds) re-reads the file when its modification time, size or
 * identity changed. A version that cannot be used (unreadable, not the expected JSON, refused by
 * the target) is logged at ERROR once, counted, and ignored: the last good set stays in force. A
 * usable version with bad entries is applied without them; they are logged at WARN and counted.
 */
public final class TokenFileWatcher {

    private static final Logger log = LoggerFactory.getLogger(TokenFileWatcher.class);

    /** Where the token set goes. */
    @FunctionalInterface
    public interface Target {
        /** Applies the set; returns null when accepted, else why it was refused (the file then counts as rejected). */
        String apply(Set<String> tokenIds);
    }

    /** Told what happened, for metrics; all optional. */
    public interface Events {
        /** A version of the file was refused. */
        default void rejected() {
        }

        /** A version of the file was applied. */
        default void loaded() {
        }

        /** Entries were skipped in a version that was applied. */
        default void skipped(int entries) {
        }
    }

    private final Path file;
    private final Clock clock;
    private final Target target;
    private final Events events;
    private final TokenFileParser parser = new TokenFileParser();

    private Stamp lastSeen;
    private volatile Set<String> current = Set.of();
    private long lastLoaded;
    private long errors;
    private int skipped;
    private volatile String lastError;

    public TokenFileWatcher(Path file, Clock clock, Target target, Events events) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.target = Objects.requireNonNull(target, "target");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Checks the file and applies a changed, usable version. Never throws. */
    public synchronized void poll() {
        Stamp stamp;
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            stamp = new Stamp(attrs.lastModifiedTime().toMillis(), attrs.size(), attrs.fileKey());
        } catch (NoSuchFileException e) {
            reject(new Stamp(-1, -1, null), "file does not exist");
            return;
        } catch (IOException | RuntimeException e) {
            reject(new Stamp(-2, -2, null), "cannot read attributes: " + e);
            return;
        }
        if (stamp.equals(lastSeen)) {
            return;
        }
        TokenFileParser.Result result;
        try {
            result = parser.parse(Files.readAllBytes(file));
        } catch (TokenFileException e) {
            reject(stamp, e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            reject(stamp, "cannot read: " + e);
            return;
        }
        Set<String> ids = result.tokenIds();
        String refused;
        try {
            refused = target.apply(ids);
        } catch (RuntimeException e) {
            refused = "could not be applied: " + e;
        }
        if (refused != null) {
            reject(stamp, refused);
            return;
        }
        lastSeen = stamp;
        boolean changed = lastLoaded == 0 || !ids.equals(current);
        int previous = current.size();
        current = Set.copyOf(ids);
        lastLoaded = clock.millis();
        skipped = result.skipped().size();
        events.loaded();
        if (!result.skipped().isEmpty()) {
            events.skipped(skipped);
            log.warn("token file {}: skipped {} bad entr{}: {}", file, skipped, skipped == 1 ? "y" : "ies",
                    result.skipped());
        }
        if (lastError != null) {
            log.info("token file {} is valid again: {} active token(s)", file, ids.size());
            lastError = null;
        } else if (changed) {
            log.info("token file {} loaded: {} active token(s) (was {})", file, ids.size(), previous);
        }
    }

    /** The token set in force. */
    public Set<String> current() {
        return current;
    }

    /** Why the last version was refused, or null when the last version seen was used. */
    public String lastError() {
        return lastError;
    }

    public Path file() {
        return file;
    }

    public synchronized TokenFileStatus status() {
        return new TokenFileStatus(file.toString(), current.size(), lastLoaded, errors, lastError, skipped);
    }

    private void reject(Stamp stamp, String reason) {
        if (stamp.equals(lastSeen)) {
            return; // same bad version: already reported
        }
        lastSeen = stamp;
        errors++;
        lastError = reason;
        events.rejected();
        log.error("token file {} rejected ({} rejection(s) so far): {}; keeping the last good set of {} token(s)",
                file, errors, reason, current.size());
    }

    /** Identity of one version of the file. */
    private record Stamp(long modified, long size, Object key) {
    }
}
