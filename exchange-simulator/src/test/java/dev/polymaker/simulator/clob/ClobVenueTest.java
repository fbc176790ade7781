package dev.polymaker.simulator.clob;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The venue's rules driven directly (no HTTP), on a hand-moved clock: heartbeats, expiry, cancels, paging, faults. */
class ClobVenueTest {

    static final ECKeyPair KEY = ECKeyPair.create(new BigInteger(
            "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6", 16));
    static final String ADDRESS = Keys.toChecksumAddress(Keys.getAddress(KEY));
    static final String SECRET = "c2ltdWxhdG9yLXVuaXQtdGVzdC1zZWNyZXQtMDAwMA==";
    static final String TOKEN = "555";
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2026-11-25T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    LadderLiquidity book;
    ClobVenue venue;
    long salt;

    @BeforeEach
    void start() {
        book = new LadderLiquidity();
        book.setLevel(TOKEN, "SELL", new BigDecimal("0.60"), new BigDecimal("10"));
        // A long timeout keeps the venue's own sweeper thread from acting; the test calls sweep() itself.
        venue = new ClobVenue(book, clock, Duration.ofHours(1));
        venue.listMarket(ClobMarket.ctf(TOKEN, "0xabc", "0.01", "5", false));
        venue.registerCredentials(new ClobCredential(ADDRESS, "key-1", SECRET, "pass"));
    }

    @AfterEach
    void stop() {
        venue.close();
    }

    ClobResponse call(String method, String path, String body) {
        return call(method, path, Map.of(), body, SECRET);
    }

    ClobResponse call(String method, String path, Map<String, String> query, String body, String secret) {
        long ts = clock.millis() / 1000;
        Map<String, String> h = new HashMap<>();
        h.put("POLY_ADDRESS", ADDRESS);
        h.put("POLY_API_KEY", "key-1");
        h.put("POLY_PASSPHRASE", "pass");
        h.put("POLY_TIMESTAMP", Long.toString(ts));
        h.put("poly_signature", ClobAuthenticator.hmac(secret, ts + method + path + (body == null ? "" : body)));
        return venue.handle(new ClobRequest(method, path, query, h, body));
    }

    String orderBody(String side, long maker, long taker, String type, long expiration) {
        WireOrder o = new WireOrder(BigInteger.valueOf(++salt), ADDRESS, ADDRESS, "0x" + "0".repeat(40),
                new BigInteger(TOKEN), BigInteger.valueOf(maker), BigInteger.valueOf(taker), side, 0, clock.millis(),
                expiration, "0x" + "0".repeat(64), "0x" + "0".repeat(64), "");
        byte[] digest = TypedDataVerifier.orderDigest(o, "2", TypedDataVerifier.CTF_EXCHANGE_V2, 137);
        Sign.SignatureData sig = Sign.signMessage(digest, KEY, false);
        String signature = Numeric.toHexString(sig.getR()) + Numeric.toHexStringNoPrefix(sig.getS())
                + Numeric.toHexStringNoPrefix(sig.getV());
        return "{\"order\":{\"salt\":" + o.salt() + ",\"maker\":\"" + ADDRESS + "\",\"signer\":\"" + ADDRESS
                + "\",\"taker\":\"0x" + "0".repeat(40) + "\",\"tokenId\":\"" + TOKEN + "\",\"makerAmount\":\"" + maker
                + "\",\"takerAmount\":\"" + taker + "\",\"side\":\"" + side + "\",\"signatureType\":0,\"timestamp\":\""
                + o.timestamp() + "\",\"expiration\":\"" + expiration + "\",\"metadata\":\"" + o.metadata()
                + "\",\"builder\":\"" + o.builder() + "\",\"signature\":\"" + signature + "\"},\"owner\":\"key-1\","
                + "\"orderType\":\"" + type + "\",\"postOnly\":false,\"deferExec\":false}";
    }

    static JsonNode json(ClobResponse r) {
        return JSON.readTree(r.body());
    }

    String placeBuy(String price) {
        long maker = new BigDecimal(price).multiply(BigDecimal.valueOf(10_000_000)).longValueExact();
        ClobResponse r = call("POST", "/order", orderBody("BUY", maker, 10_000_000, "GTC", 0));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return json(r).path("orderID").asString();
    }

