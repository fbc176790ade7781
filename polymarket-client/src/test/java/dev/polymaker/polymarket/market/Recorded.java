package dev.polymaker.polymarket.market;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The recorded-frame corpus in {@code src/test/resources/recorded} (see its README and
 * MANIFEST.tsv): frames and REST bodies recorded from production by public Polymarket clients.
 */
public final class Recorded {

    /** One line of MANIFEST.tsv. */
    public record Capture(String path, String kind, String notes) {
        public String format() {
            int at = notes.indexOf("format=");
            String rest = notes.substring(at + "format=".length());
            int end = rest.indexOf(' ') < 0 ? rest.length() : rest.indexOf(' ');
            return rest.substring(0, end).replace(";", "");
        }
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Recorded() {
    }

    public static List<Capture> manifest() {
        List<Capture> out = new ArrayList<>();
        for (String line : load("MANIFEST.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", 3);
            out.add(new Capture(cols[0], cols[1], cols.length > 2 ? cols[2] : ""));
        }
        return out;
    }

    public static String load(String path) {
        try (InputStream in = Recorded.class.getResourceAsStream("/recorded/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The frames of a capture as the exchange sent them: the whole file for a single frame, each
     * {@code recv} text of a capture log, each line of a line-per-frame file. polypy's
     * {@code test_server_*.txt} lines are Python reprs of the JSON frames (single quotes): they are
     * turned back into the JSON text (their values hold no quotes).
     */
    public static List<String> frames(Capture capture) {
        String text = load(capture.path());
        String format = capture.format();
        List<String> frames = new ArrayList<>();
        switch (format) {
            case "capture-jsonl" -> {
                for (String line : text.split("\n")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode record = MAPPER.readTree(line);
                    if ("recv".equals(record.path("kind").asString(""))) {
                        frames.add(record.get("text").stringValue());
                    }
                }
            }
            case "python-repr-lines" -> {
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        frames.add(line.startsWith("{\"") || line.startsWith("[{\"") ? line
                                : line.replace('\'', '"').replace("None", "null").replace("True", "true")
                                .replace("False", "false"));
                    }
                }
            }
            default -> frames.add(text);
        }
        return frames;
    }
}
