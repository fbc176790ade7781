package dev.polymaker.simulator.feed;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes market-channel data frames to a JSONL file, one raw frame per line, in emission order. The file starts
 * with a book frame per token, so it replays on its own. On a write error it logs once and stops recording.
 */
public final class FrameRecorder implements Consumer<String>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FrameRecorder.class);
    private static final long FLUSH_INTERVAL_NANOS = 200_000_000L;

    private final Path file;
    private final BufferedWriter out;
    private long lastFlush = System.nanoTime();
    private long frames;
    private boolean failed;
    private boolean closed;

    public FrameRecorder(Path file, List<String> initialFrames) throws IOException {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        for (String frame : initialFrames) {
            accept(frame);
        }
        log.info("recording market-channel frames to {}", file);
    }

    @Override
    public synchronized void accept(String frame) {
        if (failed || closed) {
            return;
        }
        try {
            out.write(frame);
            out.write('\n');
            frames++;
            long now = System.nanoTime();
            if (now - lastFlush > FLUSH_INTERVAL_NANOS) {
                out.flush();
                lastFlush = now;
            }
        } catch (IOException e) {
            failed = true;
            log.error("recording to {} failed after {} frames; recording stopped: {}", file, frames, e.toString());
        }
    }

    public synchronized long frames() {
        return frames;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
            log.info("recorded {} frames to {}", frames, file);
        } catch (IOException e) {
            log.error("closing the recording {} failed: {}", file, e.toString());
        }
    }
}
