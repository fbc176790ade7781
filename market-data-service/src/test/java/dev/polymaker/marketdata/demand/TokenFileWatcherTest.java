package dev.polymaker.marketdata.demand;

import dev.polymaker.support.testing.MutableClock;
import dev.polymaker.marketdata.api.tokens.TokenFileParser;
import dev.polymaker.marketdata.api.tokens.TokenFileWatcher;
import dev.polymaker.marketdata.support.RecordingUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenFileWatcherTest {

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(5_000);
    final RecordingUpstream upstream = new RecordingUpstream();
    final TokenDemand demand = new TokenDemand(clock, Duration.ZERO, 10, upstream);
    final AtomicInteger rejections = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();

    static String file(String... entries) {
        return "{\"updated_at\":\"2026-11-25T20:00:00Z\",\"tokens\":[" + String.join(",", entries) + "],\"archived_tokens\":[]}";
    }

    static String entry(String id, boolean active, boolean byBuy) {
        return "{\"token_id\":\"" + id + "\",\"source_account\":\"0xa\",\"last_seen\":\"2026-11-25T20:00:00Z\",\"active\":"
                + active + ",\"introduced_by_buy\":" + byBuy + ",\"seeded_on_init\":false}";
    }

    void write(Path file, String content) throws IOException {
        Path tmp = Files.createTempFile(dir, "t", ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void onlyActiveBuyIntroducedTokensAreDemandedAndACorruptVersionKeepsTheLastGoodSet() throws IOException {
        Path file = dir.resolve("tokens_from_copytrade.json");
        write(file, file(entry("11", true, true), entry("12", false, true), entry("13", true, false)));
        TokenFileWatcher watcher = FileDemand.watcher(file, demand, clock, rejections::incrementAndGet,
                skipped::addAndGet);

        watcher.poll();
        assertThat(demand.tokens()).containsExactly("11");
        assertThat(watcher.status().tokens()).isEqualTo(1);
        assertThat(watcher.status().lastLoaded()).isEqualTo(6_000);

        write(file, file(entry("11", true, true), entry("14", true, true)).substring(0, 60)); // half-written
        watcher.poll();
        watcher.poll(); // same bad version: reported once
        assertThat(rejections).hasValue(1);
        assertThat(watcher.status().lastError()).contains("JSON");
        assertThat(demand.tokens()).containsExactly("11");

        write(file, file(entry("14", true, true)));
        watcher.poll();
        demand.sweep();
        assertThat(demand.tokens()).containsExactly("14");
        assertThat(watcher.status().lastError()).isNull();
        assertThat(watcher.status().errors()).isEqualTo(1);

        Files.delete(file);
        watcher.poll();
        assertThat(rejections).hasValue(2);
        assertThat(demand.tokens()).containsExactly("14");
    }

    @Test
    void badEntriesAreSkippedAndCountedWhileTheRestOfTheFileIsUsed() throws IOException {
        Path file = dir.resolve("tokens_from_copytrade.json");
        write(file, file(entry("11", true, true), entry("12a", true, true),
                "{\"token_id\":\"13\",\"active\":\"yes\",\"introduced_by_buy\":true}"));
        TokenFileWatcher watcher = FileDemand.watcher(file, demand, clock, rejections::incrementAndGet,
                skipped::addAndGet);
        watcher.poll();
        assertThat(demand.tokens()).containsExactly("11");
        assertThat(skipped).hasValue(2);
        assertThat(rejections).hasValue(0);
        watcher.poll(); // the same version again: not counted twice
        assertThat(skipped).hasValue(2);
    }

    /**
     * The rule changed with issue 13 (one parser for both services, in market-data-api): a bad
     * entry no longer rejects the whole file, it is skipped and reported; only a file of the wrong
     * shape is refused whole. The entry-level cases are pinned in market-data-api's TokenFileParserTest.
     */
    @Test
    void malformedContentIsRejectedWithAReason() {
        TokenFileParser parser = new TokenFileParser();
        assertThatThrownBy(() -> parser.parse("[]".getBytes())).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> parser.parse("{\"x\":1}".getBytes())).hasMessageContaining("'tokens'");
        assertThat(parser.parse(file(entry("12a", true, true)).getBytes()).skipped()).singleElement().asString()
                .contains("decimal digits");
        assertThat(parser.parse(file("{\"token_id\":\"1\",\"active\":\"yes\",\"introduced_by_buy\":true}")
                .getBytes()).skipped()).singleElement().asString().contains("active is not a boolean");
        assertThat(parser.parse(file().getBytes()).tokenIds()).isEmpty();
    }
}
