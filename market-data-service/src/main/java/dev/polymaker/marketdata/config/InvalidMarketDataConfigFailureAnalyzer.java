package dev.polymaker.marketdata.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Turns {@link InvalidMarketDataConfigException} into a start-up report that lists each bad key
 * and what to set instead. Ordered first so Spring Boot's generic bind analysis does not hide it.
 */
public class InvalidMarketDataConfigFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMarketDataConfigException>
        implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidMarketDataConfigException cause) {
        StringBuilder description = new StringBuilder("market-data-service cannot start: its configuration is invalid.\n");
        StringBuilder action = new StringBuilder("Fix these settings (application.properties, environment "
                + "variables or command-line arguments):\n");
        for (ConfigProblem problem : cause.problems()) {
            description.append("\n  - ").append(problem.key()).append(": ").append(problem.problem());
            action.append("\n  - ").append(problem.key()).append(": ").append(problem.fix());
        }
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
