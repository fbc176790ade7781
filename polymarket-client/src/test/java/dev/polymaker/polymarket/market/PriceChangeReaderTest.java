package dev.polymaker.polymarket.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polymaker.polymarket.book.BookSide;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streaming {@code price_change} reader against the tree it replaces for plain frames: on every
 * frame, the parser's answer is the tree's answer ({@link MarketFrameParser#parseTree}), and the
 * reader takes the plain shapes (so the comparison is not only of the tree with itself).
 */
class PriceChangeReaderTest {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static final String MARKET = "\"market\":\"0x2f1a\"";
    private static final String TIMESTAMP = "\"timestamp\":\"1761179949036\"";
    private static final String TYPE = "\"event_type\":\"price_change\"";
    private static final String ENTRY = "{\"asset_id\":\"3329\",\"price\":\"0.08\",\"size\":\"0\",\"side\":\"BUY\","
            + "\"hash\":\"eb10\",\"best_bid\":\"0.66\",\"best_ask\":\"0.67\"}";
    private static final String ENTRY2 = "{\"asset_id\":\"9402\",\"price\":\"0.92\",\"size\":\"12.50\",\"side\":\"SELL\","
            + "\"hash\":\"b9ee\",\"best_bid\":\"0.33\",\"best_ask\":\"0.34\"}";

    private final MarketFrameParser parser = new MarketFrameParser();

    private static String frame(String... fields) {
        return "{" + String.join(",", fields) + "}";
    }

    private static String changes(String... entries) {
        return "\"price_changes\":[" + String.join(",", entries) + "]";
    }

    private static String entry(String... fields) {
        return "{" + String.join(",", fields) + "}";
    }

    /** Frames the reader must take, and read as the tree does. */
    static Stream<String> plainFrames() {
        return Stream.of(
                Frames.load("price_change.json"),
                Frames.load("price_change_numeric_timestamp.json"),
                frame(TYPE, MARKET, changes(ENTRY, ENTRY2), TIMESTAMP),
                frame(MARKET, changes(ENTRY, ENTRY2), TIMESTAMP, TYPE),
                frame(TIMESTAMP, TYPE, changes(ENTRY), MARKET),
                frame(changes(ENTRY2, ENTRY, ENTRY2, ENTRY), TYPE, MARKET, TIMESTAMP),
                frame(TYPE, MARKET, changes(), TIMESTAMP),
                frame(TYPE, MARKET, "\"timestamp\":1761179949036", changes(ENTRY)),
                frame(TYPE, MARKET, "\"timestamp\":17", changes(ENTRY)),
                frame(TYPE, MARKET, "\"timestamp\":-1", changes(ENTRY)), // the tree takes a negative number too
                // fields of an entry in another order, optional ones absent, null or ""
                frame(TYPE, MARKET, TIMESTAMP, changes(entry("\"side\":\"SELL\"", "\"size\":\"3\"", "\"price\":\".5\"",
                        "\"asset_id\":\"1\""))),
                frame(TYPE, MARKET, TIMESTAMP, changes(entry("\"asset_id\":\"1\"", "\"price\":\"0.5\"", "\"size\":\"3\"",
                        "\"side\":\"BUY\"", "\"hash\":\"\"", "\"best_bid\":\"\"", "\"best_ask\":null"))),
                frame(TYPE, MARKET, TIMESTAMP, changes(entry("\"asset_id\":\"1\"", "\"price\":\" 0.50 \"",
                        "\"size\":\"1E+3\"", "\"side\":\"BUY\"", "\"hash\":null", "\"best_bid\":\"\\t0\"",
                        "\"best_ask\":\"1.000\""))),
                // unknown fields of any shape, at both levels, skipped
                frame("\"id\":7", TYPE, "\"tags\":[1,[2,{\"a\":[]}],{\"b\":{\"c\":null}}]", MARKET, TIMESTAMP,
                        "\"changes\":[{\"price\":\"0.4\"}]", "\"asset_id\":\"x\"", changes(entry("\"asset_id\":\"1\"",
                        "\"x\":{\"y\":[1,2,{\"z\":\"w\"}]}", "\"price\":\"0.5\"", "\"size\":\"3\"", "\"n\":null",
                        "\"side\":\"SELL\"", "\"t\":true", "\"f\":1.5")), "\"event_message\":null"),
                // whitespace everywhere, escapes in strings
                " { \"event_type\" : \"price_change\" ,\n \"market\" : \"0x\\u0032f\\\"q\" , \"timestamp\" : \"5\" ,"
                        + " \"price_changes\" : [ { \"asset_id\" : \"1\\n2\" , \"price\" : \"0.1\" , \"size\" : \"2\" ,"
                        + " \"side\" : \"BUY\" , \"hash\" : \"h\\u00e9\" } ] } ",
                // a side the exchange never sends but the tree reads: the reader defers to the tree's rule
                frame(TYPE, MARKET, TIMESTAMP, changes(entry("\"asset_id\":\"1\"", "\"price\":\"0.5\"", "\"size\":\"3\"",
                        "\"side\":\"buy\""))));
    }

    /** Frames the reader must leave to the tree (whatever the tree then makes of them). */
    static Stream<String> otherFrames() {
        List<String> frames = new ArrayList<>(List.of(
                Frames.load("price_change_legacy.json"),
                Frames.load("book.json"),
                Frames.load("initial_dump_array.json"),
                Frames.load("tick_size_change.json"),
                Frames.load("last_trade_price.json"),
                Frames.load("best_bid_ask.json"),
                Frames.load("new_market.json"),
                Frames.load("market_resolved.json"),
                "[" + frame(TYPE, MARKET, changes(ENTRY), TIMESTAMP) + "]",
                // duplicate keys: the tree keeps the last one
                frame(TYPE, MARKET, changes(ENTRY), TIMESTAMP, "\"market\":\"0xother\""),
                frame(TYPE, MARKET, changes(ENTRY), TIMESTAMP, "\"market\":7"),
                frame(TYPE, MARKET, "\"price_changes\":7", changes(ENTRY), TIMESTAMP),
                frame(TYPE, MARKET, changes(ENTRY), TIMESTAMP, "\"event_type\":\"book\""),
                frame(TYPE, MARKET, changes(entry("\"asset_id\":\"1\"", "\"price\":\"0.5\"", "\"size\":\"3\"",
                        "\"side\":\"BUY\"", "\"price\":\"0.6\"")), TIMESTAMP),
                frame(TYPE, MARKET, changes(entry("\"asset_id\":\"1\"", "\"price\":\"x\"", "\"size\":\"3\"",
                        "\"side\":\"BUY\"", "\"price\":\"0.6\"")), TIMESTAMP),
                // missing or wrong required fields
                frame(TYPE, changes(ENTRY), TIMESTAMP),
                frame(TYPE, MARKET, changes(ENTRY)),
                frame(TYPE, MARKET, TIMESTAMP),
                frame(MARKET, changes(ENTRY), TIMESTAMP),
                frame("\"event_type\":7", MARKET, changes(ENTRY), TIMESTAMP),
                frame("\"event_type\":\"Price_change\"", MARKET, changes(ENTRY), TIMESTAMP),
                frame(TYPE, "\"market\":\"\"", changes(ENTRY), TIMESTAMP),
                frame(TYPE, "\"market\":null", changes(ENTRY), TIMESTAMP),
                frame(TYPE, "\"market\":[\"0x1\"]", changes(ENTRY), TIMESTAMP),
                frame(TYPE, MARKET, "\"price_changes\":null", TIMESTAMP),
                frame(TYPE, MARKET, "\"price_changes\":{}", TIMESTAMP),
                frame(TYPE, MARKET, "\"price_changes\":[1]", TIMESTAMP),
                frame(TYPE, MARKET, "\"price_changes\":[null]", TIMESTAMP),
                frame(TYPE, MARKET, "\"price_changes\":[[]]", TIMESTAMP),
                frame(TYPE, MARKET, changes(ENTRY, "\"x\""), TIMESTAMP),
                frame(TYPE, MARKET, changes(entry("\"price\":\"0.5\"", "\"size\":\"3\"", "\"side\":\"BUY\"")), TIMESTAMP),
                frame(TYPE, MARKET, changes(entry("\"asset_id\":\"\"", "\"price\":\"0.5\"", "\"size\":\"3\"",
                        "\"side\":\"BUY\"")), TIMESTAMP),
                frame(TYPE, MARKET, changes(entry("\"asset_id\":1", "\"price\":\"0.5\"", "\"size\":\"3\"",
                        "\"side\":\"BUY\"")), TIMESTAMP),
                frame(TYPE, MARKET, changes(entry("\"asset_id\":\"1\"", "\"price\":\"0.5\"", "\"size\":\"3\"",
                        "\"side\":\"HOLD\"")), TIMESTAMP),
                frame(TYPE, MARKET, changes(entry("\"asset_id\":\"1\"", "\"price\":\"0.5\"", "\"size\":\"3\"",
                        "\"side\":\"\"")), TIMESTAMP),
                frame(TYPE, MARKET, changes(entry("\"asset_id\":\"1\"", "\"price\":\"0.5\"", "\"size\":\"3\"",
                        "\"side\":null")), TIMESTAMP),
                frame(TYPE, MARKET, changes(entry("\"asset_id\":\"1\"", "\"price\":\"0.5\"", "\"size\":\"3\"")),
                        TIMESTAMP),
                frame(TYPE, MARKET, changes(entry("\"asset_id\":\"1\"", "\"price\":\"\"", "\"size\":\"3\"",
                        "\"side\":\"BUY\"")), TIMESTAMP),
                frame(TYPE, MARKET, changes(entry("\"asset_id\":\"1\"", "\"price\":null", "\"size\":\"3\"",
                        "\"side\":\"BUY\"")), TIMESTAMP),
                frame(TYPE, MARKET, changes(entry("\"asset_id\":\"1\"", "\"price\":\"abc\"", "\"size\":\"3\"",
                        "\"side\":\"BUY\"")), TIMESTAMP),
                frame(TYPE, MARKET, changes(entry("\"asset_id\":\"1\"", "\"price\":\"0.5\"", "\"size\":true",
                        "\"side\":\"BUY\"")), TIMESTAMP),
                frame(TYPE, MARKET, changes(entry("\"asset_id\":\"1\"", "\"price\":\"0.5\"", "\"size\":\"3\"",
                        "\"side\":\"BUY\"", "\"best_bid\":\"-\"")), TIMESTAMP),
                frame(TYPE, MARKET, changes(entry("\"asset_id\":\"1\"", "\"price\":\"0.5\"", "\"size\":\"3\"",
                        "\"side\":\"BUY\"", "\"best_ask\":{}")), TIMESTAMP),
                // JSON numbers where the exchange sends strings: the tree's conversion applies
                frame(TYPE, MARKET, changes(entry("\"asset_id\":\"1\"", "\"price\":0.50", "\"size\":3",
                        "\"side\":\"BUY\"", "\"best_bid\":1e-2")), TIMESTAMP),
                frame(TYPE, MARKET, changes(entry("\"asset_id\":\"1\"", "\"price\":\"0.5\"", "\"size\":\"3\"",
                        "\"side\":\"BUY\"", "\"hash\":12")), TIMESTAMP),
                // timestamps other than plain digits
                frame(TYPE, MARKET, changes(ENTRY), "\"timestamp\":\"2026-12-06T08:00:00Z\""),
                frame(TYPE, MARKET, changes(ENTRY), "\"timestamp\":\" 1761179949036 \""),
                frame(TYPE, MARKET, changes(ENTRY), "\"timestamp\":\"+1761179949036\""),
                frame(TYPE, MARKET, changes(ENTRY), "\"timestamp\":\"-5\""),
                frame(TYPE, MARKET, changes(ENTRY), "\"timestamp\":\"1234567890123456789\""),
                frame(TYPE, MARKET, changes(ENTRY), "\"timestamp\":\"99999999999999999999\""),
                frame(TYPE, MARKET, changes(ENTRY), "\"timestamp\":\"\""),
                frame(TYPE, MARKET, changes(ENTRY), "\"timestamp\":\"17x\""),
                frame(TYPE, MARKET, changes(ENTRY), "\"timestamp\":99999999999999999999"),
                frame(TYPE, MARKET, changes(ENTRY), "\"timestamp\":1761179949036.5"),
                frame(TYPE, MARKET, changes(ENTRY), "\"timestamp\":null"),
                // not one JSON value
                frame(TYPE, MARKET, changes(ENTRY), TIMESTAMP) + " {}",
                frame(TYPE, MARKET, changes(ENTRY), TIMESTAMP) + "x",
                frame(TYPE, MARKET, changes(ENTRY), TIMESTAMP) + "]",
                frame(TYPE, MARKET, changes(ENTRY), TIMESTAMP).replace("}]", "}"),
                frame(TYPE, MARKET, changes(ENTRY), TIMESTAMP).replace("\"0.08\"", "'0.08'"),
                frame(TYPE, MARKET, changes(ENTRY), TIMESTAMP, "\"n\":NaN"),
                frame(TYPE, MARKET, changes(ENTRY), TIMESTAMP + ","),
                "{" + TYPE + "," + MARKET + ",\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "," + changes(ENTRY) + ","
                        + TIMESTAMP + "}",
                "{" + TYPE + "," + MARKET + ",\"x\":" + "[".repeat(2000)));
        return frames.stream();
    }

    @ParameterizedTest
    @MethodSource("plainFrames")
    void aPlainPriceChangeIsReadWithoutATreeIntoWhatTheTreeBuilds(String frame) {
        String text = frame.strip();
        PriceChangeEvent streamed = PriceChangeReader.read(MAPPER, text);

        assertThat(streamed).as("the reader takes it").isNotNull();
        ParseResult tree = MarketFrameParser.parseTree(text);
        assertThat(tree).isInstanceOfSatisfying(ParseResult.Events.class,
                events -> assertThat(events.skipped()).isEmpty());
        assertThat(parser.parse(frame)).isEqualTo(tree).isEqualTo(new ParseResult.Events(List.of(streamed), List.of()));
    }

    @ParameterizedTest
    @MethodSource("otherFrames")
    void anythingElseIsLeftToTheTreeAndGetsItsAnswer(String frame) {
        String text = frame.strip();

        assertThat(PriceChangeReader.read(MAPPER, text)).as("the reader leaves it to the tree").isNull();
        assertThat(parser.parse(frame)).isEqualTo(MarketFrameParser.parseTree(text));
    }

    @Test
    void everyRecordedFrameGetsTheTreesAnswerAndTheRecordedPriceChangesAreRead() {
        int read = 0;
        int frames = 0;
        for (Recorded.Capture capture : Recorded.manifest()) {
            if (!capture.path().startsWith("ws/")) {
                continue;
            }
            List<String> texts = new ArrayList<>(Recorded.frames(capture));
            if (capture.format().equals("json-array-of-events")) {
                // one event per element, as they arrived: each also on its own, as a single-object frame
                MAPPER.readTree(Recorded.load(capture.path())).values()
                        .forEach(event -> texts.add(MAPPER.writeValueAsString(event)));
            }
            for (String frame : texts) {
                String text = frame.strip();
                if (text.isEmpty() || (text.charAt(0) != '{' && text.charAt(0) != '[')) {
                    continue;
                }
                frames++;
                if (PriceChangeReader.read(MAPPER, text) != null) {
                    read++;
                }
                assertThat(parser.parse(frame)).as(capture.path() + ": " + frame)
                        .isEqualTo(MarketFrameParser.parseTree(text));
            }
        }
        assertThat(frames).isGreaterThan(10);
        assertThat(read).as("recorded price_change frames read without a tree").isPositive();
    }

    @Test
    void theCapturedFrameKeepsItsNumbersAsSentAndBothTokens() {
        PriceChangeEvent event = PriceChangeReader.read(MAPPER, Frames.load("price_change.json"));

        assertThat(event.market()).isEqualTo("0x2f1ab0ffaf465c4acd76b9a4a1f8980db26bfae7d248a6bb289350586028307e");
        assertThat(event.timestamp()).isEqualTo(1761179949036L);
        assertThat(event.changes()).extracting(PriceChange::side).containsExactly(BookSide.BID, BookSide.ASK);
        assertThat(event.changes().get(1).price()).isEqualTo(new BigDecimal("0.92"));
        assertThat(event.changes().get(0).bestBid()).isEqualTo(new BigDecimal("0.66"));
        assertThat(event.changes().get(0).size()).isEqualTo(new BigDecimal("0")).hasToString("0");
    }
}
