package dev.polymaker.trading.orders.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.polymaker.polymarket.order.ApiCredentials;
import dev.polymaker.polymarket.order.ClobClient;
import dev.polymaker.polymarket.order.ClobClientConfig;
import dev.polymaker.polymarket.order.ExchangeVersion;
import dev.polymaker.polymarket.order.OrderBuilder;
import dev.polymaker.polymarket.order.SignatureType;
import dev.polymaker.polymarket.order.WalletKey;
import dev.polymaker.polymarket.rest.GammaException;
import dev.polymaker.simulator.clob.ClobCredential;
import dev.polymaker.simulator.clob.ClobHttpServer;
import dev.polymaker.simulator.clob.ClobMarket;
import dev.polymaker.simulator.clob.ClobOrder;
import dev.polymaker.simulator.clob.ClobVenue;
import dev.polymaker.simulator.clob.LadderLiquidity;
import dev.polymaker.trading.orders.Fill;
import dev.polymaker.trading.orders.OrderGatewayException;
import dev.polymaker.trading.orders.OrderRequest;
import dev.polymaker.trading.orders.OrderStatus;
import dev.polymaker.trading.orders.OrderType;
import dev.polymaker.trading.orders.OrderView;
import dev.polymaker.trading.orders.Side;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ClobOrderGateway against the simulated CLOB over real HTTP. */
class ClobOrderGatewayTest {

