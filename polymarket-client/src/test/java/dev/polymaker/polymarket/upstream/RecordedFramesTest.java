package dev.polymaker.polymarket.upstream;

import dev.polymaker.support.ListenerQueue;
import java.time.Clock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.polymaker.polymarket.book.BookSide;
import dev.polymaker.polymarket.book.TopOfBook;
import dev.polymaker.polymarket.market.BookEvent;
import dev.polymaker.polymarket.market.MarketEvent;
import dev.polymaker.polymarket.market.MarketFrameParser;
import dev.polymaker.polymarket.market.MarketResolvedEvent;
import dev.polymaker.polymarket.market.NewMarketEvent;
import dev.polymaker.polymarket.market.ParseResult;
import dev.polymaker.polymarket.market.PriceChange;
import dev.polymaker.polymarket.market.PriceChangeEvent;
import dev.polymaker.polymarket.market.Recorded;
import dev.polymaker.polymarket.rest.ClobRestClient;
import dev.polymaker.polymarket.rest.ClobRestException;
import dev.polymaker.polymarket.rest.RestBook;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every capture of the recorded corpus (src/test/resources/recorded) parses as the exchange meant
 * it, and replaying the recorded sequences through the books gives, after every frame, the
 * exchange's stated top of book, never a crossed or locked one.
 */
class RecordedFramesTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final MarketFrameParser parser = new MarketFrameParser();
    private final RecordingListener listener = new RecordingListener();
    private final ListenerQueue<UpstreamListener> dispatcher = UpstreamPool.listenerQueue("recorded-dispatch", 100_000, listener, Clock.systemUTC());
    private final ShardBooks books = new ShardBooks(1, 3, dispatcher);

    @AfterEach
    void close() {
        dispatcher.close();
    }

    /** Frames the capture's source edited so that they are not what the exchange sent; what we expect of them. */
    private static boolean editedBySource(Recorded.Capture capture) {
        // polypy stored these books without their event_type; polypy's unknown-type file is a synthetic edit.
        return capture.path().contains("polypy-ws_msg_book_") || capture.path().contains("unknown_event_type");
    }

    @Test
    void everyRecordedFrameParsesAndNothingTheExchangeMeantIsRejected() {
        List<Recorded.Capture> captures = Recorded.manifest().stream().filter(c -> c.kind().startsWith("ws-")).toList();
        assertThat(captures).hasSizeGreaterThanOrEqualTo(20);
        int events = 0;
        for (Recorded.Capture capture : captures) {
            for (String frame : Recorded.frames(capture)) {
                ParseResult result = parser.parse(frame);
                if (frame.strip().equals("PONG")) {
                    assertThat(result).isInstanceOf(ParseResult.Pong.class);
                    continue;
                }
                assertThat(result).as(capture.path() + ": " + frame)
                        .isInstanceOfAny(ParseResult.Events.class, ParseResult.EmptyAnswer.class);
                if (result instanceof ParseResult.Events parsed) {
                    events += parsed.events().size();
                    if (!editedBySource(capture)) {
                        assertThat(parsed.skipped()).as(capture.path() + ": " + frame).isEmpty();
                    }
                }
            }
        }
        assertThat(events).isGreaterThanOrEqualTo(100);
    }

    @Test
    void framesTheSourcesEditedAreReportedNotSilentlyApplied() {
        ParseResult.Events unknown = (ParseResult.Events) parser.parse(
                Recorded.frames(capture("polypy-test_server_unknown_event_type.txt")).get(1));
        assertThat(unknown.skipped()).singleElement().extracting(ParseResult.Skipped::kind)
                .isEqualTo(ParseResult.Kind.UNKNOWN);
        ParseResult.Events noType = (ParseResult.Events) parser.parse(Recorded.load("ws/polypy-ws_msg_book_yes.json"));
        assertThat(noType.skipped()).singleElement().extracting(ParseResult.Skipped::reason).asString()
                .contains("event_type");
    }

    @Test
    void theRecordedShapesOf2026AreReadAsTheExchangeMeantThem() {
        // "[]\n" for a settled token: an answer, not an error.
        assertThat(parser.parse(Recorded.load("ws/nslaughter-settled_token_empty_array.frame.json")))
                .isInstanceOf(ParseResult.EmptyAnswer.class);
        // An extra decimal on the last trade ("0.920" on a 0.01 tick) and a 75-digit id.
        BookEvent book = (BookEvent) events("ws/nautilus-ws_book_snapshot_captured.json").get(0);
        assertThat(book.lastTradePrice()).isEqualByComparingTo("0.92");
        assertThat(book.assetId()).hasSize(75);
        // Live market_resolved: event_message null, no question/slug/outcomes.
        MarketResolvedEvent resolved = (MarketResolvedEvent) events("ws/nslaughter-market_resolved_live.from-doc.json")
                .get(0);
        assertThat(resolved.winningAssetId()).startsWith("1054321875");
        assertThat(resolved.assetIds()).hasSize(2).contains(resolved.winningAssetId());
        assertThat(resolved.winningOutcome()).isEqualTo("Down");
        // Live new_market with fee fields.
        NewMarketEvent created = (NewMarketEvent) events("ws/marcasite-live_new_market_with_fees.trimmed.json").get(0);
        assertThat(created.assetIds()).hasSize(2);
        // The initial array with "" and "0.140" last trades.
        List<MarketEvent> initial = events("ws/marcasite-live_initial_frame.trimmed.json");
        assertThat(initial).hasSize(2).allMatch(e -> e instanceof BookEvent);
        assertThat(((BookEvent) initial.get(0)).lastTradePrice()).isEqualByComparingTo("0.14");
        assertThat(((BookEvent) initial.get(1)).lastTradePrice()).isNull();
    }

    @Test
    void everyRecordedRestBookIsReadAndTheErrorBodyIsNotTakenForABook() {
        for (Recorded.Capture capture : Recorded.manifest()) {
            if (!capture.kind().equals("rest-book")) {
                continue;
            }
            String body = Recorded.load(capture.path());
            if (capture.notes().contains("expect=error")) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClobRestClient.readBook(body))
                        .isInstanceOf(ClobRestException.class);
                continue;
            }
            RestBook book = ClobRestClient.readBook(body);
            assertThat(book.assetId()).as(capture.path()).isNotBlank();
            assertThat(book.bids()).as(capture.path()).isNotNull();
        }
        RestBook emptyAsk = ClobRestClient.readBook(Recorded.load("rest/nautilus-clob_book_response_empty_ask.json"));
        assertThat(emptyAsk.asks()).isEmpty();
        assertThat(emptyAsk.bestAsk()).isNull();
        assertThat(emptyAsk.lastTradePrice()).isNull();
        assertThat(emptyAsk.negRisk()).isTrue();
    }

    @Test
    void theRecordedTakerSweepGivesTheExchangesStatedTopAfterEveryFrameAndNeverACrossedOne() {
        JsonNode burst = MAPPER.readTree(Recorded.load("ws/nautilus-ws_market_price_change_crossing_burst.json"));
        String token = burst.get(0).get("asset_id").stringValue();
        books.entries().put(token, new TokenEntry(token, 0, "test"));
        int frames = 0;
        int crossedLevelFrames = 0;
        for (JsonNode event : burst.values()) {
            // One event per frame, in arrival order.
            List<MarketEvent> parsed = ((ParseResult.Events) parser.parse(MAPPER.writeValueAsString(event))).events();
            ShardBooks.Applied applied = books.apply(parsed, ++frames);
            assertThat(applied.desynced()).as("frame " + frames).isEmpty();
            TokenEntry entry = books.entries().get(token);
            assertThat(entry.state).as("frame " + frames).isEqualTo(TokenState.LIVE);
            TopOfBook levels = entry.book.top();
            if (levels.crossedOrLocked()) {
                crossedLevelFrames++;
            }
            PriceChange stated = lastEntryFor(parsed, token);
            if (stated != null) {
                TopOfBook expected = new TopOfBook(stated.bestBid(), stated.bestAsk(), null, null).withEmptySidesNull();
                int frame = frames;
                await("frame " + frame).atMost(Duration.ofSeconds(5)).until(() -> !listener.updates.isEmpty()
                        && sameSides(listener.updates.get(listener.updates.size() - 1).top(), expected));
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.disagreements.size() >= 2);
        // The recording holds the sweep: levels alone were crossed, then locked, for two frames.
        assertThat(crossedLevelFrames).isEqualTo(2);
        assertThat(listener.updates).isNotEmpty().noneMatch(u -> u.top().crossedOrLocked());
        assertThat(listener.disagreements).hasSize(2);
    }

    @Test
    void theRecordedHashSequenceEndsWithTheLevelsOfTheRecordedRestBooks() {
        String token = "94022367472047775158269173293876979533288470167463650966689320774843018181757";
        books.entries().put(token, new TokenEntry(token, 0, "test"));
        books.apply(events("ws/polypy-messages_hash-L02-ws_book.json"), 1);
        books.apply(events("ws/polypy-messages_hash-L05-ws_price_change.json"), 2);
        assertSameLevels(books.entries().get(token), "rest/polypy-messages_hash-L06-rest_book.json");
        books.apply(events("ws/polypy-messages_hash-L09-ws_price_change.json"), 3);
        assertSameLevels(books.entries().get(token), "rest/polypy-messages_hash-L10-rest_book.json");
        TokenEntry entry = books.entries().get(token);
        assertThat(entry.state).isEqualTo(TokenState.LIVE);
        assertThat(entry.book.bestBid()).isEqualByComparingTo("0.33");
        assertThat(entry.book.bestAsk()).isEqualByComparingTo("0.34");
    }

    private static void assertSameLevels(TokenEntry entry, String restPath) {
        RestBook rest = ClobRestClient.readBook(Recorded.load(restPath));
        assertThat(entry.book.levels(BookSide.BID)).containsExactlyElementsOf(rest.snapshot().bids());
        assertThat(entry.book.levels(BookSide.ASK)).containsExactlyElementsOf(rest.snapshot().asks());
        assertThat(entry.book.hash()).isEqualTo(rest.hash());
    }

    private List<MarketEvent> events(String path) {
        ParseResult result = parser.parse(Recorded.load(path));
        return ((ParseResult.Events) result).events();
    }

    private static Recorded.Capture capture(String name) {
        return Recorded.manifest().stream().filter(c -> c.path().endsWith(name)).findFirst().orElseThrow();
    }

    private static PriceChange lastEntryFor(List<MarketEvent> events, String token) {
        PriceChange last = null;
        for (MarketEvent event : events) {
            if (event instanceof PriceChangeEvent change) {
                for (PriceChange entry : change.changes()) {
                    if (entry.assetId().equals(token) && (entry.bestBid() != null || entry.bestAsk() != null)) {
                        last = entry;
                    }
                }
            }
        }
        return last;
    }

    private static boolean sameSides(TopOfBook a, TopOfBook b) {
        return ShardBooks.sameLevel(a.bestBid(), b.bestBid()) && ShardBooks.sameLevel(a.bestAsk(), b.bestAsk());
    }
}
