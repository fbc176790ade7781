package dev.polymaker.polymarket.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.polymaker.simulator.clob.ClobCredential;
import dev.polymaker.simulator.clob.ClobHttpServer;
import dev.polymaker.simulator.clob.ClobMarket;
import dev.polymaker.simulator.clob.ClobOrder;
import dev.polymaker.simulator.clob.ClobVenue;
import dev.polymaker.simulator.clob.LadderLiquidity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ClobClient against the simulated CLOB over real HTTP: auth, signatures, matching, faults. */
class ClobClientSimulatorTest {

    static final WalletKey KEY = WalletKey.fromHex("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    static final String TOKEN = "1001";
    static final String NEG_RISK_TOKEN = "2002";
    static final String V3_TOKEN = "3003";
    static final ApiCredentials CREDS = new ApiCredentials("11111111-2222-3333-4444-555555555555",
            "c2ltdWxhdGVkLWNsb2Itc2VjcmV0LWZvci10ZXN0cw==", "test-passphrase");
    static final MarketRules RULES = new MarketRules(TickSize.HUNDREDTH, new BigDecimal("5"), false, ExchangeVersion.CTF_V2);
    static final MarketRules NEG_RISK_RULES = new MarketRules(TickSize.HUNDREDTH, new BigDecimal("5"), true,
            ExchangeVersion.CTF_V2);
    static final MarketRules V3_RULES = new MarketRules(TickSize.THOUSANDTH, new BigDecimal("5"), false,
            ExchangeVersion.EXCHANGE_V3);

    LadderLiquidity book;
    ClobVenue venue;
    ClobHttpServer server;
    ClobClient client;
    OrderBuilder builder;
    final AtomicLong salts = new AtomicLong(1000);

    @BeforeEach
    void start() throws Exception {
        book = new LadderLiquidity();
        book.setLevel(TOKEN, "SELL", new BigDecimal("0.55"), new BigDecimal("10"));
        book.setLevel(TOKEN, "SELL", new BigDecimal("0.56"), new BigDecimal("100"));
        book.setLevel(TOKEN, "BUY", new BigDecimal("0.45"), new BigDecimal("100"));
        venue = new ClobVenue(book, Clock.systemUTC(), Duration.ofSeconds(15));
        venue.listMarket(ClobMarket.ctf(TOKEN, "0xc0ffee01", "0.01", "5", false));
        venue.listMarket(ClobMarket.ctf(NEG_RISK_TOKEN, "0xc0ffee02", "0.01", "5", true));
        venue.listMarket(new ClobMarket(V3_TOKEN, "0xc0ffee03", new BigDecimal("0.001"), new BigDecimal("5"), false, "3"));
        venue.registerCredentials(new ClobCredential(KEY.address(), CREDS.apiKey(), CREDS.secret(), CREDS.passphrase()));
        server = ClobHttpServer.start(venue, "127.0.0.1", 0);
        client = client(CREDS);
        builder = new OrderBuilder(KEY, null, SignatureType.EOA, Clock.systemUTC(), salts::incrementAndGet);
    }

    ClobClient client(ApiCredentials creds) {
        ClobClientConfig config = ClobClientConfig.defaults(server.uri())
                .withRequestTimeout(Duration.ofMillis(2000))
                .withRetries(4, Duration.ofMillis(10), Duration.ofMillis(50));
        return new ClobClient(config, KEY, creds, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    OrderPost gtcBuy(String price, String size) {
        return builder.limit(TOKEN, OrderSide.BUY, new BigDecimal(price), new BigDecimal(size), RULES,
                ClobOrderType.GTC, false, 0);
    }

    @Test
    void placesListsAndCancelsAnOrder() {
        OrderPost post = gtcBuy("0.50", "10");
        OrderPlacement placed = client.post(post);
        assertThat(placed.success()).isTrue();
        assertThat(placed.status()).isEqualTo("live");
        assertThat(placed.orderId()).isEqualTo(post.order().orderId());

        List<OpenOrder> open = client.openOrders(null, null, TOKEN);
        assertThat(open).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo(placed.orderId());
            assertThat(o.side()).isEqualTo(OrderSide.BUY);
            assertThat(o.price()).isEqualByComparingTo("0.50");
            assertThat(o.originalSize()).isEqualByComparingTo("10");
            assertThat(o.makerAddress()).isEqualToIgnoringCase(KEY.address());
        });

        CancelResult cancel = client.cancel(placed.orderId());
        assertThat(cancel.canceled()).containsExactly(placed.orderId());
        assertThat(client.openOrders(null, null, null)).isEmpty();
        assertThat(venue.order(placed.orderId())).get().extracting(ClobOrder::status).isEqualTo("CANCELED");
        assertThat(client.cancel(placed.orderId()).notCanceled()).containsKey(placed.orderId());
    }

    @Test
    void marketableOrderTakesTheBookAndTheFillsShowInTrades() {
        OrderPlacement placed = client.post(gtcBuy("0.56", "15"));
        assertThat(placed.status()).isEqualTo("matched");
        assertThat(placed.tradeIds()).hasSize(2);
        List<Trade> trades = client.trades(null, TOKEN, null);
        assertThat(trades).extracting(Trade::price).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("0.55"), new BigDecimal("0.56"));
        assertThat(trades).extracting(Trade::size).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("10"), new BigDecimal("5"));
        assertThat(trades).allSatisfy(t -> {
            assertThat(t.takerOrderId()).isEqualTo(placed.orderId());
            assertThat(t.traderSide()).isEqualTo("TAKER");
        });
    }

    @Test
    void restingOrderFillsWhenTheMarketTradesThroughIt() {
        OrderPlacement placed = client.post(builder.limit(TOKEN, OrderSide.SELL, new BigDecimal("0.60"),
                new BigDecimal("8"), RULES, ClobOrderType.GTC, false, 0));
        assertThat(placed.status()).isEqualTo("live");
        venue.marketTraded(TOKEN, new BigDecimal("0.59"));
        assertThat(client.openOrders(null, null, null)).singleElement();
        venue.marketTraded(TOKEN, new BigDecimal("0.62"));
        assertThat(client.openOrders(null, null, null)).isEmpty();
        Trade t = client.trades(null, TOKEN, null).get(0);
        assertThat(t.traderSide()).isEqualTo("MAKER");
        assertThat(t.makerOrders()).singleElement().satisfies(m -> {
            assertThat(m.orderId()).isEqualTo(placed.orderId());
            assertThat(m.matchedAmount()).isEqualByComparingTo("8");
            assertThat(m.price()).isEqualByComparingTo("0.60");
            assertThat(m.side()).isEqualTo(OrderSide.SELL);
        });
    }

    @Test
    void marketOrdersFillOrKillAndFillAndKill() {
        // 50 USDC at no more than 0.56 buys 89.2857 shares: 10 at 0.55, the rest at 0.56.
        OrderPost fok = builder.market(TOKEN, OrderSide.BUY, new BigDecimal("50"), new BigDecimal("0.56"), RULES,
                ClobOrderType.FOK);
        assertThat(client.post(fok).status()).isEqualTo("matched");
        assertThat(client.trades(null, TOKEN, null)).extracting(Trade::size).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("10"), new BigDecimal("79.2857"));

        OrderPost tooBig = builder.market(TOKEN, OrderSide.BUY, new BigDecimal("1000"), new BigDecimal("0.56"), RULES,
                ClobOrderType.FOK);
        assertThatThrownBy(() -> client.post(tooBig)).isInstanceOfSatisfying(ClobException.Rejected.class,
                e -> assertThat(e.code()).isEqualTo(ClobErrorCode.FOK_ORDER_NOT_FILLED_ERROR));

        OrderPost fak = builder.market(TOKEN, OrderSide.SELL, new BigDecimal("150"), new BigDecimal("0.45"), RULES,
                ClobOrderType.FAK);
        OrderPlacement partial = client.post(fak);
        assertThat(partial.status()).isEqualTo("matched");
        assertThat(partial.makingAmount()).isEqualByComparingTo("100");
        assertThat(client.openOrders(null, null, null)).isEmpty();
    }

    @Test
    void postOnlyOrderThatWouldCrossIsRejected() {
        OrderPost crossing = builder.limit(TOKEN, OrderSide.BUY, new BigDecimal("0.55"), new BigDecimal("5"), RULES,
                ClobOrderType.GTC, true, 0);
        assertThatThrownBy(() -> client.post(crossing)).isInstanceOfSatisfying(ClobException.Rejected.class,
                e -> assertThat(e.code()).isEqualTo(ClobErrorCode.INVALID_POST_ONLY_ORDER));
        OrderPost resting = builder.limit(TOKEN, OrderSide.BUY, new BigDecimal("0.54"), new BigDecimal("5"), RULES,
                ClobOrderType.GTD, true, System.currentTimeMillis() / 1000 + 3600);
        assertThat(client.post(resting).status()).isEqualTo("live");
    }

    @Test
    void wrongSecretIsRefusedWith401() {
        ApiCredentials wrong = new ApiCredentials(CREDS.apiKey(), "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldA==",
                CREDS.passphrase());
        try (ClobClient bad = client(wrong)) {
            assertThatThrownBy(() -> bad.post(gtcBuy("0.50", "10")))
                    .isInstanceOfSatisfying(ClobException.Unauthorized.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.getMessage()).doesNotContain(wrong.secret()).doesNotContain(CREDS.passphrase());
                    });
            assertThatThrownBy(() -> bad.openOrders(null, null, null)).isInstanceOf(ClobException.Unauthorized.class);
        }
        assertThat(venue.ordersAccepted()).isZero();
        assertThat(venue.rejections()).isEqualTo(2);
    }

    @Test
    void orderSignedForTheWrongExchangeIsRefusedAsInvalidSignature() {
        // The token is neg-risk, but this order is signed for the standard exchange's domain.
        OrderPost wrongDomain = builder.limit(NEG_RISK_TOKEN, OrderSide.BUY, new BigDecimal("0.40"),
                new BigDecimal("10"), RULES, ClobOrderType.GTC, false, 0);
        assertThatThrownBy(() -> client.post(wrongDomain)).isInstanceOfSatisfying(ClobException.Rejected.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo(ClobErrorCode.INVALID_SIGNATURE);
        });
        OrderPost rightDomain = builder.limit(NEG_RISK_TOKEN, OrderSide.BUY, new BigDecimal("0.40"),
                new BigDecimal("10"), NEG_RISK_RULES, ClobOrderType.GTC, false, 0);
        assertThat(client.post(rightDomain).status()).isEqualTo("live");

        OrderPost v2OnV3 = builder.limit(V3_TOKEN, OrderSide.BUY, new BigDecimal("0.401"), new BigDecimal("10"),
                new MarketRules(TickSize.THOUSANDTH, null, false, ExchangeVersion.CTF_V2), ClobOrderType.GTC, false, 0);
        assertThatThrownBy(() -> client.post(v2OnV3)).isInstanceOfSatisfying(ClobException.Rejected.class,
                e -> assertThat(e.code()).isEqualTo(ClobErrorCode.INVALID_SIGNATURE));
        assertThat(client.post(builder.limit(V3_TOKEN, OrderSide.BUY, new BigDecimal("0.401"), new BigDecimal("10"),
                V3_RULES, ClobOrderType.GTC, false, 0)).status()).isEqualTo("live");
    }

    @Test
    void simulatorEnforcesTickAndMinimumSizeOnOrdersThatBypassClientChecks() {
        OrderSigner signer = new OrderSigner(KEY);
        // 5 USDC for 9 shares: price 0.5555… is off the 0.01 tick.
        OrderStruct offTick = new OrderStruct(BigInteger.valueOf(7), KEY.address(), KEY.address(), TOKEN,
                BigInteger.valueOf(5_000_000), BigInteger.valueOf(9_000_000), OrderSide.BUY, SignatureType.EOA,
                System.currentTimeMillis(), OrderStruct.ZERO_BYTES32, OrderStruct.ZERO_BYTES32);
        assertThatThrownBy(() -> client.post(new OrderPost(signer.sign(offTick, RULES.domain(), 0), ClobOrderType.GTC,
                false))).isInstanceOfSatisfying(ClobException.Rejected.class,
                e -> assertThat(e.code()).isEqualTo(ClobErrorCode.INVALID_ORDER_MIN_TICK_SIZE));
        OrderStruct tiny = new OrderStruct(BigInteger.valueOf(8), KEY.address(), KEY.address(), TOKEN,
                BigInteger.valueOf(2_000_000), BigInteger.valueOf(4_000_000), OrderSide.BUY, SignatureType.EOA,
                System.currentTimeMillis(), OrderStruct.ZERO_BYTES32, OrderStruct.ZERO_BYTES32);
        assertThatThrownBy(() -> client.post(new OrderPost(signer.sign(tiny, RULES.domain(), 0), ClobOrderType.GTC,
                false))).isInstanceOfSatisfying(ClobException.Rejected.class,
                e -> assertThat(e.code()).isEqualTo(ClobErrorCode.INVALID_ORDER_MIN_SIZE));
    }

    @Test
    void engineRestart425IsRetriedUntilTheOrderIsAccepted() {
        venue.faults().failNext("POST", "/order", 425, 2);
        OrderPlacement placed = client.post(gtcBuy("0.50", "10"));
        assertThat(placed.status()).isEqualTo("live");
        assertThat(placed.reconciled()).isFalse();
        assertThat(venue.ordersAccepted()).isEqualTo(1);
    }

    @Test
    void rateLimit429IsRetriedAndPersistent425GivesUp() {
        venue.faults().failNext("GET", "/data/orders", 429, 1);
        assertThat(client.openOrders(null, null, null)).isEmpty();
        venue.faults().failNext("POST", "/order", 425, 4);
        assertThatThrownBy(() -> client.post(gtcBuy("0.50", "10")))
                .isInstanceOfSatisfying(ClobException.NotReady.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(venue.ordersAccepted()).isZero();
    }

    @Test
    void timedOutPostThatWasPlacedIsReconciledWithoutADuplicate() {
        venue.faults().answerLate("POST", "/order", Duration.ofSeconds(6), 1);
        OrderPost post = gtcBuy("0.50", "10");
        OrderPlacement placed = client.post(post);
        assertThat(placed.reconciled()).isTrue();
        assertThat(placed.orderId()).isEqualTo(post.order().orderId());
        assertThat(placed.status()).isEqualTo("live");
        assertThat(venue.ordersAccepted()).isEqualTo(1);
        assertThat(client.openOrders(null, null, null)).hasSize(1);
    }

    @Test
    void lostAnswerWhoseLookupFailsStaysUnknownAndIsNotResent() {
        venue.faults().answerLate("POST", "/order", Duration.ofSeconds(6), 1);
        venue.faults().failNext("GET", "/data/orders", 500, 1);
        assertThatThrownBy(() -> client.post(gtcBuy("0.50", "10")))
                .isInstanceOfSatisfying(ClobException.UnknownOutcome.class,
                        e -> assertThat(e.getMessage()).contains("may be live").contains("looking it up failed"));
        assertThat(venue.ordersAccepted()).isEqualTo(1);
    }

    @Test
    void timedOutMarketablePostIsFoundInTrades() {
        venue.faults().answerLate("POST", "/order", Duration.ofSeconds(6), 1);
        OrderPlacement placed = client.post(gtcBuy("0.55", "10"));
        assertThat(placed.reconciled()).isTrue();
        assertThat(placed.status()).isEqualTo("matched");
        assertThat(placed.tradeIds()).hasSize(1);
        assertThat(venue.ordersAccepted()).isEqualTo(1);
    }

    @Test
    void timedOutPostThatNeverArrivedIsResentOnce() {
        venue.faults().dropNext("POST", "/order", Duration.ofSeconds(6), 1);
        OrderPlacement placed = client.post(gtcBuy("0.50", "10"));
        assertThat(placed.reconciled()).isFalse();
        assertThat(placed.status()).isEqualTo("live");
        assertThat(venue.ordersAccepted()).isEqualTo(1);
    }

    @Test
    void resendingTheSameSignedOrderIsRefusedAsDuplicateAndReconciled() {
        OrderPost post = gtcBuy("0.50", "10");
        client.post(post);
        OrderPlacement again = client.post(post);
        assertThat(again.reconciled()).isTrue();
        assertThat(venue.ordersAccepted()).isEqualTo(1);
    }

    @Test
    void geoblockedHtml403IsItsOwnErrorType() {
        venue.faults().geoblock(true);
        assertThatThrownBy(() -> client.post(gtcBuy("0.50", "10")))
                .isInstanceOfSatisfying(ClobException.Geoblocked.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).doesNotContain("<html");
                });
        venue.faults().geoblock(false);
        assertThat(client.version()).isEqualTo(2);
    }

    @Test
    void orderVersionMismatchRereadsTheVersionAndSaysWhat() {
        venue.orderVersion(3);
        assertThatThrownBy(() -> client.post(gtcBuy("0.50", "10")))
                .isInstanceOfSatisfying(ClobException.Rejected.class, e -> {
                    assertThat(e.code()).isEqualTo(ClobErrorCode.ORDER_VERSION_MISMATCH);
                    assertThat(e.getMessage()).contains("now expects order version 3");
                });
    }

    @Test
    void heartbeatLossMakesTheExchangeCancelEverything() {
        venue.heartbeatTimeout(Duration.ofMillis(1500));
        String id = client.heartbeat(null);
        assertThat(id).isNotBlank();
        String next = client.heartbeat(id);
        assertThat(next).isNotEqualTo(id);
        OrderPlacement placed = client.post(gtcBuy("0.50", "10"));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.openOrders(null, null, null).isEmpty());
        assertThat(venue.order(placed.orderId())).get().satisfies(o -> {
            assertThat(o.status()).isEqualTo("CANCELED");
            assertThat(o.cancelReason()).isEqualTo("heartbeat expired");
        });
        assertThat(venue.heartbeatExpiries()).isEqualTo(1);
        // After expiry the old id is refused; a fresh session starts with an empty id.
        assertThatThrownBy(() -> client.heartbeat(next)).isInstanceOf(ClobException.Rejected.class);
        assertThat(client.heartbeat("")).isNotBlank();
    }

    @Test
    void staleHeartbeatIdIsReplacedByTheOneTheExchangeReturns() {
        String first = client.heartbeat("");
        String second = client.heartbeat(first);
        String third = client.heartbeat(first); // stale: the exchange answers 400 with `second`
        assertThat(third).isNotEqualTo(second).isNotBlank();
    }

    @Test
    void paginatesOrdersAndCancelsInBulk() {
        venue.pageSize(2);
        for (int i = 0; i < 5; i++) {
            client.post(gtcBuy("0.4" + i, "10"));
        }
        List<OpenOrder> open = client.openOrders(null, null, null);
        assertThat(open).hasSize(5);
        CancelResult two = client.cancel(List.of(open.get(0).id(), open.get(1).id()));
        assertThat(two.canceled()).hasSize(2);
        assertThat(client.cancelMarket("0xc0ffee01", null).canceled()).hasSize(3);
        client.post(gtcBuy("0.30", "10"));
        assertThat(client.cancelAll().canceled()).hasSize(1);
        assertThat(client.openOrders(null, null, null)).isEmpty();
    }

    @Test
    void batchPostReportsEachOrder() {
        List<OrderPlacement> placed = client.postBatch(List.of(gtcBuy("0.40", "10"), gtcBuy("0.41", "10"),
                builder.limit(TOKEN, OrderSide.BUY, new BigDecimal("0.55"), new BigDecimal("5"), RULES,
                        ClobOrderType.GTC, true, 0)));
        assertThat(placed).extracting(OrderPlacement::success).containsExactly(true, true, false);
        assertThat(ClobErrorCode.parse(placed.get(2).errorMsg())).isEqualTo(ClobErrorCode.INVALID_POST_ONLY_ORDER);
        assertThatThrownBy(() -> client.postBatch(List.of())).isInstanceOf(InvalidOrderException.class);
    }

    @Test
    void publicMarketInfoAndL1ApiKeys() {
        assertThat(client.version()).isEqualTo(2);
        assertThat(client.negRisk(NEG_RISK_TOKEN)).isTrue();
        assertThat(client.negRisk(TOKEN)).isFalse();
        assertThat(client.tickSize(V3_TOKEN)).isEqualTo(TickSize.THOUSANDTH);

        ApiCredentials created = client.createApiKey(0);
        assertThat(client.deriveApiKey(0)).isEqualTo(created);
        assertThatThrownBy(() -> client.createApiKey(0)).isInstanceOf(ClobException.Rejected.class)
                .hasMessageContaining("NONCE_ALREADY_USED");
        try (ClobClient derived = client(created)) {
            assertThat(derived.post(gtcBuy("0.50", "10")).status()).isEqualTo("live");
            assertThat(derived.openOrders(null, null, null)).hasSize(1);
        }
        assertThat(client.openOrders(null, null, null)).isEmpty();
    }

    @Test
    void reconcileFindsNothingForAnOrderNeverSent() {
        assertThat(client.reconcile(gtcBuy("0.50", "10").order())).isEqualTo(Optional.empty());
    }
}
