package dev.polymaker.benchmarks.frames;

import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.FrameMode;
import dev.polymaker.simulator.SimMarket;
import dev.polymaker.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Market-channel frames exactly as the exchange simulator writes them (Polymarket's shapes:
 * string numbers, 77-digit token ids, price_change entries for both tokens of a market), so the
 * benchmarks parse what the pool parses instead of hand-made JSON.
 *
 * @param bookArray      the subscribe-time dump of one market: a JSON array of the YES and NO {@code book}s
 * @param priceChanges   {@code price_change} frames of the random walk, in emission order
 * @param yesTokenId     the token whose book the apply benchmarks keep (its complement is filtered out)
 * @param yesBook        the YES token's own {@code book} frame (the starting book for apply benchmarks)
 */
public record RecordedFrames(String bookArray, List<String> priceChanges, String yesTokenId, String yesBook) {

    /**
     * Runs a simulator of one market (no sockets are connected; frames are recorded as the
     * exchange emits them) and takes {@code changes} random-walk steps.
     */
    public static RecordedFrames record(int levelsPerSide, int changes, long seed) {
        Path dir;
        try {
            dir = Files.createTempDirectory("polymaker-bench-frames");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
        Path file = dir.resolve("frames.jsonl");
        SimMarket market;
        try (ExchangeSimulator sim = ExchangeSimulator.start(SimulatorConfig.builder().markets(1).seed(seed)
                .levelsPerSide(levelsPerSide).frameMode(FrameMode.SINGLE).recordFile(file).build())) {
            market = sim.markets().get(0);
            sim.step(changes);
        }
        try {
            List<String> lines = Files.readAllLines(file);
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
            return from(lines, market.yesTokenId(), market.noTokenId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recorded frames " + file, e);
        }
    }

    private static RecordedFrames from(List<String> lines, String yes, String no) {
        String yesBook = null;
        String noBook = null;
        List<String> changes = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{\"event_type\":\"book\"")) {
                if (line.contains("\"asset_id\":\"" + yes + "\"") && yesBook == null) {
                    yesBook = line;
                } else if (line.contains("\"asset_id\":\"" + no + "\"") && noBook == null) {
                    noBook = line;
                }
            } else if (line.startsWith("{\"event_type\":\"price_change\"")) {
                changes.add(line);
            }
        }
        if (yesBook == null || noBook == null || changes.isEmpty()) {
            throw new IllegalStateException("the simulator recording lacks books or price changes: " + lines.size()
                    + " lines");
        }
        return new RecordedFrames("[" + yesBook + "," + noBook + "]", List.copyOf(changes), yes, yesBook);
    }
}
