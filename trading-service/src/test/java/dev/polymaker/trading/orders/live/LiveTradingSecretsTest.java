package dev.polymaker.trading.orders.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polymaker.polymarket.order.SignatureType;
import dev.polymaker.trading.config.InvalidTradingConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveTradingSecretsTest {

    static final List<String> ALL = List.of("POLY_PRIVATE_KEY", "POLY_FUNDER", "POLY_SIGNATURE_TYPE", "POLY_API_KEY",
            "POLY_API_SECRET", "POLY_API_PASSPHRASE");

    @Test
    void readsEveryVariableAndHidesTheSecrets() {
        LiveTradingSecrets s = LiveTradingSecrets.from(ClobGatewayConfigurationTest.env()::get);
        assertThat(s.key().address()).isEqualTo(ClobGatewayConfigurationTest.KEY_ADDRESS);
        assertThat(s.signatureType()).isEqualTo(SignatureType.POLY_GNOSIS_SAFE);
        assertThat(s.toString()).doesNotContain(ClobGatewayConfigurationTest.SECRET).doesNotContain("the-passphrase")
                .doesNotContain(ClobGatewayConfigurationTest.KEY.substring(2)).contains(s.funder());
    }

    @Test
    void malformedValuesAreNamedButNeverEchoedWhenSecret() {
        Map<String, String> env = ClobGatewayConfigurationTest.env();
        env.put("POLY_PRIVATE_KEY", "0x1234deadbeef");
        assertThatThrownBy(() -> LiveTradingSecrets.from(env::get)).isInstanceOfSatisfying(
                InvalidTradingConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("POLY_PRIVATE_KEY");
                    assertThat(e.getMessage()).doesNotContain("1234deadbeef");
                });
        Map<String, String> eoa = ClobGatewayConfigurationTest.env();
        eoa.put("POLY_SIGNATURE_TYPE", "EOA");
        assertThatThrownBy(() -> LiveTradingSecrets.from(eoa::get)).isInstanceOfSatisfying(
                InvalidTradingConfigException.class, e -> assertThat(e.action())
                        .contains(ClobGatewayConfigurationTest.KEY_ADDRESS));
        Map<String, String> badType = ClobGatewayConfigurationTest.env();
        badType.put("POLY_SIGNATURE_TYPE", "7");
        assertThatThrownBy(() -> LiveTradingSecrets.from(badType::get))
                .isInstanceOfSatisfying(InvalidTradingConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("POLY_SIGNATURE_TYPE"));
    }
}
