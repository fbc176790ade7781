package dev.polymaker.trading.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad {@code trading.*} setting into a start-up report that names the key and the fix. */
public class TradingConfigFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTradingConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidTradingConfigException cause) {
        return new FailureAnalysis("trading-service configuration is invalid: " + cause.getMessage(),
                "Fix '" + cause.key() + "' (now '" + cause.value() + "'): " + cause.action(), cause);
    }
}
