package dev.polymaker.polymarket.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class OrderSignerTest {

    static final WalletKey KEY = WalletKey.fromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    static final String FUNDER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    static OrderStruct order() {
        return new OrderStruct(BigInteger.valueOf(123456789L), FUNDER, KEY.address(),
                "71321045679252212594626385532706912750332728571942532289631379312455583992563",
                BigInteger.valueOf(5_000_000), BigInteger.valueOf(10_000_000), OrderSide.BUY,
                SignatureType.POLY_GNOSIS_SAFE, 1_777_380_000_000L, OrderStruct.ZERO_BYTES32, OrderStruct.ZERO_BYTES32);
    }

    @Test
    void signatureRecoversToTheSignerInItsOwnDomain() {
        ExchangeDomain domain = ExchangeDomain.polygon(ExchangeVersion.CTF_V2, false);
        SignedOrder signed = new OrderSigner(KEY).sign(order(), domain, 0);
        assertThat(signed.signature()).matches("0x[0-9a-f]{130}");
        assertThat(signed.orderId()).matches("0x[0-9a-f]{64}");
        assertThat(OrderSigner.recoverSigner(order(), domain, signed.signature())).isEqualTo(KEY.address());
    }

    @Test
    void negRiskOrderIsRejectedByTheStandardDomainAndAcceptedByItsOwn() {
        ExchangeDomain negRisk = ExchangeDomain.polygon(ExchangeVersion.CTF_V2, true);
        ExchangeDomain standard = ExchangeDomain.polygon(ExchangeVersion.CTF_V2, false);
        ExchangeDomain v3 = ExchangeDomain.polygon(ExchangeVersion.EXCHANGE_V3, false);
        SignedOrder signed = new OrderSigner(KEY).sign(order(), negRisk, 0);
        assertThat(OrderSigner.recoverSigner(order(), negRisk, signed.signature())).isEqualTo(KEY.address());
        assertThat(OrderSigner.recoverSigner(order(), standard, signed.signature())).isNotEqualTo(KEY.address());
        assertThat(OrderSigner.recoverSigner(order(), v3, signed.signature())).isNotEqualTo(KEY.address());
    }

    @Test
    void domainsFollowMarketVersionAndNegRisk() {
        assertThat(ExchangeDomain.polygon(ExchangeVersion.CTF_V2, false))
                .isEqualTo(new ExchangeDomain("Polymarket CTF Exchange", "2", 137, ExchangeDomain.CTF_EXCHANGE_V2));
        assertThat(ExchangeDomain.polygon(ExchangeVersion.CTF_V2, true).verifyingContract())
                .isEqualTo("0xe2222d279d744050d28e00520010520000310F59");
        assertThat(ExchangeDomain.polygon(ExchangeVersion.EXCHANGE_V3, true))
                .isEqualTo(new ExchangeDomain("Polymarket CTF Exchange", "3", 137,
                        "0xe3333700cA9d93003F00f0F71f8515005F6c00Aa"));
        assertThat(ExchangeVersion.ofGammaVersion("v2")).isEqualTo(ExchangeVersion.EXCHANGE_V3);
        assertThat(ExchangeVersion.ofGammaVersion("v1")).isEqualTo(ExchangeVersion.CTF_V2);
    }

    @Test
    void everySignedFieldChangesTheDigest() {
        ExchangeDomain domain = ExchangeDomain.polygon(ExchangeVersion.CTF_V2, false);
        OrderStruct o = order();
        byte[] base = OrderSigner.digest(o, domain);
        OrderStruct[] variants = {
                new OrderStruct(o.salt().add(BigInteger.ONE), o.maker(), o.signer(), o.tokenId(), o.makerAmount(),
                        o.takerAmount(), o.side(), o.signatureType(), o.timestamp(), o.metadata(), o.builder()),
                new OrderStruct(o.salt(), o.signer(), o.signer(), o.tokenId(), o.makerAmount(),
                        o.takerAmount(), o.side(), o.signatureType(), o.timestamp(), o.metadata(), o.builder()),
                new OrderStruct(o.salt(), o.maker(), o.signer(), "1", o.makerAmount(),
                        o.takerAmount(), o.side(), o.signatureType(), o.timestamp(), o.metadata(), o.builder()),
                new OrderStruct(o.salt(), o.maker(), o.signer(), o.tokenId(), o.takerAmount(),
                        o.makerAmount(), o.side(), o.signatureType(), o.timestamp(), o.metadata(), o.builder()),
                new OrderStruct(o.salt(), o.maker(), o.signer(), o.tokenId(), o.makerAmount(),
                        o.takerAmount(), OrderSide.SELL, o.signatureType(), o.timestamp(), o.metadata(), o.builder()),
                new OrderStruct(o.salt(), o.maker(), o.signer(), o.tokenId(), o.makerAmount(),
                        o.takerAmount(), o.side(), SignatureType.EOA, o.timestamp(), o.metadata(), o.builder()),
                new OrderStruct(o.salt(), o.maker(), o.signer(), o.tokenId(), o.makerAmount(),
                        o.takerAmount(), o.side(), o.signatureType(), o.timestamp() + 1, o.metadata(), o.builder()),
                new OrderStruct(o.salt(), o.maker(), o.signer(), o.tokenId(), o.makerAmount(),
                        o.takerAmount(), o.side(), o.signatureType(), o.timestamp(), "0x" + "1".repeat(64), o.builder()),
                new OrderStruct(o.salt(), o.maker(), o.signer(), o.tokenId(), o.makerAmount(),
                        o.takerAmount(), o.side(), o.signatureType(), o.timestamp(), o.metadata(), "0x" + "2".repeat(64)),
        };
        for (OrderStruct v : variants) {
            assertThat(OrderSigner.digest(v, domain)).isNotEqualTo(base);
        }
    }

    @Test
    void aKeyRefusesToSignForAnotherSigner() {
        OrderStruct o = order();
        OrderStruct other = new OrderStruct(o.salt(), o.maker(), FUNDER, o.tokenId(), o.makerAmount(),
                o.takerAmount(), o.side(), o.signatureType(), o.timestamp(), o.metadata(), o.builder());
        assertThatThrownBy(() -> new OrderSigner(KEY).sign(other, ExchangeDomain.polygon(ExchangeVersion.CTF_V2, false), 0))
                .isInstanceOf(InvalidOrderException.class).hasMessageContaining("not the signing key's address");
    }

    @Test
    void malformedStructFieldsAreRejected() {
        OrderStruct o = order();
        assertThatThrownBy(() -> new OrderStruct(o.salt(), "0x123", o.signer(), o.tokenId(), o.makerAmount(),
                o.takerAmount(), o.side(), o.signatureType(), o.timestamp(), o.metadata(), o.builder()))
                .isInstanceOf(InvalidOrderException.class).hasMessageContaining("maker");
        assertThatThrownBy(() -> new OrderStruct(o.salt(), o.maker(), o.signer(), "0xabc", o.makerAmount(),
                o.takerAmount(), o.side(), o.signatureType(), o.timestamp(), o.metadata(), o.builder()))
                .isInstanceOf(InvalidOrderException.class).hasMessageContaining("tokenId");
    }
}
