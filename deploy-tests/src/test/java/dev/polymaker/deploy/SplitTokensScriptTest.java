package dev.polymaker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** docker/split-tokens.sh gives each trading instance a disjoint share of the tokens, covering all of them. */
class SplitTokensScriptTest {

    private static final String LONG_ID = "71321045679252212594626385532706912750332728571942532289631379312455583992563";

    @TempDir
    Path dir;

    private ExternalCommand.Result split(Path file, String... args) {
        List<String> cmd = new ArrayList<>(List.of(RepositoryLayout.path("docker/split-tokens.sh").toString(), file.toString()));
        cmd.addAll(List.of(args));
        return ExternalCommand.run(dir, Map.of(), Duration.ofSeconds(20), cmd.toArray(String[]::new));
    }

    @Test
    void partsAreDisjointAndCoverEveryTokenOnce() throws IOException {
        Path file = dir.resolve("tokens_from_copytrade.json");
        Files.writeString(file, """
                {"updated_at": "2026-01-01T00:00:00Z",
                 "tokens": [
                   {"token_id": "%s", "source_account": "0xabc", "active": true},
                   {"token_id":"2"}, {"token_id": "3"},
                   {"token_id": "4"}, {"token_id": "5"}, {"token_id": "2"}
                 ],
                 "archived_tokens": []}
                """.formatted(LONG_ID));
        Set<String> seen = new TreeSet<>();
        int total = 0;
        for (int part = 1; part <= 3; part++) {
            String ids = split(file, String.valueOf(part), "3").assertSuccess().output().trim();
            for (String id : ids.split(",")) {
                total++;
                seen.add(id);
            }
        }
        assertThat(total).as("no token in two parts").isEqualTo(seen.size());
        assertThat(seen).containsExactlyInAnyOrder(LONG_ID, "2", "3", "4", "5");
    }

    @Test
    void jsonOutputIsACopytradeTokenFile() throws IOException {
        Path file = dir.resolve("in.json");
        Files.writeString(file, "{\"tokens\":[{\"token_id\":\"" + LONG_ID + "\"},{\"token_id\":\"9\"}]}");
        JsonNode doc = new ObjectMapper().readTree(split(file, "1", "2", "--json").assertSuccess().output());
        assertThat(doc.path("tokens")).hasSize(1);
        assertThat(doc.path("tokens").get(0).path("token_id").asText()).isEqualTo(LONG_ID);
        // trading-service trades entries that are active and introduced_by_buy (the copy-trade contract).
        assertThat(doc.path("tokens").get(0).path("active").asBoolean()).isTrue();
        assertThat(doc.path("tokens").get(0).path("introduced_by_buy").asBoolean()).isTrue();
        assertThat(doc.has("updated_at")).isTrue();
    }

    @Test
    void anEmptyShareIsAnErrorNotAnEmptyTrader() throws IOException {
        Path file = dir.resolve("one.json");
        Files.writeString(file, "{\"tokens\":[{\"token_id\":\"1\"}]}");
        ExternalCommand.Result result = split(file, "2", "2");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("no token_id for part 2/2");
        assertThat(split(dir.resolve("absent.json"), "1", "2").output()).contains("cannot read");
    }
}
