package dev.polymaker.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polymaker.simulator.feed.FrameReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording the feed to JSONL and replaying it (or a foreign capture) as the feed. */
class RecordReplayTest {

    @TempDir
    Path dir;

    private static SimulatorConfig.Builder config() {
        return SimulatorConfig.builder().markets(3).seed(21).frameMode(FrameMode.SINGLE);
    }

    /** Every data frame until the PONG that answers our PING. */
    private static List<String> drain(WsTestClient client) {
        client.send("PING");
        List<String> frames = new ArrayList<>();
        for (String frame = client.next(); !frame.equals("PONG"); frame = client.next()) {
            frames.add(frame);
        }
        return frames;
    }

    @Test
    void aRecordingReplaysTheSameFramesAndLeavesTheSameBooks() throws Exception {
        Path file = dir.resolve("feed.jsonl");
        List<String> live;
        Map<String, SimBook> finalBooks = new HashMap<>();
        try (ExchangeSimulator recording = ExchangeSimulator.start(config().recordFile(file).build());
             WsTestClient client = WsTestClient.connect(recording.marketUrl())) {
            client.subscribe(recording.tokenIds());
            client.next();
            recording.step(300);
            live = drain(client);
            recording.tokenIds().forEach(t -> finalBooks.put(t, recording.book(t)));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSizeGreaterThan(300 + 6);
        assertThat(lines.subList(0, 6)).allMatch(line -> line.startsWith("{\"event_type\":\"book\""));

        try (ExchangeSimulator replaying = ExchangeSimulator.start(config().build());
             WsTestClient client = WsTestClient.connect(replaying.marketUrl())) {
            client.subscribe(replaying.tokenIds());
            client.next();
            FrameReplayer replay = replaying.replay(file, 0, false);
            long frames = replay.finished().get(20, TimeUnit.SECONDS);
            assertThat(frames).isEqualTo(lines.size());
            List<String> replayed = drain(client);
            // The client gets the 6 recorded books, then exactly what the live client got (best_bid_ask is not
            // sent to it: it did not enable custom features).
            assertThat(replayed.subList(6, replayed.size())).isEqualTo(live);
            for (String token : replaying.tokenIds()) {
                SimBook book = replaying.book(token);
                assertThat(book.bids()).isEqualTo(finalBooks.get(token).bids());
                assertThat(book.asks()).isEqualTo(finalBooks.get(token).asks());
                assertThat(book.hash()).isEqualTo(finalBooks.get(token).hash());
            }
        }
    }

    @Test
    void aForeignCaptureDefinesTheMarketsAndIsServed() throws Exception {
        String yes = "1702665280064693908659785483763653089404667446600906546425049041920614037878";
        String market = "0xbd28e79d00000000000000000000000000000000000000000000000000000001";
        Path file = dir.resolve("capture.jsonl");
        Files.write(file, List.of(
                "[{\"event_type\":\"book\",\"market\":\"" + market + "\",\"asset_id\":\"" + yes + "\","
                        + "\"timestamp\":\"1785615724645\",\"hash\":\"fc903f\",\"bids\":[{\"price\":\"0.94\","
                        + "\"size\":\"500\"},{\"price\":\"0.951\",\"size\":\"1016.87\"}],\"asks\":[{\"price\":\"0.97\","
                        + "\"size\":\"3802.3\"},{\"price\":\"0.952\",\"size\":\"5\"}],\"tick_size\":\"0.001\","
                        + "\"last_trade_price\":\"0.95\"}]",
                "not json at all",
                "{\"event_type\":\"last_trade_price\",\"asset_id\":\"" + yes + "\",\"market\":\"" + market
                        + "\",\"price\":\"0.952\",\"size\":\"5\",\"side\":\"BUY\",\"timestamp\":1785615724700}"));
        try (ExchangeSimulator sim = ExchangeSimulator.start(config().replayFile(file).replaySpeed(0).build())) {
            assertThat(sim.markets()).hasSize(1);
            assertThat(sim.markets().get(0).yesTokenId()).isEqualTo(yes);
            assertThat(sim.markets().get(0).conditionId()).isEqualTo(market);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> sim.book(yes).lastTradePrice().compareTo(new java.math.BigDecimal("0.952")) == 0);
            SimBook book = sim.book(yes);
            assertThat(book.bestBid()).isEqualByComparingTo("0.951");
            assertThat(book.bestAsk()).isEqualByComparingTo("0.952");
            assertThat(book.tickSize()).isEqualByComparingTo("0.001");
            assertThat(sim.book(sim.markets().get(0).noTokenId()).bestBid()).isEqualByComparingTo("0.048");
        }
    }
}
