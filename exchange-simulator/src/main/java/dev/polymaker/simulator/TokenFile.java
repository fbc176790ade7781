package dev.polymaker.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes the YES token ids in the copytrade tool's tokens_from_copytrade.json format, so the services can be pointed
 * at the simulator's markets with their token-file option. Written atomically (temp file, then move).
 */
public final class TokenFile {
    private TokenFile() {
    }

    public static void write(Path file, List<SimMarket> markets, Instant now) throws IOException {
        String stamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
        StringBuilder out = new StringBuilder("{\n  \"updated_at\": \"").append(stamp).append("\",\n  \"tokens\": [");
        for (int i = 0; i < markets.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n")
                    .append("    {\"token_id\": \"").append(markets.get(i).yesTokenId())
                    .append("\", \"source_account\": \"sim\", \"last_seen\": \"").append(stamp)
                    .append("\", \"active\": true, \"introduced_by_buy\": true}");
        }
        out.append(markets.isEmpty() ? "],\n" : "\n  ],\n").append("  \"archived_tokens\": []\n}\n");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, out, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
