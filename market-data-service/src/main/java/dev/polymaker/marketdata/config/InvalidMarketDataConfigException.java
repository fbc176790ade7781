package dev.polymaker.marketdata.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown at start-up when the {@code marketdata.*} settings cannot work; analysed by {@link InvalidMarketDataConfigFailureAnalyzer}. */
public class InvalidMarketDataConfigException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public InvalidMarketDataConfigException(List<ConfigProblem> problems) {
        super("invalid market-data configuration: " + problems.stream().map(ConfigProblem::toString)
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