    static final WalletKey KEY = WalletKey.fromHex("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
    static final ApiCredentials CREDS = new ApiCredentials("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            "Z2F0ZXdheS10ZXN0LXNlY3JldC0wMTIzNDU2Nzg5YWI=", "gateway-pass");
    static final String TOKEN = "424242";
    static final String OTHER_TOKEN = "434343";
    /** A protocol-V2 market: the venue verifies its orders on the ExchangeV3 domain ("3"). */
    static final String V2_TOKEN = "444444";

    LadderLiquidity book;
    ClobVenue venue;
    ClobHttpServer server;
    ClobOrderGateway gateway;
    final List<Fill> fills = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        book = new LadderLiquidity();
        book.setLevel(TOKEN, "SELL", new BigDecimal("0.55"), new BigDecimal("10"));
        book.setLevel(TOKEN, "SELL", new BigDecimal("0.56"), new BigDecimal("100"));
        book.setLevel(TOKEN, "BUY", new BigDecimal("0.45"), new BigDecimal("6"));
        venue = new ClobVenue(book, Clock.systemUTC(), Duration.ofSeconds(15));
        venue.listMarket(ClobMarket.ctf(TOKEN, "0xfeed01", "0.01", "5", false));
        venue.listMarket(ClobMarket.ctf(OTHER_TOKEN, "0xfeed02", "0.01", "5", true));
        venue.listMarket(new ClobMarket(V2_TOKEN, "0xfeed03", new BigDecimal("0.01"), new BigDecimal("5"), false, "3"));
        venue.registerCredentials(new ClobCredential(KEY.address(), CREDS.apiKey(), CREDS.secret(), CREDS.passphrase()));
        server = ClobHttpServer.start(venue, "127.0.0.1", 0);
        gateway = gateway(new ClobGatewaySettings(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMinutes(5),
                Duration.ofSeconds(1), true), 2);
        gateway.onFill(fills::add);
    }

    ClobOrderGateway gateway(ClobGatewaySettings settings, int attempts) {
        return gateway(settings, attempts, token -> ExchangeVersion.CTF_V2);
    }

    ClobOrderGateway gateway(Function<String, ExchangeVersion> versions) {
        return gateway(new ClobGatewaySettings(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMinutes(5),
                Duration.ofSeconds(1), true), 2, versions);
    }

    ClobOrderGateway gateway(ClobGatewaySettings settings, int attempts, Function<String, ExchangeVersion> versions) {
        return gateway(server.uri(), Duration.ofMillis(2000), settings, attempts, versions);
    }

    ClobOrderGateway gateway(URI clob, Duration requestTimeout, ClobGatewaySettings settings, int attempts) {
        return gateway(clob, requestTimeout, settings, attempts, token -> ExchangeVersion.CTF_V2);
    }

    ClobOrderGateway gateway(URI clob, Duration requestTimeout, ClobGatewaySettings settings, int attempts,
                             Function<String, ExchangeVersion> versions) {
        ClobClient client = new ClobClient(ClobClientConfig.defaults(clob)
                .withRequestTimeout(requestTimeout).withRetries(attempts, Duration.ofMillis(10),
                        Duration.ofMillis(20)), KEY, CREDS, Clock.systemUTC());
        return new ClobOrderGateway(client, new OrderBuilder(KEY, null, SignatureType.EOA, Clock.systemUTC()),
                versions, settings, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        gateway.close();
        server.close();
    }

    static OrderRequest request(Side side, String price, String size, OrderType type, String token) {
        return new OrderRequest(UUID.randomUUID().toString(), token, side, new BigDecimal(price), new BigDecimal(size),
                type, false, new BigDecimal("0.01"), OTHER_TOKEN.equals(token));
    }

    static OrderRequest gtc(Side side, String price, String size) {
        return request(side, price, size, OrderType.GTC, TOKEN);
    }

    @Test
    void restingOrderFillsArriveThroughTheListener() {
        OrderView placed = gateway.place(gtc(Side.BUY, "0.50", "10"));
        assertThat(placed.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(placed.orderId()).startsWith("0x");
        assertThat(gateway.openOrders()).extracting(OrderView::orderId).containsExactly(placed.orderId());

        venue.fill(placed.orderId(), new BigDecimal("4"));
        await().atMost(Duration.ofSeconds(10)).until(() -> fills.size() == 1);
        assertThat(fills.get(0)).satisfies(f -> {
            assertThat(f.orderId()).isEqualTo(placed.orderId());
            assertThat(f.side()).isEqualTo(Side.BUY);
            assertThat(f.size()).isEqualByComparingTo("4");
            assertThat(f.price()).isEqualByComparingTo("0.50");
        });
        assertThat(gateway.orders().get(0).status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);

        venue.fill(placed.orderId(), new BigDecimal("6"));
        await().atMost(Duration.ofSeconds(10)).until(() -> fills.size() == 2);
        assertThat(gateway.orders().get(0)).satisfies(v -> {
            assertThat(v.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(v.filled()).isEqualByComparingTo("10");
        });
        assertThat(gateway.openOrders()).isEmpty();
    }

    /**
     * The background lookup for lost answers must not run for an order whose POST is merely in
     * flight: it would ask /data/orders before the exchange has the order and /data/trades after
     * its first partial fill, and take "not open, has trades" for a completed match (FILLED while
     * 6 of 10 still rest). The proxy fixes that interleaving, which the poller hits only by chance.
     */
    @Test
    void aPollRacingThePlacementDoesNotReportAPartialFillAsFilled() throws Exception {
        try (GatedProxy proxy = new GatedProxy(server.uri())) {
            // Polls only when this test calls poll().
            ClobOrderGateway racing = gateway(proxy.uri(), Duration.ofSeconds(15), new ClobGatewaySettings(
                    Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofMinutes(1), true), 1);
            try {
                List<Fill> racingFills = new CopyOnWriteArrayList<>();
                racing.onFill(racingFills::add);
                GatedProxy.Gate post = proxy.hold("POST", "/order", q -> true);
                GatedProxy.Gate lookup = proxy.hold("GET", "/data/trades", q -> q.contains("asset_id="));
                CompletableFuture<OrderView> placing = CompletableFuture.supplyAsync(
                        () -> racing.place(gtc(Side.BUY, "0.50", "10")));
                await().atMost(Duration.ofSeconds(10)).until(post::arrived);
                CompletableFuture<Boolean> polling = CompletableFuture.supplyAsync(racing::poll);
                await().atMost(Duration.ofSeconds(10)).until(() -> lookup.arrived() || polling.isDone());

                post.open();
                OrderView placed = placing.get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(placed.status()).isEqualTo(OrderStatus.OPEN);
                venue.fill(placed.orderId(), new BigDecimal("4"));
                lookup.open();
                polling.get(10, java.util.concurrent.TimeUnit.SECONDS);
                racing.poll();

                assertThat(racingFills).singleElement().satisfies(f -> assertThat(f.size()).isEqualByComparingTo("4"));
                assertThat(racing.orders().get(0)).satisfies(v -> {
                    assertThat(v.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
                    assertThat(v.filled()).isEqualByComparingTo("4");
                });
                assertThat(racing.openOrders()).extracting(OrderView::orderId).containsExactly(placed.orderId());
            } finally {
                racing.close();
            }
        }
    }

    /**
     * A lost POST answer whose lookup finds the order only by its trades ("matched": the lookup
     * asked /data/orders before the delayed POST reached the exchange, /data/trades after a first
     * partial fill) must not report the resting order FILLED: it stays open, the trade poll adds
     * up its fills, and only the whole size filled makes it FILLED.
     */
    @Test
    void aLostAnswerFoundByAPartialFillIsPartiallyFilledUntilTheRestFills() throws Exception {
        try (GatedProxy proxy = new GatedProxy(server.uri())) {
            // Polls only when this test calls poll(); the POST held below times out after 3 s.
            ClobOrderGateway lost = gateway(proxy.uri(), Duration.ofSeconds(3), new ClobGatewaySettings(
                    Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofMinutes(1), true), 1);
            try {
                List<Fill> lostFills = new CopyOnWriteArrayList<>();
                lost.onFill(lostFills::add);
                GatedProxy.Gate post = proxy.hold("POST", "/order", q -> true);
                GatedProxy.Gate lookup = proxy.hold("GET", "/data/trades", q -> q.contains("asset_id="));
                CompletableFuture<OrderView> placing = CompletableFuture.supplyAsync(
                        () -> lost.place(gtc(Side.BUY, "0.50", "10")));
                await().atMost(Duration.ofSeconds(10)).until(post::arrived);
                String orderId = lost.orders().get(0).orderId();
                // The answer is lost; the lookup has found no open order and now asks for trades.
                await().atMost(Duration.ofSeconds(10)).until(lookup::arrived);
                post.open();
                await().atMost(Duration.ofSeconds(10)).until(() -> venue.order(orderId).isPresent());
                venue.fill(orderId, new BigDecimal("4"));
                lookup.open();

                OrderView placed = placing.get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(placed.orderId()).isEqualTo(orderId);
                assertThat(placed.status()).isEqualTo(OrderStatus.OPEN);
                assertThat(venue.ordersAccepted()).isEqualTo(1);

                lost.poll();
                assertThat(lost.orders().get(0)).satisfies(v -> {
                    assertThat(v.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
                    assertThat(v.filled()).isEqualByComparingTo("4");
                });
                assertThat(lost.openOrders()).extracting(OrderView::orderId).containsExactly(orderId);
                await().atMost(Duration.ofSeconds(10)).until(() -> lostFills.size() == 1);

                venue.fill(orderId, new BigDecimal("6"));
                lost.poll();
                assertThat(lost.orders().get(0)).satisfies(v -> {
                    assertThat(v.status()).isEqualTo(OrderStatus.FILLED);
                    assertThat(v.filled()).isEqualByComparingTo("10");
                });
                assertThat(lost.openOrders()).isEmpty();
                await().atMost(Duration.ofSeconds(10)).until(() -> lostFills.size() == 2);
                assertThat(lostFills).extracting(Fill::size).usingElementComparator(BigDecimal::compareTo)
                        .containsExactly(new BigDecimal("4"), new BigDecimal("6"));
            } finally {
                lost.close();
            }
        }
    }

    @Test
    void marketableOrdersFillAtOnceAndEachFillIsReportedOnce() {
        OrderView taker = gateway.place(gtc(Side.BUY, "0.55", "10"));
        assertThat(taker.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(taker.filled()).isEqualByComparingTo("10");
        await().atMost(Duration.ofSeconds(10)).until(() -> fills.size() == 1);

        OrderView fak = gateway.place(request(Side.SELL, "0.45", "10", OrderType.FAK, TOKEN));
        assertThat(fak.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(fak.filled()).isEqualByComparingTo("6");
        await().atMost(Duration.ofSeconds(10)).until(() -> fills.size() == 2);
        assertThat(fills.get(1).size()).isEqualByComparingTo("6");
        // Later polls must not report the same trades again.
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(fills).hasSize(2);
    }

    @Test
    void heartbeatsKeepRestingOrdersAliveAndTheirLossLetsTheExchangeCancel() {
        venue.heartbeatTimeout(Duration.ofMillis(2500));
        OrderView placed = gateway.place(gtc(Side.BUY, "0.50", "10"));
        // Several exchange timeouts pass: the heartbeats keep the order alive.
        await().during(Duration.ofMillis(3500)).atMost(Duration.ofSeconds(8))
                .until(() -> venue.order(placed.orderId()).map(ClobOrder::status).orElse("").equals("LIVE"));
        assertThat(gateway.healthy()).isTrue();

        venue.faults().failNext("POST", "/v1/heartbeats", 500, 1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.healthy());
        assertThat(gateway.healthReason()).contains("heartbeat");
        await().atMost(Duration.ofSeconds(10)).until(() -> venue.order(placed.orderId()).orElseThrow().status()
                .equals("CANCELED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.openOrders().isEmpty());
        assertThat(gateway.orders().get(0).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(venue.heartbeatExpiries()).isEqualTo(1);
    }

    @Test
    void anOrderTheExchangeDropsOnItsOwnIsReportedToTheOrderEndListenerOnce() {
        List<OrderView> ended = new CopyOnWriteArrayList<>();
        gateway.onOrderEnded(ended::add);
        OrderView placed = gateway.place(gtc(Side.BUY, "0.50", "10"));
        OrderView other = gateway.place(gtc(Side.BUY, "0.49", "5"));
        venue.fill(placed.orderId(), new BigDecimal("4"));
        await().atMost(Duration.ofSeconds(10)).until(() -> fills.size() == 1);
        // Our own cancel is answered to us, not reported as an end.
        assertThat(gateway.cancel(other.orderId()).status()).isEqualTo(OrderStatus.CANCELLED);

        // The dead-man switch fires once the gateway's heartbeat session has begun (its first beat may not
        // have gone out yet).
        venue.heartbeatTimeout(Duration.ofMillis(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            venue.sweep();
            return venue.order(placed.orderId()).orElseThrow().status().equals("CANCELED");
        });
        venue.heartbeatTimeout(Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> ended.size() == 1);
        assertThat(ended.get(0)).satisfies(v -> {
            assertThat(v.orderId()).isEqualTo(placed.orderId());
            assertThat(v.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(v.filled()).isEqualByComparingTo("4");
        });
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(ended).hasSize(1);
    }

    @Test
    void aHeartbeatSessionOnceBegunKeepsBeatingWhileNothingRestsSoAnOrderPlacedLaterIsNotCancelled() {
        venue.heartbeatTimeout(Duration.ofMillis(800));
        OrderView first = gateway.place(gtc(Side.BUY, "0.50", "10"));
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5))
                .until(() -> venue.order(first.orderId()).orElseThrow().status().equals("LIVE"));
        assertThat(gateway.cancel(first.orderId()).status()).isEqualTo(OrderStatus.CANCELLED);

        // Nothing rests for longer than the exchange's timeout: the session it times is still beaten.
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        venue.sweep();
        assertThat(venue.heartbeatExpiries()).as("the session lapsed while nothing rested").isZero();
        OrderView later = gateway.place(gtc(Side.BUY, "0.49", "5"));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> venue.order(later.orderId()).orElseThrow().status().equals("LIVE"));
        assertThat(venue.heartbeatExpiries()).isZero();
        assertThat(gateway.healthy()).isTrue();
    }

    @Test
    void geoblockRejectsAndMakesTheGatewayUnhealthyUntilOrdersGoThroughAgain() {
        venue.faults().geoblock(true);
        OrderView refused = gateway.place(gtc(Side.BUY, "0.50", "10"));
        assertThat(refused.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(refused.reason()).contains("geoblocked");
        assertThat(gateway.healthy()).isFalse();
        venue.faults().geoblock(false);
        assertThat(gateway.place(gtc(Side.BUY, "0.50", "10")).status()).isEqualTo(OrderStatus.OPEN);
        assertThat(gateway.healthy()).isTrue();
    }

    @Test
    void lostAnswerOfAPlacedOrderIsReconciledWithoutADuplicate() {
        venue.faults().answerLate("POST", "/order", Duration.ofSeconds(6), 1);
        OrderView placed = gateway.place(gtc(Side.BUY, "0.50", "10"));
        assertThat(placed.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(venue.ordersAccepted()).isEqualTo(1);
    }

    @Test
    void unknownOutcomeThrowsThenTheBackgroundReconcileSettlesIt() {
        venue.faults().dropNext("POST", "/order", Duration.ofSeconds(6), 2);
        OrderRequest request = gtc(Side.BUY, "0.50", "10");
        assertThatThrownBy(() -> gateway.place(request)).isInstanceOfSatisfying(OrderGatewayException.class,
                e -> assertThat(e.retryable()).isFalse());
        assertThat(gateway.openOrders()).singleElement()
                .satisfies(v -> assertThat(v.status()).isEqualTo(OrderStatus.PENDING));
        // Placing the same intent again must not send a second order.
        assertThat(gateway.place(request).status()).isEqualTo(OrderStatus.PENDING);
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.openOrders().isEmpty());
        assertThat(gateway.orders().get(0).status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(gateway.orders().get(0).reason()).contains("never reached the exchange");
        assertThat(venue.ordersAccepted()).isZero();
    }

    @Test
    void invalidRequestsAreRejectedBeforeSigningOrSending() {
        OrderView tooSmall = gateway.place(gtc(Side.BUY, "0.50", "4"));
        assertThat(tooSmall.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(tooSmall.reason()).contains("below the market minimum of 5");
        OrderView offRange = gateway.place(gtc(Side.SELL, "0.999", "10"));
        assertThat(offRange.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(offRange.reason()).contains("outside [0.01, 0.99]");
        assertThat(venue.ordersAccepted()).isZero();
    }

    @Test
    void exchangeRejectionsCarryTheirReason() {
        OrderRequest crossingPostOnly = new OrderRequest("c1", TOKEN, Side.BUY, new BigDecimal("0.56"),
                new BigDecimal("5"), OrderType.GTC, true, new BigDecimal("0.01"), false);
        OrderView v = gateway.place(crossingPostOnly);
        assertThat(v.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(v.reason()).startsWith("INVALID_POST_ONLY_ORDER");
        OrderView fok = gateway.place(request(Side.BUY, "0.56", "500", OrderType.FOK, TOKEN));
        assertThat(fok.reason()).startsWith("FOK_ORDER_NOT_FILLED_ERROR");
    }

    @Test
    void negRiskTokensAreSignedForTheNegRiskExchange() {
        OrderView v = gateway.place(request(Side.BUY, "0.30", "10", OrderType.GTC, OTHER_TOKEN));
        assertThat(v.status()).isEqualTo(OrderStatus.OPEN);
        // The request lies about neg-risk: the gateway trusts the CLOB's /neg-risk.
        OrderRequest lying = new OrderRequest("lie", OTHER_TOKEN, Side.BUY, new BigDecimal("0.31"), new BigDecimal("10"),
                OrderType.GTC, false, new BigDecimal("0.01"), false);
        assertThat(gateway.place(lying).status()).isEqualTo(OrderStatus.OPEN);
    }

    @Test
    void cancelsOneOrderOrEveryOrderOfATokenAndClosingCancelsTheRest() {
        OrderView a = gateway.place(gtc(Side.BUY, "0.40", "10"));
        OrderView b = gateway.place(gtc(Side.BUY, "0.41", "10"));
        OrderView c = gateway.place(request(Side.BUY, "0.20", "10", OrderType.GTD, OTHER_TOKEN));
        assertThat(c.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(gateway.cancel(a.orderId()).status()).isEqualTo(OrderStatus.CANCELLED);
        // Another process trading with the same key: cancelAll must leave its order alone.
        try (ClobOrderGateway other = gateway(ClobGatewaySettings.defaults(), 2)) {
            OrderView foreign = other.place(gtc(Side.BUY, "0.30", "10"));
            assertThat(gateway.cancelAll(List.of(TOKEN))).containsExactly(b.orderId());
            assertThat(venue.order(foreign.orderId()).orElseThrow().status()).isEqualTo("LIVE");
        }
        assertThat(gateway.openOrders()).extracting(OrderView::orderId).containsExactly(c.orderId());
        assertThatThrownBy(() -> gateway.cancel("0xnope")).isInstanceOf(IllegalArgumentException.class);
        gateway.close();
        assertThat(venue.order(c.orderId()).orElseThrow().status()).isEqualTo("CANCELED");
        assertThat(gateway.healthy()).isFalse();
    }

    @Test
    void protocolV2OrdersAreSignedForExchangeV3AndAWrongDomainIsRefused() {
        // Signed for CTF Exchange V2 (the old wiring): the venue's ExchangeV3 check refuses the signature.
        OrderView wrong = gateway.place(request(Side.BUY, "0.40", "10", OrderType.GTC, V2_TOKEN));
        assertThat(wrong.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(wrong.reason()).contains("invalid signature");

        try (ClobOrderGateway byGamma = gateway(new GammaExchangeVersions(
                token -> V2_TOKEN.equals(token) ? ExchangeVersion.EXCHANGE_V3 : ExchangeVersion.CTF_V2))) {
            OrderView v3 = byGamma.place(request(Side.BUY, "0.40", "10", OrderType.GTC, V2_TOKEN));
            OrderView v2 = byGamma.place(request(Side.BUY, "0.40", "10", OrderType.GTC, TOKEN));
            assertThat(v3.status()).isEqualTo(OrderStatus.OPEN);
            assertThat(v2.status()).isEqualTo(OrderStatus.OPEN);
            assertThat(venue.order(v3.orderId())).get().satisfies(o -> assertThat(o.status()).isEqualTo("LIVE"));
            assertThat(venue.order(v2.orderId())).get().satisfies(o -> assertThat(o.status()).isEqualTo("LIVE"));
        }
    }

    @Test
    void aTokenGammaCannotPlaceIsRejectedUnsignedAndAskedAgainNextTime() {
        AtomicBoolean gammaUp = new AtomicBoolean();
        AtomicInteger lookups = new AtomicInteger();
        GammaExchangeVersions versions = new GammaExchangeVersions(token -> {
            lookups.incrementAndGet();
            if (!gammaUp.get()) {
                throw new GammaException(GammaException.Kind.IO, 0, "GET /markets/keyset for token " + token
                        + ": ConnectException: Connection refused", null);
            }
            return ExchangeVersion.EXCHANGE_V3;
        });
        try (ClobOrderGateway byGamma = gateway(versions)) {
            long accepted = venue.ordersAccepted();
            for (int i = 0; i < 2; i++) {
                OrderView refused = byGamma.place(request(Side.BUY, "0.40", "10", OrderType.GTC, V2_TOKEN));
                assertThat(refused.status()).isEqualTo(OrderStatus.REJECTED);
                assertThat(refused.reason()).contains("token " + V2_TOKEN)
                        .contains("cannot tell which exchange settles its orders").contains("Connection refused");
            }
            assertThat(venue.ordersAccepted()).isEqualTo(accepted);
            assertThat(lookups).hasValue(2);

            gammaUp.set(true);
            assertThat(byGamma.place(request(Side.BUY, "0.40", "10", OrderType.GTC, V2_TOKEN)).status())
                    .isEqualTo(OrderStatus.OPEN);
            assertThat(byGamma.place(request(Side.BUY, "0.41", "10", OrderType.GTC, V2_TOKEN)).status())
                    .isEqualTo(OrderStatus.OPEN);
            assertThat(lookups).hasValue(3);
            assertThat(versions.known()).containsExactly(V2_TOKEN);
        }
    }

    @Test
    void whileHeartbeatsFailNewOrdersAreRefusedCancelsStillWorkAndRecoveryReconcilesWhatTheExchangeCancelled() {
        OrderView resting = gateway.place(request(Side.BUY, "0.40", "5", OrderType.GTC, TOKEN));
        OrderView other = gateway.place(request(Side.BUY, "0.41", "5", OrderType.GTC, TOKEN));
        assertThat(resting.status()).isEqualTo(OrderStatus.OPEN);
        await().atMost(Duration.ofSeconds(10)).until(() -> venue.heartbeatExpiries() == 0 && gateway.healthy());

        venue.faults().failNext("POST", "/v1/heartbeats", 500, 10_000);
        // One failure already makes the orders health DOWN; the second in a row closes the gate.
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.healthReason().contains("heartbeat unhealthy"));
        assertThat(gateway.healthy()).isFalse();
        long accepted = venue.ordersAccepted();
        OrderView refused = gateway.place(request(Side.BUY, "0.42", "5", OrderType.GTC, TOKEN));
        assertThat(refused.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(refused.reason()).contains("heartbeat unhealthy");
        assertThat(venue.ordersAccepted()).as("refused locally, never sent").isEqualTo(accepted);
        // Cancels are not gated.
        assertThat(gateway.cancel(other.orderId()).status()).isEqualTo(OrderStatus.CANCELLED);

        // The exchange's dead-man switch cancels what rested while we could not beat.
        venue.heartbeatTimeout(Duration.ofMillis(1));
        venue.sweep();
        assertThat(venue.order(resting.orderId()).orElseThrow().status()).isEqualTo("CANCELED");
        venue.heartbeatTimeout(Duration.ofSeconds(15));
        venue.faults().clear();

        // Heartbeats recover: the cancelled order is reconciled, not assumed resting, and orders flow again.
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.openOrders().isEmpty());
        assertThat(gateway.orders()).filteredOn(o -> o.orderId().equals(resting.orderId())).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED));
        await().atMost(Duration.ofSeconds(10)).until(gateway::healthy);
        assertThat(gateway.place(request(Side.BUY, "0.42", "5", OrderType.GTC, TOKEN)).status())
                .isEqualTo(OrderStatus.OPEN);
    }
}
