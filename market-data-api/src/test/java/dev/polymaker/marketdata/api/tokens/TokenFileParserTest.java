package dev.polymaker.marketdata.api.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one token-file rule both services follow (docs/architecture.md §4, "Token file"). */
class TokenFileParserTest {

    private final TokenFileParser parser = new TokenFileParser();

    private TokenFileParser.Result parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBadEntryIsSkippedAndReportedWhileTheRestOfTheFileIsUsed() {
        TokenFileParser.Result r = parse("""
                {"tokens":[
                  {"token_id":"111","active":true,"introduced_by_buy":true},
                  {"token_id":"0xbad","active":true,"introduced_by_buy":true},
                  "not an object",
                  {"token_id":"222","active":"yes","introduced_by_buy":true},
                  {"token_id":"333","active":true,"introduced_by_buy":1},
                  {"token_id":444,"active":true,"introduced_by_buy":true}
                ]}
                """);
        assertThat(r.tokenIds()).containsExactly("111", "444");
        assertThat(r.skipped()).hasSize(4);
        assertThat(r.skipped().get(0)).contains("0xbad").contains("decimal digits");
        assertThat(r.skipped().get(1)).contains("tokens[2]").contains("not an object");
        assertThat(r.skipped().get(2)).contains("token 222").contains("active is not a boolean").contains("\"yes\"");
        assertThat(r.skipped().get(3)).contains("token 333").contains("introduced_by_buy is not a boolean");
    }

    @Test
    void onlyJsonTrueMakesAnEntryActiveAndFalseNullOrAbsentAreSilentlyUnused() {
        TokenFileParser.Result r = parse("""
                {"tokens":[
                  {"token_id":"1","active":true,"introduced_by_buy":true},
                  {"token_id":"2","active":false,"introduced_by_buy":true},
                  {"token_id":"3","active":null,"introduced_by_buy":true},
                  {"token_id":"4","introduced_by_buy":true},
                  {"token_id":"5","active":true,"introduced_by_buy":false}
                ],
                "archived_tokens":[{"token_id":"6","active":true,"introduced_by_buy":true}]}
                """);
        assertThat(r.tokenIds()).containsExactly("1");
        assertThat(r.skipped()).isEmpty();
    }

    @Test
    void onlyAFileOfTheWrongShapeIsRefusedWhole() {
        assertThatThrownBy(() -> parse("{\"tokens\":[")).isInstanceOf(TokenFileException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("[]")).hasMessageContaining("top level is not a JSON object");
        assertThatThrownBy(() -> parse("{\"toks\":[]}")).hasMessageContaining("missing 'tokens' array");
        assertThat(parse("{\"tokens\":[]}").tokenIds()).isEmpty();
    }
}
