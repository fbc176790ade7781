package dev.polymaker.polymarket.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OrderBuilderTest {

    static final WalletKey KEY = OrderSignerTest.KEY;
    static final String SAFE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_777_380_000_123L), ZoneOffset.UTC);
    static final MarketRules RULES = new MarketRules(TickSize.HUNDREDTH, new BigDecimal("5"), true,
            ExchangeVersion.CTF_V2);

    @Test
    void limitOrderForASafeIsMadeByTheSafeAndSignedByTheKey() {
        OrderBuilder b = new OrderBuilder(KEY, SAFE, SignatureType.POLY_GNOSIS_SAFE, CLOCK, () -> 42);
        OrderPost post = b.limit("123", OrderSide.BUY, new BigDecimal("0.56"), new BigDecimal("21.04"), RULES,
                ClobOrderType.GTC, true, 0);
        OrderStruct o = post.order().order();
        assertThat(o.maker()).isEqualTo(SAFE);
        assertThat(o.signer()).isEqualTo(KEY.address());
        assertThat(o.salt()).isEqualTo(BigInteger.valueOf(42));
        assertThat(o.timestamp()).isEqualTo(1_777_380_000_123L);
        assertThat(o.makerAmount()).isEqualTo(BigInteger.valueOf(11_782_400));
        assertThat(o.takerAmount()).isEqualTo(BigInteger.valueOf(21_040_000));
        assertThat(o.signatureType()).isEqualTo(SignatureType.POLY_GNOSIS_SAFE);
        assertThat(post.order().domain().verifyingContract()).isEqualTo(ExchangeDomain.NEG_RISK_CTF_EXCHANGE_V2);
        assertThat(OrderSigner.recoverSigner(o, post.order().domain(), post.order().signature())).isEqualTo(KEY.address());
        assertThat(post.postOnly()).isTrue();
    }

    @Test
    void eoaDefaultsTheFunderToTheKeyAndRefusesAnother() {
        assertThat(new OrderBuilder(KEY, null, SignatureType.EOA, CLOCK).funder()).isEqualTo(KEY.address());
        assertThatThrownBy(() -> new OrderBuilder(KEY, SAFE, SignatureType.EOA, CLOCK))
                .hasMessageContaining("must be the signing key's address");
        assertThatThrownBy(() -> new OrderBuilder(KEY, null, SignatureType.POLY_PROXY, CLOCK))
                .hasMessageContaining("needs a funder address");
    }

    @Test
    void poly1271OrdersNameTheContractWalletAsSigner() {
        OrderBuilder b = new OrderBuilder(KEY, SAFE, SignatureType.POLY_1271, CLOCK, () -> 1);
        OrderStruct o = b.limit("1", OrderSide.SELL, new BigDecimal("0.5"), new BigDecimal("10"), RULES,
                ClobOrderType.GTC, false, 0).order().order();
        assertThat(o.signer()).isEqualTo(SAFE);
        assertThat(o.maker()).isEqualTo(SAFE);
    }

    @Test
    void gtdNeedsAnExpirationBeyondTheOneMinuteThreshold() {
        OrderBuilder b = new OrderBuilder(KEY, null, SignatureType.EOA, CLOCK, () -> 1);
        long now = CLOCK.millis() / 1000;
        assertThatThrownBy(() -> b.limit("1", OrderSide.BUY, new BigDecimal("0.5"), new BigDecimal("10"), RULES,
                ClobOrderType.GTD, false, now + 60)).isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("GTD expiration");
        assertThat(b.limit("1", OrderSide.BUY, new BigDecimal("0.5"), new BigDecimal("10"), RULES,
                ClobOrderType.GTD, false, now + 61).order().expiration()).isEqualTo(now + 61);
        assertThatThrownBy(() -> b.limit("1", OrderSide.BUY, new BigDecimal("0.5"), new BigDecimal("10"), RULES,
                ClobOrderType.GTC, false, now + 100)).hasMessageContaining("only for GTD");
    }

    @Test
    void orderTypesAreCheckedBeforeSigning() {
        OrderBuilder b = new OrderBuilder(KEY, null, SignatureType.EOA, CLOCK, () -> 1);
        assertThatThrownBy(() -> b.limit("1", OrderSide.BUY, new BigDecimal("0.5"), new BigDecimal("10"), RULES,
                ClobOrderType.FOK, false, 0)).hasMessageContaining("use market()");
        assertThatThrownBy(() -> b.market("1", OrderSide.BUY, new BigDecimal("10"), new BigDecimal("0.5"), RULES,
                ClobOrderType.GTC)).hasMessageContaining("use limit()");
        assertThatThrownBy(() -> new OrderPost(b.market("1", OrderSide.BUY, new BigDecimal("10"),
                new BigDecimal("0.5"), RULES, ClobOrderType.FAK).order(), ClobOrderType.FAK, true))
                .hasMessageContaining("postOnly is only allowed with GTC or GTD");
        assertThatThrownBy(() -> b.limit("1", OrderSide.BUY, new BigDecimal("1.5"), new BigDecimal("10"), RULES,
                ClobOrderType.GTC, false, 0)).isInstanceOf(InvalidOrderException.class);
    }

    @Test
    void defaultSaltsAreRandomAndFitAJsonNumber() {
        var salts = OrderBuilder.defaultSalts();
        long a = salts.getAsLong();
        long b = salts.getAsLong();
        assertThat(a).isNotEqualTo(b);
        assertThat(a).isBetween(0L, (1L << 53) - 1);
    }
}
