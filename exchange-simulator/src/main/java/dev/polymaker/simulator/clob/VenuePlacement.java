package dev.polymaker.simulator.clob;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /order} and {@code POST /orders} of the simulated CLOB (protocol §5): the order's
 * signature in its market's exchange domain, tick, minimum size, expiry and type rules, then
 * matching against {@link Liquidity}; what is left rests (GTC/GTD) or is cancelled (FOK/FAK).
 */
final class VenuePlacement {

    private static final Logger log = LoggerFactory.getLogger(ClobVenue.class);
    private static final BigDecimal ONE_MILLION = BigDecimal.valueOf(1_000_000);
    private static final long GTD_THRESHOLD_SECONDS = 60;
    private static final int MAX_BATCH = 15;

    private final VenueState state;
    private final VenueJson json;
    private final long chainId;
    private final IntSupplier orderVersion;

    VenuePlacement(VenueState state, VenueJson json, long chainId, IntSupplier orderVersion) {
        this.state = state;
        this.json = json;
        this.chainId = chainId;
        this.orderVersion = orderVersion;
    }

    ClobResponse postOrders(ClobCredential cred, JsonNode body) {
        if (!body.isArray() || body.isEmpty() || body.size() > MAX_BATCH) {
            return json.error(400, "a batch holds 1 to " + MAX_BATCH + " orders");
        }
        ArrayNode out = json.array();
        for (JsonNode post : body) {
            try {
                out.add(place(cred, post));
            } catch (ClobRefusal e) {
                out.add(json.object().put("success", false).put("errorMsg", e.getMessage())
                        .put("orderID", "").put("status", ""));
            }
        }
        return json.ok(out);
    }

    ClobResponse postOrder(ClobCredential cred, JsonNode body) {
        return json.ok(place(cred, body));
    }

    private ObjectNode place(ClobCredential cred, JsonNode body) {
        JsonNode orderNode = body.path("order");
        if (!orderNode.isObject()) {
            throw new ClobRefusal(400, "Invalid order payload: no order object");
        }
        if (!cred.apiKey().equals(body.path("owner").asString(""))) {
            throw new ClobRefusal(400, "the order owner has to be the owner of the API KEY");
        }
        int version = orderVersion.getAsInt();
        if (version != 2 || WireOrder.looksV1(orderNode)) {
            throw new ClobRefusal(400, "order_version_mismatch: the server expects order version " + version);
        }
        WireOrder o;
        try {
            o = WireOrder.parse(orderNode);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ClobRefusal(400, "Invalid order payload: " + e.getMessage());
        }
        String type = body.path("orderType").asString("GTC").toUpperCase(Locale.ROOT);
        if (!List.of("GTC", "GTD", "FOK", "FAK").contains(type)) {
            throw new ClobRefusal(400, "Invalid order payload: unknown orderType " + type);
        }
        boolean postOnly = body.path("postOnly").asBoolean(false);
        ClobMarket market = state.market(o.tokenId().toString());
        String id = verifiedId(cred, o, market);

        if (postOnly && (type.equals("FOK") || type.equals("FAK"))) {
            throw new ClobRefusal(400, "INVALID_POST_ONLY_ORDER_TYPE: postOnly is only for GTC and GTD orders");
        }
        if (o.makerAmount().signum() <= 0 || o.takerAmount().signum() <= 0) {
            throw new ClobRefusal(400, "INVALID_ORDER_ERROR: amounts must be positive");
        }
        boolean buy = o.side().equals("BUY");
        BigDecimal maker = new BigDecimal(o.makerAmount()).divide(ONE_MILLION);
        BigDecimal taker = new BigDecimal(o.takerAmount()).divide(ONE_MILLION);
        BigDecimal size = buy ? taker : maker;
        BigDecimal usdc = buy ? maker : taker;
        boolean immediate = type.equals("FOK") || type.equals("FAK");
        BigDecimal price = price(market, size, usdc, immediate);
        long nowSeconds = state.clock.millis() / 1000;
        if (type.equals("GTD") && o.expiration() <= nowSeconds + GTD_THRESHOLD_SECONDS) {
            throw new ClobRefusal(400, "INVALID_ORDER_EXPIRATION: GTD expiration must be more than "
                    + GTD_THRESHOLD_SECONDS + " s ahead");
        }
        return match(cred, o, market, id, type, postOnly, size, price, nowSeconds);
    }

    /** The EIP-712 digest in THIS market's exchange domain must recover to the signer; the digest is the order id. */
    private String verifiedId(ClobCredential cred, WireOrder o, ClobMarket market) {
        byte[] digest = TypedDataVerifier.orderDigest(o, market.exchangeVersion(), market.verifyingContract(), chainId);
        String recovered = TypedDataVerifier.recover(digest, o.signature());
        String expectedSigner = o.signatureType() == 3 ? cred.address() : o.signer();
        if (recovered == null || !recovered.equalsIgnoreCase(expectedSigner)) {
            throw new ClobRefusal(400, "invalid signature");
        }
        if (o.signatureType() != 3 && !o.signer().equalsIgnoreCase(cred.address())) {
            throw new ClobRefusal(400, "the order signer address has to be the address of the API KEY");
        }
        if (o.signatureType() == 0 && !o.maker().equalsIgnoreCase(o.signer())) {
            throw new ClobRefusal(400, "INVALID_ORDER_ERROR: EOA orders need maker = signer");
        }
        return Numeric.toHexString(digest).toLowerCase(Locale.ROOT);
    }

