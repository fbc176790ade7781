package dev.polymaker.polymarket.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polymaker.polymarket.book.BookSide;
import dev.polymaker.polymarket.book.PriceLevel;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarketFrameParserTest {

    private final MarketFrameParser parser = new MarketFrameParser();

    private ParseResult.Events events(String fixture) {
        ParseResult result = parser.parse(Frames.load(fixture));
        assertThat(result).isInstanceOf(ParseResult.Events.class);
        return (ParseResult.Events) result;
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void bookKeepsWireOrderAndAllFields() {
        ParseResult.Events result = events("book.json");
        assertThat(result.skipped()).isEmpty();
        BookEvent book = (BookEvent) result.events().get(0);
        assertThat(book.assetId())
                .isEqualTo("1702665280064693908659785483763653089404667446600906546425049041920614037878");
        assertThat(book.market()).isEqualTo("0xbd28e79d…");
        assertThat(book.timestamp()).isEqualTo(1785615724645L);
        assertThat(book.hash()).isEqualTo("fc903f…");
        assertThat(book.bids()).containsExactly(new PriceLevel(d("0.001"), d("1000")),
                new PriceLevel(d("0.94"), d("500")), new PriceLevel(d("0.951"), d("1016.87")));
        assertThat(book.asks()).extracting(PriceLevel::price).containsExactly(d("0.999"), d("0.97"), d("0.952"));
        assertThat(book.tickSize()).isEqualByComparingTo("0.001");
        assertThat(book.lastTradePrice()).isEqualByComparingTo("0.95");
    }

    @Test
    void priceChangeCarriesBothTokensWithTheirBestLevels() {
        PriceChangeEvent change = (PriceChangeEvent) events("price_change.json").events().get(0);
        assertThat(change.timestamp()).isEqualTo(1761179949036L);
        assertThat(change.market()).startsWith("0x2f1ab0ff");
        assertThat(change.changes()).hasSize(2);
        PriceChange no = change.changes().get(0);
        assertThat(no.assetId()).isEqualTo(
                "3329029450753225654467003002742946394863848082479209219558348197750220015613");
        assertThat(no.side()).isEqualTo(BookSide.BID);
        assertThat(no.price()).isEqualByComparingTo("0.08");
        assertThat(no.size()).isEqualByComparingTo("0");
        assertThat(no.hash()).isEqualTo("eb10ffd5c6ab383af860ca60a1ceb6e59b7a53ef");
        assertThat(no.bestBid()).isEqualByComparingTo("0.66");
        assertThat(no.bestAsk()).isEqualByComparingTo("0.67");
        assertThat(change.changes().get(1).side()).isEqualTo(BookSide.ASK);
    }

    @Test
    void numericTimestampAndLeadingDotPriceAreAccepted() {
        PriceChangeEvent change = (PriceChangeEvent) events("price_change_numeric_timestamp.json").events().get(0);
        assertThat(change.timestamp()).isEqualTo(1761179949036L);
        assertThat(change.changes().get(0).price()).isEqualByComparingTo("0.48");
        assertThat(change.changes().get(0).bestBid()).isEqualByComparingTo("0");
        assertThat(change.changes().get(0).bestAsk()).isEqualByComparingTo("1");
    }

    @Test
    void legacyPriceChangeIsRecognisedAndNotApplied() {
        ParseResult.Events result = events("price_change_legacy.json");
        assertThat(result.events()).isEmpty();
        assertThat(result.skipped()).singleElement()
                .satisfies(s -> assertThat(s.kind()).isEqualTo(ParseResult.Kind.LEGACY_PRICE_CHANGE));
    }

    @Test
    void tickSizeChange() {
        TickSizeChangeEvent tick = (TickSizeChangeEvent) events("tick_size_change.json").events().get(0);
        assertThat(tick.assetId()).isEqualTo("6581…");
        assertThat(tick.oldTickSize()).isEqualByComparingTo("0.01");
        assertThat(tick.newTickSize()).isEqualByComparingTo("0.001");
        assertThat(tick.timestamp()).isEqualTo(1757908892351L);
    }

    @Test
    void lastTradePriceWithAndWithoutOptionalFields() {
        LastTradePriceEvent full = (LastTradePriceEvent) events("last_trade_price.json").events().get(0);
        assertThat(full.price()).isEqualByComparingTo("0.456");
        assertThat(full.size()).isEqualByComparingTo("219.217767");
        assertThat(full.side()).isEqualTo(BookSide.BID);
        assertThat(full.feeRateBps()).isEqualByComparingTo("0");
        assertThat(full.transactionHash()).isEqualTo("0x…");
        LastTradePriceEvent minimal = (LastTradePriceEvent) events("last_trade_price_minimal.json").events().get(0);
        assertThat(minimal.size()).isNull();
        assertThat(minimal.side()).isNull();
        assertThat(minimal.feeRateBps()).isNull();
    }

    @Test
    void bestBidAsk() {
        BestBidAskEvent bba = (BestBidAskEvent) events("best_bid_ask.json").events().get(0);
        assertThat(bba.bestBid()).isEqualByComparingTo("0.73");
        assertThat(bba.bestAsk()).isEqualByComparingTo("0.77");
        assertThat(bba.spread()).isEqualByComparingTo("0.04");
    }

    @Test
    void newMarketAndMarketResolved() {
        NewMarketEvent market = (NewMarketEvent) events("new_market.json").events().get(0);
        assertThat(market.assetIds()).containsExactly("7604…", "3169…");
        assertThat(market.outcomes()).containsExactly("Yes", "No");
        assertThat(market.orderPriceMinTickSize()).isEqualByComparingTo("0.01");
        assertThat(market.slug()).isEqualTo("nvda-above-240-on-january-30-2026");
        MarketResolvedEvent resolved = (MarketResolvedEvent) events("market_resolved.json").events().get(0);
        assertThat(resolved.winningAssetId()).isEqualTo("7604…");
        assertThat(resolved.winningOutcome()).isEqualTo("Yes");
    }

    @Test
    void arrayMixesTypesAndSkipsUnknownOnes() {
        ParseResult.Events result = events("initial_dump_array.json");
        assertThat(result.events()).extracting(MarketEvent::eventType)
                .containsExactly("book", "book", "last_trade_price");
        assertThat(result.skipped()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(ParseResult.Kind.UNKNOWN);
            assertThat(s.reason()).contains("mystery_event");
        });
    }

    @Test
    void pongIsNotJson() {
        assertThat(parser.parse("PONG")).isInstanceOf(ParseResult.Pong.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INVALID OPERATION", "invalid subscription payload", "Internal error"})
    void nonJsonTextIsAnErrorTextKeptVerbatim(String text) {
        assertThat(parser.parse(text)).isEqualTo(new ParseResult.ErrorText(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"event_type\":\"book\",\"asset_id\":\"1", "[{\"event_type\":", "{]", "   "})
    void malformedJsonIsRejectedWithAReason(String text) {
        ParseResult result = parser.parse(text);
        assertThat(result).isInstanceOf(ParseResult.Rejected.class);
        assertThat(((ParseResult.Rejected) result).reason()).isNotBlank();
    }

    @Test
    void eventsWithMissingOrBadFieldsAreSkippedAsMalformedWhileGoodOnesSurvive() {
        String frame = "[{\"event_type\":\"book\",\"market\":\"0x1\",\"timestamp\":\"1\",\"bids\":[],\"asks\":[]},"
                + "{\"event_type\":\"price_change\",\"market\":\"0x1\",\"timestamp\":\"1\",\"price_changes\":"
                + "[{\"asset_id\":\"5\",\"price\":\"abc\",\"size\":\"1\",\"side\":\"BUY\"}]},"
                + "{\"event_type\":\"price_change\",\"market\":\"0x1\",\"timestamp\":\"1\",\"price_changes\":"
                + "[{\"asset_id\":\"5\",\"price\":\"0.5\",\"size\":\"1\",\"side\":\"HOLD\"}]},"
                + "{\"event_type\":\"last_trade_price\",\"market\":\"0x1\",\"asset_id\":\"5\",\"price\":\"0.5\"},"
                + "42,"
                + "{\"event_type\":\"tick_size_change\",\"market\":\"0x1\",\"asset_id\":\"5\",\"old_tick_size\":\"0.01\","
                + "\"new_tick_size\":\"0.001\",\"timestamp\":\"7\"}]";
        ParseResult.Events result = (ParseResult.Events) parser.parse(frame);
        assertThat(result.events()).extracting(MarketEvent::eventType).containsExactly("tick_size_change");
        assertThat(result.skipped()).hasSize(5).allSatisfy(s -> assertThat(s.kind()).isEqualTo(ParseResult.Kind.MALFORMED));
        assertThat(result.skipped()).extracting(ParseResult.Skipped::reason)
                .anySatisfy(r -> assertThat(r).contains("asset_id"))
                .anySatisfy(r -> assertThat(r).contains("price"))
                .anySatisfy(r -> assertThat(r).contains("side"))
                .anySatisfy(r -> assertThat(r).contains("timestamp"));
    }

    @Test
    void aBareEmptyArrayIsTheExchangesAnswerForAnUnknownOrClosedToken() {
        assertThat(parser.parse("[]")).isEqualTo(new ParseResult.EmptyAnswer());
        assertThat(parser.parse(" [ ] ")).isEqualTo(new ParseResult.EmptyAnswer());
    }

    @Test
    void optionalNumbersSentAsEmptyStringsAreAbsent() {
        ParseResult.Events events = (ParseResult.Events) parser.parse("{\"event_type\":\"best_bid_ask\","
                + "\"market\":\"0x1\",\"asset_id\":\"42\",\"best_bid\":\"\",\"best_ask\":\"0.4\","
                + "\"spread\":\"\",\"timestamp\":\"1\"}");
        assertThat(events.skipped()).isEmpty();
        BestBidAskEvent top = (BestBidAskEvent) events.events().get(0);
        assertThat(top.bestBid()).isNull();
        assertThat(top.bestAsk()).isEqualByComparingTo("0.4");
        assertThat(top.spread()).isNull();
        ParseResult.Events book = (ParseResult.Events) parser.parse("{\"event_type\":\"book\",\"market\":\"0x1\","
                + "\"asset_id\":\"42\",\"timestamp\":\"1\",\"hash\":\"\",\"bids\":[{\"price\":\"0.3\","
                + "\"size\":\"1\"}],\"asks\":[],\"tick_size\":\"0.01\",\"last_trade_price\":\"\"}");
        BookEvent parsed = (BookEvent) book.events().get(0);
        assertThat(parsed.lastTradePrice()).isNull();
        assertThat(parsed.hash()).isNull();
    }
}
