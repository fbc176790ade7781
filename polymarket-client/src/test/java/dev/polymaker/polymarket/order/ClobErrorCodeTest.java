package dev.polymaker.polymarket.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClobErrorCodeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "INVALID_ORDER_MIN_SIZE: size 1 below 5 | INVALID_ORDER_MIN_SIZE",
            "invalid_order_min_tick_size | INVALID_ORDER_MIN_TICK_SIZE",
            "INVALID_ORDER_ERROR | INVALID_ORDER_ERROR",
            "not enough balance / allowance | NOT_ENOUGH_BALANCE",
            "order_version_mismatch | ORDER_VERSION_MISMATCH",
            "invalid signature | INVALID_SIGNATURE",
            "could not run the execution | COULD_NOT_RUN_EXECUTION",
            "INVALID_POST_ONLY_ORDER_TYPE | INVALID_POST_ONLY_ORDER_TYPE",
            "INVALID_POST_ONLY_ORDER: would cross | INVALID_POST_ONLY_ORDER",
            "FOK_ORDER_NOT_FILLED_ERROR | FOK_ORDER_NOT_FILLED_ERROR",
            "something else | UNKNOWN",
    })
    void recognisesTheDocumentedErrorStrings(String message, ClobErrorCode code) {
        assertThat(ClobErrorCode.parse(message)).isEqualTo(code);
    }
}
