package dev.polymaker.marketdata.demand;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Set;

/**
 * Keeps the {@link DemandSource#FILE} demand equal to the token file. {@link #poll()} (called
 * every few seconds) re-reads the file when its modification time or size changed. A version
 * that cannot be read or parsed is logged at ERROR, counted, and ignored: the last good token
 * set stays in force until a good version appears.
 */
public final class TokenFileWatcher {

    private static final Logger log = LoggerFactory.getLogger(TokenFileWatcher.class);

    private final Path file;
    private final TokenDemand demand;
    private final Clock clock;
    private final Runnable onRejected;
    private final TokenFileParser parser = new TokenFileParser();

    private Stamp lastSeen;
    private int tokens;
    private long lastLoaded;
    private long errors;
    private String lastError;

    public TokenFileWatcher(Path file, TokenDemand demand, Clock clock, Runnable onRejected) {
        this.file = file;
        this.demand = demand;
        this.clock = clock;
        this.onRejected = onRejected;
    }

    /** Checks the file and applies a changed, valid version. Never throws. */
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
        Set<String> ids;
        try {
            ids = parser.parse(Files.readAllBytes(file));
        } catch (TokenFileException e) {
            reject(stamp, e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            reject(stamp, "cannot read: " + e);
            return;
        }
        Admission admission = demand.replace(DemandSource.FILE, ids);
        if (admission != Admission.ACCEPTED) {
            reject(stamp, "lists " + ids.size() + " active tokens: more than marketdata.max-tokens ("
                    + demand.maxTokens() + ") allows together with the other sources");
            return;
        }
        lastSeen = stamp;
        boolean firstLoad = lastLoaded == 0;
        int previous = tokens;
        tokens = ids.size();
        lastLoaded = clock.millis();
        if (lastError != null) {
            log.info("token file {} is valid again: {} active tokens", file, ids.size());
            lastError = null;
        } else if (firstLoad || previous != tokens) {
            log.info("token file {} loaded: {} active tokens", file, ids.size());
        }
    }

    public synchronized TokenFileStatus status() {
        return new TokenFileStatus(file.toString(), tokens, lastLoaded, errors, lastError);
    }

    private void reject(Stamp stamp, String reason) {
        if (stamp.equals(lastSeen)) {
            return; // same bad version: already reported
        }
        lastSeen = stamp;
        errors++;
        lastError = reason;
        onRejected.run();
        log.error("token file {} rejected ({} rejections so far): {}; keeping the last good set of {} tokens",
                file, errors, reason, tokens);
    }

    /** Identity of one version of the file. */
    private record Stamp(long modified, long size, Object key) {
    }
}
