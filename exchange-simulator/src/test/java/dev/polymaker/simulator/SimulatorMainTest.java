package dev.polymaker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The runnable app: option parsing, clear errors, the token file and start-up failures. */
class SimulatorMainTest {

    @TempDir
    Path dir;

    @Test
    void parsesEveryOptionIntoTheConfig() {
        SimulatorOptions options = SimulatorOptions.parse("--server.port=9000", "--ws.port=9001", "--markets=7",
                "--rate=1500", "--seed=9", "--fine-tick-markets=2", "--neg-risk-markets=1", "--v2-markets=3", "--levels=4",
                "--frame-mode=array", "--record=/tmp/x.jsonl", "--token-file=out/tokens.json", "--host=0.0.0.0",
                "--min-order-size=10", "--max-queued-frames=1000");
        SimulatorConfig config = options.config();
        assertThat(config.httpPort()).isEqualTo(9000);
        assertThat(config.wsPort()).isEqualTo(9001);
        assertThat(config.markets()).isEqualTo(7);
        assertThat(config.eventsPerSecond()).isEqualTo(1500);
        assertThat(config.seed()).isEqualTo(9);
        assertThat(config.fineTickMarkets()).isEqualTo(2);
        assertThat(config.negRiskMarkets()).isEqualTo(1);
        assertThat(config.v2Markets()).isEqualTo(3);
        assertThat(config.levelsPerSide()).isEqualTo(4);
        assertThat(config.frameMode()).isEqualTo(FrameMode.ARRAY);
        assertThat(config.recordFile()).isEqualTo(Path.of("/tmp/x.jsonl"));
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.minOrderSize()).isEqualByComparingTo("10");
        assertThat(options.tokenFile()).isEqualTo(Path.of("out/tokens.json"));
    }

    @Test
    void defaultsMatchTheReadme() {
        SimulatorConfig config = SimulatorOptions.parse().config();
        assertThat(config.httpPort()).isEqualTo(8090);
        assertThat(config.wsPort()).isEqualTo(8091);
        assertThat(config.markets()).isEqualTo(20);
        assertThat(config.eventsPerSecond()).isEqualTo(50);
        assertThat(config.seed()).isEqualTo(42);
        assertThat(config.frameMode()).isEqualTo(FrameMode.MIXED);
        assertThat(config.v2Markets()).isZero();
    }

    @Test
    void badOptionsGetClearErrors() {
        assertThatThrownBy(() -> SimulatorOptions.parse("--markts=3"))
                .hasMessage("unknown option --markts (see --help for the options)");
        assertThatThrownBy(() -> SimulatorOptions.parse("--markets=many"))
                .hasMessage("--markets must be an integer, got 'many'");
        assertThatThrownBy(() -> SimulatorOptions.parse("markets=3"))
                .hasMessageContaining("options look like --key=value");
        assertThatThrownBy(() -> SimulatorOptions.parse("--frame-mode=bulk"))
                .hasMessageContaining("single, array or mixed");
        assertThatThrownBy(() -> SimulatorOptions.parse("--seed=1", "--seed=2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> SimulatorOptions.parse("--replay=a.jsonl", "--rate=10"))
                .hasMessageContaining("choose one feed");
        assertThatThrownBy(() -> SimulatorOptions.parse("--record")).hasMessageContaining("needs a file path");
        assertThat(SimulatorMain.run(new String[] {"--nope=1"})).isEqualTo(2);
        assertThat(SimulatorMain.run(new String[] {"--help"})).isZero();
    }

    @Test
    void busyPortsGiveClearErrors() {
        try (ExchangeSimulator first = ExchangeSimulator.start(SimulatorConfig.builder().markets(1).build())) {
            int wsPort = first.marketUrl().getPort();
            int httpPort = first.restUrl().getPort();
            assertThatThrownBy(() -> ExchangeSimulator.start(SimulatorConfig.builder().markets(1).wsPort(wsPort)
                    .build())).hasMessageContaining("market channel failed to start");
            assertThatThrownBy(() -> ExchangeSimulator.start(SimulatorConfig.builder().markets(1).httpPort(httpPort)
                    .build())).hasMessageContaining("cannot bind the HTTP port " + httpPort);
            assertThat(SimulatorMain.run(new String[] {"--ws.port=" + wsPort, "--server.port=0"})).isEqualTo(1);
        }
    }

    @Test
    void startsServingAndWritesTheTokenFile() throws Exception {
        Path tokens = dir.resolve("copytrade/tokens_from_copytrade.json");
        SimulatorOptions options = SimulatorOptions.parse("--server.port=0", "--ws.port=0", "--markets=3",
                "--rate=200", "--token-file=" + tokens);
        try (ExchangeSimulator sim = SimulatorMain.start(options)) {
            JsonNode file = WsTestClient.JSON.readTree(tokens.toFile());
            assertThat(file.get("updated_at").asString()).endsWith("Z");
            assertThat(file.get("archived_tokens")).isEmpty();
            assertThat(file.get("tokens")).hasSize(3);
            JsonNode first = file.get("tokens").get(0);
            assertThat(first.get("token_id").asString()).isEqualTo(sim.markets().get(0).yesTokenId());
            assertThat(first.get("source_account").asString()).isEqualTo("sim");
            assertThat(first.get("active").asBoolean()).isTrue();
            assertThat(first.get("introduced_by_buy").asBoolean()).isTrue();
            assertThat(first.get("last_seen").asString()).endsWith("Z");

            HttpResponse<String> markets = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(sim.restUrl() + "/control/markets")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(WsTestClient.JSON.readTree(markets.body())).hasSize(3);
            try (WsTestClient client = WsTestClient.connect(sim.marketUrl())) {
                client.subscribe(List.of(sim.tokenIds().get(0)));
                assertThat(client.nextOfType("price_change")).isNotNull();
            }
        }
    }
}
