package dev.polymaker.trading;

import dev.polymaker.simulator.ExchangeSimulator;
import dev.polymaker.simulator.SimLevel;
import dev.polymaker.simulator.SimulatorConfig;
import dev.polymaker.testsupport.Http;
import dev.polymaker.testsupport.TestPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The trader's page at {@code /} in a real headless Chromium, on a paper instance that bought on a
 * scripted simulator path: its script renders the feed mode, the token's position, cost, P&L,
 * resting SELL, last actions and stop-loss state; and its own halt/resume call (driven by a test
 * page, since a DOM dump cannot click) sends the typed token and shows the answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class TraderPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration AWAIT = Duration.ofSeconds(20);
    private static final String ADMIN = "page-admin-token-5d1e";
    private static final ExchangeSimulator SIM = ExchangeSimulator.start(SimulatorConfig.builder().host("127.0.0.1")
            .httpPort(0).wsPort(0).markets(1).seed(7).eventsPerSecond(0).build());
    private static final String TOKEN = SIM.markets().get(0).yesTokenId();

    static {
        book("0.60", "0.62");
    }

    @LocalServerPort
    int port;

    /** Nothing listens here: the app runs on its direct feed. */
    private static final int NO_MDS_PORT = TestPorts.unused();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        TestProperties.fast(r, "ws://127.0.0.1:" + NO_MDS_PORT + "/ws", SIM);
        r.add("trading.tokens", () -> TOKEN);
        r.add("trading.admin.token", () -> ADMIN);
    }

    @AfterAll
    static void stopSim() {
        SIM.close();
    }

    private static void book(String bid, String ask) {
        SIM.setBook(TOKEN, List.of(new SimLevel(new BigDecimal(bid), new BigDecimal("100"))),
                List.of(new SimLevel(new BigDecimal(ask), new BigDecimal("100"))));
    }

    private static String strategyState(Http http) {
        return http.get("/api/status").json().path("tokens").path(TOKEN).path("strategy").path("state").asString();
    }

    @Test
    void thePageShowsTheModeAndTheTokensPositionAndPnlAndItsHaltAndResumeCallsCarryTheTypedToken(
            @TempDir Path profile, CapturedOutput output) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian chromium is not installed (.ci/run installs it)");
        Http http = new Http(port);
        await().atMost(AWAIT).until(() -> "0.61".equals(http.get("/api/status").json().path("tokens").path(TOKEN)
                .path("strategy").path("lastMid").asString()));
        book("0.59", "0.61");
        await().atMost(AWAIT).until(() -> "BUYING".equals(strategyState(http)));
        book("0.58", "0.59");
        await().atMost(AWAIT).until(() -> "SELLING".equals(strategyState(http)));

        String dom = dumpDom("http://127.0.0.1:" + port + "/", profile);

        assertThat(dom).contains("<span id=\"mode\" class=\"status DIRECT\">DIRECT</span>");
        assertThat(dom).contains("<span id=\"orders-mode\" class=\"small\">orders paper</span>");
        assertThat(dom).contains("source direct; replicas: 127.0.0.1:" + NO_MDS_PORT
                + " not connected, upstream UNKNOWN; direct feed running");
        assertThat(dom).contains("<span id=\"halted\" class=\"status RUNNING\">RUNNING</span>");
        assertThat(dom).contains("<tr id=\"token-" + TOKEN + "\">");
        assertThat(dom).contains(TOKEN.substring(0, 8) + "…" + TOKEN.substring(TOKEN.length() - 6));
        assertThat(dom).contains("<td class=\"state LIVE\">LIVE via direct</td>");
        assertThat(dom).contains("<td class=\"bid\">0.58</td>", "<td class=\"ask\">0.59</td>");
        assertThat(dom).contains("<td class=\"position\">5</td>", "<td class=\"cost\">0.59</td>");
        // Unrealised at the best bid: 5 x (0.58 - 0.59).
        assertThat(dom).contains("<td class=\"upnl neg\">-0.05</td>", "<td class=\"rpnl\">0.00</td>");
        assertThat(dom).contains("<td class=\"text orders\">SELL 5 @ 0.61</td>");
        assertThat(dom).containsPattern("<td class=\"text actions\">[0-9:]{8} SELL 5\\.00 @ 0\\.61 -&gt; OPEN[^<]*"
                + "\\| [0-9:]{8} BUY 5\\.00 @ 0\\.59 filled");
        // A new position is in its grace period (default 5 min).
        assertThat(dom).containsPattern("<td class=\"text stoploss GRACE\">GRACE until [0-9:]{8} UTC</td>");
        assertThat(dom).contains("realised P&amp;L 0.00, unrealised P&amp;L -0.05, 1 open order(s)");
        assertThat(dom).contains("<input type=\"password\" id=\"admin-token\"");

        // The page's halt call: refused with a wrong token, accepted with the right one.
        String halt = dumpDom("http://127.0.0.1:" + port + "/admin-call-test.html?call=halt&token=" + ADMIN, profile);
        assertThat(halt).contains("wrong 401 wrong admin token; right 200 halted=true reason=halted from the page");
        assertThat(http.get("/api/status").json().path("halted").asBoolean()).isTrue();
        await().atMost(AWAIT).until(() -> http.get("/api/orders?open=true").json().isEmpty());
        String haltedPage = dumpDom("http://127.0.0.1:" + port + "/", profile);
        assertThat(haltedPage).contains("<span id=\"halted\" class=\"status HALTED\">HALTED</span>")
                .contains("<span id=\"halt-reason\">halted from the page</span>")
                .contains("<td class=\"text orders\"></td>");

        String resume = dumpDom("http://127.0.0.1:" + port + "/admin-call-test.html?call=resume&token=" + ADMIN,
                profile);
        assertThat(resume).contains("wrong 401 wrong admin token; right 200 halted=false reason=null");
        assertThat(http.get("/api/status").json().path("halted").asBoolean()).isFalse();
        // The token went only into the Authorization header: the refusals are logged without it.
        assertThat(output).contains("refused: wrong admin token").doesNotContain(ADMIN);
    }

    /** The page's DOM after its scripts ran, as headless Chromium renders it. */
    private static String dumpDom(String url, Path profile) throws IOException, InterruptedException {
        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--virtual-time-budget=5000", "--dump-dom", url))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = chromium.getInputStream().readAllBytes();
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(chromium.exitValue()).as("chromium exit code").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
