package dev.polymaker.polymarket.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.polymaker.polymarket.book.PriceLevel;
import dev.polymaker.polymarket.market.Frames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Response shapes and failure kinds over real HTTP. The error bodies (HTML, 429) are served by
 * a JDK HTTP server because they are what a proxy or Cloudflare returns, not the exchange.
 */
class ClobRestClientTest {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final List<Integer> booksRequestSizes = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ClobRestClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/book", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String token = query.substring(query.indexOf('=') + 1);
            switch (token) {
                case "9402" -> respond(exchange, 200, Frames.load("rest_book.json"));
                case "html" -> respond(exchange, 200, "<html><body>Attention Required! | Cloudflare</body></html>");
                case "busy" -> respond(exchange, 429, "Too Many Requests");
                case "down" -> respond(exchange, 503, "upstream unavailable");
                default -> respond(exchange, 404, "{\"error\":\"No orderbook exists for the requested token id\"}");
            }
        });
        server.createContext("/books", exchange -> {
            JsonNode body = mapper.readTree(exchange.getRequestBody().readAllBytes());
            booksRequestSizes.add(body.size());
            List<String> out = new ArrayList<>();
            for (JsonNode entry : body.values()) {
                String id = entry.get("token_id").stringValue();
                if (id.equals("unreadable")) {
                    out.add("{\"asset_id\":\"unreadable\",\"bids\":[{\"price\":\"zero point three\",\"size\":\"1\"}]}");
                    continue;
                }
                if (id.equals("untraded")) {
                    // Recorded 2026 shape: an empty side, "" last trade, six-decimal minimum size.
                    out.add("{\"market\":\"0x1\",\"asset_id\":\"untraded\",\"timestamp\":\"6\",\"hash\":\"h\","
                            + "\"bids\":[],\"asks\":[{\"price\":\"0.99\",\"size\":\"100\"}],"
                            + "\"min_order_size\":\"5.000000\",\"tick_size\":\"0.01\",\"neg_risk\":false,"
                            + "\"last_trade_price\":\"\"}");
                    continue;
                }
                out.add("{\"market\":\"0x1\",\"asset_id\":\"" + id + "\",\"timestamp\":\"5\",\"hash\":\"h\","
                        + "\"bids\":[{\"price\":\"0.1\",\"size\":\"1\"},{\"price\":\"0.2\",\"size\":\"1\"}],"
                        + "\"asks\":[{\"price\":\"0.4\",\"size\":\"1\"},{\"price\":\"0.3\",\"size\":\"1\"}],"
                        + "\"min_order_size\":\"5\",\"tick_size\":\"0.01\",\"neg_risk\":true}");
            }
            respond(exchange, 200, "[" + String.join(",", out) + "]");
        });
        server.start();
        client = new ClobRestClient(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void bookKeepsTheRealShapeAndFindsTheBestLevels() {
        RestBook book = client.book("9402");
        assertThat(book.assetId()).isEqualTo("9402…");
        assertThat(book.timestamp()).isEqualTo(1761179949036L);
        assertThat(book.hash()).isEqualTo("b9ee8c0d…");
        assertThat(book.tickSize()).isEqualByComparingTo("0.01");
        assertThat(book.minOrderSize()).isEqualByComparingTo("5");
        assertThat(book.negRisk()).isFalse();
        assertThat(book.lastTradePrice()).isEqualByComparingTo("0.33");
        // bids ascending and asks descending on the wire: the best level is last.
        assertThat(book.bestBid()).isEqualByComparingTo("0.33");
        assertThat(book.bestAsk()).isEqualByComparingTo("0.34");
        assertThat(book.snapshot().bids().get(0).price()).isEqualByComparingTo("0.33");
        assertThat(book.snapshot().asks().get(0).price()).isEqualByComparingTo("0.34");
    }

    @Test
    void failuresHaveKinds() {
        assertThatThrownBy(() -> client.book("nope")).isInstanceOfSatisfying(ClobRestException.class, e -> {
            assertThat(e.kind()).isEqualTo(ClobRestException.Kind.NOT_FOUND);
            assertThat(e.status()).isEqualTo(404);
        });
        assertThatThrownBy(() -> client.book("busy")).isInstanceOfSatisfying(ClobRestException.class,
                e -> assertThat(e.kind()).isEqualTo(ClobRestException.Kind.RATE_LIMITED));
        assertThatThrownBy(() -> client.book("html")).isInstanceOfSatisfying(ClobRestException.class, e -> {
            assertThat(e.kind()).isEqualTo(ClobRestException.Kind.BAD_RESPONSE);
            assertThat(e.getMessage()).contains("Cloudflare");
        });
        assertThatThrownBy(() -> client.book("down")).isInstanceOfSatisfying(ClobRestException.class, e -> {
            assertThat(e.kind()).isEqualTo(ClobRestException.Kind.HTTP_ERROR);
            assertThat(e.status()).isEqualTo(503);
        });
    }

    @Test
    void unreachableServerIsAnIoFailure() {
        int port = server.getAddress().getPort();
        server.stop(0);
        ClobRestClient offline = new ClobRestClient(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2));
        assertThatThrownBy(() -> offline.book("9402")).isInstanceOfSatisfying(ClobRestException.class,
                e -> assertThat(e.kind()).isEqualTo(ClobRestException.Kind.IO));
    }

    @Test
    void oneUnreadableBooksEntryIsCountedAndSkippedWhileTheOthersCount() {
        List<String> rejected = new CopyOnWriteArrayList<>();
        ClobRestClient counting = new ClobRestClient(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5), rejected::add);
        List<RestBook> books = counting.books(List.of("71", "unreadable", "untraded"));
        assertThat(books).extracting(RestBook::assetId).containsExactly("71", "untraded");
        assertThat(counting.rejectedEntries()).isEqualTo(1);
        assertThat(rejected).singleElement().asString().contains("not a number");
        RestBook untraded = books.get(1);
        assertThat(untraded.lastTradePrice()).isNull();
        assertThat(untraded.bestBid()).isNull();
        assertThat(untraded.bestAsk()).isEqualByComparingTo("0.99");
        assertThat(untraded.minOrderSize()).isEqualByComparingTo("5");
    }

    @Test
    void booksSplitsRequestsAt500Tokens() {
        List<String> ids = IntStream.range(0, 1201).mapToObj(i -> "7" + i).toList();
        List<RestBook> books = client.books(ids);
        assertThat(books).extracting(RestBook::assetId).containsExactlyElementsOf(ids);
        assertThat(booksRequestSizes).containsExactly(500, 500, 201);
        RestBook first = books.get(0);
        assertThat(first.negRisk()).isTrue();
        assertThat(first.bids()).containsExactly(new PriceLevel(new java.math.BigDecimal("0.1"),
                java.math.BigDecimal.ONE), new PriceLevel(new java.math.BigDecimal("0.2"), java.math.BigDecimal.ONE));
        assertThat(first.bestAsk()).isEqualByComparingTo("0.3");
    }
}