    @Test
    void heartbeatSessionExpiresExactlyAfterTheTimeoutAndCancelsEverything() {
        venue.heartbeatTimeout(Duration.ofSeconds(15));
        String id = json(call("POST", "/v1/heartbeats", "{\"heartbeat_id\":\"\"}")).path("heartbeat_id").asString();
        String order = placeBuy("0.50");
        clock.now = clock.now.plusSeconds(10);
        String next = json(call("POST", "/v1/heartbeats", "{\"heartbeat_id\":\"" + id + "\"}")).path("heartbeat_id")
                .asString();
        clock.now = clock.now.plusSeconds(15);
        venue.sweep();
        assertThat(venue.order(order).orElseThrow().status()).isEqualTo("LIVE");
        clock.now = clock.now.plusMillis(1);
        venue.sweep();
        assertThat(venue.order(order).orElseThrow().status()).isEqualTo("CANCELED");
        assertThat(venue.heartbeatExpiries()).isEqualTo(1);
        ClobResponse stale = call("POST", "/v1/heartbeats", "{\"heartbeat_id\":\"" + next + "\"}");
        assertThat(stale.status()).isEqualTo(400);
    }

    @Test
    void withoutHeartbeatsNothingIsCancelled() {
        venue.heartbeatTimeout(Duration.ofSeconds(15));
        String order = placeBuy("0.50");
        clock.now = clock.now.plusSeconds(3600);
        venue.sweep();
        assertThat(venue.order(order).orElseThrow().status()).isEqualTo("LIVE");
    }

