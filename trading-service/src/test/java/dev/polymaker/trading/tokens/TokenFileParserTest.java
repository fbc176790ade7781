package dev.polymaker.trading.tokens;

import dev.polymaker.marketdata.api.tokens.TokenFileParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** trading-service reads the token file with market-data-api's parser, by the shared rule. */
class TokenFileParserTest {

    private final TokenFileParser parser = new TokenFileParser();

    @Test
    void keepsActiveEntriesIntroducedByABuy() throws Exception {
        String json = """
                {"updated_at":"2026-03-01T10:00:00Z",
                 "tokens":[
                   {"token_id":"111","source_account":"0xa","last_seen":"2026-03-01T09:00:00Z","active":true,"introduced_by_buy":true},
                   {"token_id":"222","active":false,"introduced_by_buy":true},
                   {"token_id":"333","active":true,"introduced_by_buy":false},
                   {"token_id":"444","active":true,"introduced_by_buy":true,"seeded_on_init":true},
                   {"token_id":"0xbad","active":true,"introduced_by_buy":true}
                 ],
                 "archived_tokens":[{"token_id":"555","active":true,"introduced_by_buy":true}]}
                """;
        TokenFileParser.Result r = parser.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(r.tokenIds()).containsExactly("111", "444");
        assertThat(r.skipped()).singleElement().asString().contains("0xbad");
    }

    @Test
    void corruptFilesAreRefusedWithAReason() {
        assertThatThrownBy(() -> parser.parse("{\"tokens\":[".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parser.parse("{\"toks\":[]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("missing 'tokens' array");
        assertThatThrownBy(() -> parser.parse("[]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("top level");
    }
}
