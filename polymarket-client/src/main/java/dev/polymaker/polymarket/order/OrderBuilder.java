package dev.polymaker.polymarket.order;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Turns a trading intent into a signed V2/V3 order: validates and rounds the amounts for the
 * market's tick, fills in maker (the funder), signer, salt and timestamp, and signs for the
 * market's exchange domain. Invalid input fails here, before anything is signed.
 */
public final class OrderBuilder {

    /** The CLOB refuses GTD orders expiring within a minute ("security threshold"). */
    public static final long GTD_THRESHOLD_SECONDS = 60;

    private final WalletKey key;
    private final OrderSigner signer;
    private final String funder;
    private final SignatureType signatureType;
    private final Clock clock;
    private final LongSupplier salts;

    /**
     * @param funder the address holding the funds (the proxy or Safe for types 1 and 2); for EOA it
     *               must be the key's own address, and null means exactly that
     */
    public OrderBuilder(WalletKey key, String funder, SignatureType signatureType, Clock clock, LongSupplier salts) {
        this.key = Objects.requireNonNull(key, "key");
        this.signer = new OrderSigner(key);
        this.signatureType = Objects.requireNonNull(signatureType, "signatureType");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.salts = Objects.requireNonNull(salts, "salts");
        if (funder == null || funder.isBlank()) {
            if (signatureType != SignatureType.EOA) {
                throw new IllegalArgumentException("signature type " + signatureType + " needs a funder address");
            }
            funder = key.address();
        }
        if (signatureType == SignatureType.EOA && !funder.equalsIgnoreCase(key.address())) {
            throw new IllegalArgumentException("signature type EOA: funder " + funder
                    + " must be the signing key's address " + key.address());
        }
        this.funder = funder;
    }

    public OrderBuilder(WalletKey key, String funder, SignatureType signatureType, Clock clock) {
        this(key, funder, signatureType, clock, defaultSalts());
    }

    /**
     * Salts travel as a JSON number, so they stay below 2^53 to survive any parser that reads
     * numbers as doubles (the official SDK's salts are of that size too).
     */
    static LongSupplier defaultSalts() {
        SecureRandom random = new SecureRandom();
        return () -> random.nextLong() & ((1L << 53) - 1);
    }

    /** A GTC or GTD order of {@code size} shares at {@code price}; {@code expiration} in unix seconds (GTD only). */
    public OrderPost limit(String tokenId, OrderSide side, BigDecimal price, BigDecimal size, MarketRules market,
                           ClobOrderType type, boolean postOnly, long expiration) {
        if (type.immediate()) {
            throw new InvalidOrderException(type + " is a market order type: use market()");
        }
        long now = clock.millis();
        if (type == ClobOrderType.GTD) {
            if (expiration <= now / 1000 + GTD_THRESHOLD_SECONDS) {
                throw new InvalidOrderException("GTD expiration " + expiration + " must be more than "
                        + GTD_THRESHOLD_SECONDS + " s after now (" + now / 1000 + ")");
            }
        } else if (expiration != 0) {
            throw new InvalidOrderException("expiration is only for GTD orders");
        }
        OrderAmounts amounts = OrderAmounts.limit(side, price, size, market.tickSize(), market.minOrderSize());
        return new OrderPost(sign(tokenId, amounts, market, now, expiration), type, postOnly);
    }

    /**
     * A FOK or FAK order: a BUY spends {@code amount} USDC, a SELL sells {@code amount} shares, at
     * no worse than {@code worstPrice}.
     */
    public OrderPost market(String tokenId, OrderSide side, BigDecimal amount, BigDecimal worstPrice,
                            MarketRules market, ClobOrderType type) {
        if (!type.immediate()) {
            throw new InvalidOrderException(type + " is a resting order type: use limit()");
        }
        OrderAmounts amounts = OrderAmounts.market(side, amount, worstPrice, market.tickSize());
        return new OrderPost(sign(tokenId, amounts, market, clock.millis(), 0), type, false);
    }

    private SignedOrder sign(String tokenId, OrderAmounts amounts, MarketRules market, long nowMillis,
                             long expiration) {
        // POLY_1271: the contract wallet is both maker and signer; the EOA key signs for it.
        String signerAddress = signatureType == SignatureType.POLY_1271 ? funder : key.address();
        OrderStruct order = new OrderStruct(BigInteger.valueOf(salts.getAsLong()), funder, signerAddress, tokenId,
                amounts.rawMakerAmount(), amounts.rawTakerAmount(), amounts.side(), signatureType, nowMillis,
                OrderStruct.ZERO_BYTES32, OrderStruct.ZERO_BYTES32);
        return signer.sign(order, market.domain(), expiration);
    }

    public String funder() {
        return funder;
    }

    public SignatureType signatureType() {
        return signatureType;
    }

    @Override
    public String toString() {
        return "OrderBuilder[signer=" + key.address() + ", funder=" + funder + ", " + signatureType + "]";
    }
}