    @Test
    void wrongHeartbeatIdGets400WithTheCurrentOne() {
        String id = json(call("POST", "/v1/heartbeats", "{\"heartbeat_id\":\"\"}")).path("heartbeat_id").asString();
        ClobResponse wrong = call("POST", "/v1/heartbeats", "{\"heartbeat_id\":\"nope\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(json(wrong).path("heartbeat_id").asString()).isEqualTo(id);
    }

    @Test
    void gtdOrdersExpireAndNeedMoreThanAMinute() {
        long now = clock.millis() / 1000;
        ClobResponse tooSoon = call("POST", "/order", orderBody("BUY", 5_000_000, 10_000_000, "GTD", now + 60));
        assertThat(tooSoon.status()).isEqualTo(400);
        assertThat(tooSoon.body()).contains("INVALID_ORDER_EXPIRATION");
        ClobResponse ok = call("POST", "/order", orderBody("BUY", 5_000_000, 10_000_000, "GTD", now + 120));
        String id = json(ok).path("orderID").asString();
        clock.now = clock.now.plusSeconds(119);
        venue.sweep();
        assertThat(venue.order(id).orElseThrow().status()).isEqualTo("LIVE");
        clock.now = clock.now.plusSeconds(1);
        venue.sweep();
        assertThat(venue.order(id).orElseThrow().status()).isEqualTo("CANCELED");
    }

    @Test
    void hmacOverADifferentBodyOrSecretIsRefused() {
        ClobResponse wrongSecret = call("GET", "/data/orders", Map.of(), "", "d3Jvbmc=");
        assertThat(wrongSecret.status()).isEqualTo(401);
        Map<String, String> h = new HashMap<>();
        long ts = clock.millis() / 1000;
        h.put("POLY_ADDRESS", ADDRESS);
        h.put("POLY_API_KEY", "key-1");
        h.put("POLY_PASSPHRASE", "pass");
        h.put("POLY_TIMESTAMP", Long.toString(ts));
        h.put("POLY_SIGNATURE", ClobAuthenticator.hmac(SECRET, ts + "DELETE/order{\"orderID\":\"a\"}"));
        ClobResponse tampered = venue.handle(new ClobRequest("DELETE", "/order", Map.of(), h, "{\"orderID\":\"b\"}"));
        assertThat(tampered.status()).isEqualTo(401);
        h.put("POLY_SIGNATURE", ClobAuthenticator.hmac(SECRET, ts + "DELETE/order{\"orderID\":\"b\"}"));
        assertThat(venue.handle(new ClobRequest("DELETE", "/order", Map.of(), h, "{\"orderID\":\"b\"}")).status())
                .isEqualTo(200);
    }

    @Test
    void ordersPageWithCursorsAndOnlyTheOwnerSeesThem() {
        venue.pageSize(2);
        for (int i = 0; i < 5; i++) {
            placeBuy("0.4" + i);
        }
        JsonNode first = json(call("GET", "/data/orders", Map.of("next_cursor", "MA=="), "", SECRET));
        assertThat(first.path("data").size()).isEqualTo(2);
        String cursor = first.path("next_cursor").asString();
        JsonNode second = json(call("GET", "/data/orders", Map.of("next_cursor", cursor), "", SECRET));
        JsonNode third = json(call("GET", "/data/orders", Map.of("next_cursor", second.path("next_cursor").asString()),
                "", SECRET));
        assertThat(third.path("data").size()).isEqualTo(1);
        assertThat(third.path("next_cursor").asString()).isEqualTo("LTE=");

        venue.registerCredentials(new ClobCredential(ADDRESS, "key-2", SECRET, "pass"));
        Map<String, String> h = new HashMap<>();
        long ts = clock.millis() / 1000;
        h.put("POLY_ADDRESS", ADDRESS);
        h.put("POLY_API_KEY", "key-2");
        h.put("POLY_PASSPHRASE", "pass");
        h.put("POLY_TIMESTAMP", Long.toString(ts));
        h.put("POLY_SIGNATURE", ClobAuthenticator.hmac(SECRET, ts + "DELETE/cancel-all"));
        assertThat(json(venue.handle(new ClobRequest("DELETE", "/cancel-all", Map.of(), h, ""))).path("canceled")
                .size()).isZero();
        assertThat(json(call("DELETE", "/cancel-all", "")).path("canceled").size()).isEqualTo(5);
    }

    @Test
    void scriptedFaultsHitOnlyTheirRouteInOrder() {
        venue.faults().failNext("POST", "/order", 425, 1);
        venue.faults().failNext("POST", "/order", 429, 1);
        assertThat(call("GET", "/data/orders", Map.of(), "", SECRET).status()).isEqualTo(200);
        assertThat(call("POST", "/order", orderBody("BUY", 5_000_000, 10_000_000, "GTC", 0)).status()).isEqualTo(425);
        assertThat(call("POST", "/order", orderBody("BUY", 5_000_000, 10_000_000, "GTC", 0)).status()).isEqualTo(429);
        assertThat(call("POST", "/order", orderBody("BUY", 5_000_000, 10_000_000, "GTC", 0)).status()).isEqualTo(200);
        venue.faults().geoblock(true);
        ClobResponse blocked = call("GET", "/data/orders", Map.of(), "", SECRET);
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.contentType()).startsWith("text/html");
        assertThat(blocked.body()).contains("Cloudflare");
        venue.faults().answerLate("POST", "/order", Duration.ofSeconds(5), 1);
        venue.faults().geoblock(false);
        ClobResponse late = call("POST", "/order", orderBody("BUY", 4_000_000, 10_000_000, "GTC", 0));
        assertThat(late.delayMillis()).isEqualTo(5000);
        assertThat(late.status()).isEqualTo(200);
        assertThat(venue.ordersAccepted()).isEqualTo(2);
    }

    @Test
    void restingOrdersFillWhenTheBookCrossesThem() {
        String id = placeBuy("0.55");
        venue.sweep();
        assertThat(venue.order(id).orElseThrow().status()).isEqualTo("LIVE");
        book.setLevel(TOKEN, "SELL", new BigDecimal("0.55"), new BigDecimal("3"));
        venue.sweep();
        assertThat(venue.order(id).orElseThrow().status()).isEqualTo("MATCHED");
        assertThat(venue.trades()).singleElement().satisfies(t -> {
            assertThat(t.traderSide()).isEqualTo("MAKER");
            assertThat(t.makerOrders().get(0).orderId()).isEqualTo(id);
        });
    }

    @Test
    void v1ShapedOrdersGetOrderVersionMismatch() {
        String v1 = orderBody("BUY", 5_000_000, 10_000_000, "GTC", 0).replace("\"timestamp\"", "\"nonce\"");
        ClobResponse r = call("POST", "/order", v1);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("order_version_mismatch");
    }
}