    /** The limit price the amounts imply, checked against the market's tick and minimum size. */
    private static BigDecimal price(ClobMarket market, BigDecimal size, BigDecimal usdc, boolean immediate) {
        BigDecimal tick = market.tickSize();
        BigDecimal price;
        if (immediate) {
            // Market orders' amounts come from amount/price with rounding: their implied price is
            // the worst price, to the tick's decimals.
            price = usdc.divide(size, MathContext.DECIMAL64).setScale(Math.max(0, tick.stripTrailingZeros().scale()),
                    RoundingMode.HALF_UP);
        } else {
            price = usdc.divide(size, 18, RoundingMode.HALF_UP).stripTrailingZeros();
            if (price.remainder(tick).signum() != 0) {
                throw new ClobRefusal(400, "INVALID_ORDER_MIN_TICK_SIZE: price " + price.toPlainString()
                        + " is not a multiple of the tick " + tick.toPlainString());
            }
            if (size.compareTo(market.minOrderSize()) < 0) {
                throw new ClobRefusal(400, "INVALID_ORDER_MIN_SIZE: size " + size.toPlainString()
                        + " is below the minimum " + market.minOrderSize().toPlainString());
            }
        }
        if (price.compareTo(tick) < 0 || price.compareTo(BigDecimal.ONE.subtract(tick)) > 0) {
            throw new ClobRefusal(400, "INVALID_ORDER_MIN_TICK_SIZE: price " + price.toPlainString()
                    + " is outside [" + tick.toPlainString() + ", " + BigDecimal.ONE.subtract(tick).toPlainString() + "]");
        }
        return price;
    }

    private ObjectNode match(ClobCredential cred, WireOrder o, ClobMarket market, String id, String type,
                             boolean postOnly, BigDecimal size, BigDecimal price, long nowSeconds) {
        boolean buy = o.side().equals("BUY");
        boolean immediate = type.equals("FOK") || type.equals("FAK");
        synchronized (state.lock) {
            if (!state.seenOrderIds.add(id)) {
                throw new ClobRefusal(400, "INVALID_ORDER_DUPLICATED: order " + id + " was already placed");
            }
            BigDecimal available = state.liquidity.available(market.tokenId(), o.side(), price);
            if (postOnly && available.signum() > 0) {
                state.seenOrderIds.remove(id);
                throw new ClobRefusal(400, "INVALID_POST_ONLY_ORDER: the order would cross the book");
            }
            if (type.equals("FOK") && available.compareTo(size) < 0) {
                state.seenOrderIds.remove(id);
                throw new ClobRefusal(400, "FOK_ORDER_NOT_FILLED_ERROR: order couldn't be fully filled, "
                        + available.toPlainString() + " of " + size.toPlainString() + " available");
            }
            VenueOrder order = new VenueOrder(id, cred.apiKey(), o.maker(), market, o.side(), price, size, type,
                    nowSeconds, o.expiration());
            state.orders.put(id, order);
            state.ordersAccepted++;
            BigDecimal making = BigDecimal.ZERO;
            BigDecimal taking = BigDecimal.ZERO;
            for (Liquidity.Taken t : state.liquidity.take(market.tokenId(), o.side(), price, size)) {
                state.takerFill(order, t);
                making = making.add(buy ? t.size().multiply(t.price()) : t.size());
                taking = taking.add(buy ? t.size() : t.size().multiply(t.price()));
            }
            if (order.remaining().signum() == 0) {
                order.status = "MATCHED";
            } else if (immediate) {
                order.status = "CANCELED";
                order.cancelReason = type + " remainder";
            }
            String status = order.live() ? "live" : order.matched.signum() > 0 ? "matched" : "unmatched";
            log.info("order {} {} {} {} @ {} from {}: {}", id, type, o.side(), size.toPlainString(),
                    price.toPlainString(), cred.apiKey(), status);
            ObjectNode r = json.object();
            r.put("success", true);
            r.put("errorMsg", "");
            r.put("orderID", id);
            r.put("takingAmount", taking.signum() == 0 ? "" : VenueJson.plain(taking));
            r.put("makingAmount", making.signum() == 0 ? "" : VenueJson.plain(making));
            r.put("status", status);
            r.putArray("transactionsHashes");
            ArrayNode tradeIds = r.putArray("tradeIDs");
            order.tradeIds.forEach(tradeIds::add);
            return r;
        }
    }
}
