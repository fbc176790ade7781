package dev.polymaker.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Creates the simulated markets from the seed: 0x+64-hex condition ids and 77-digit decimal token ids. */
final class MarketFactory {
    static final BigDecimal COARSE_TICK = new BigDecimal("0.01");
    static final BigDecimal FINE_TICK = new BigDecimal("0.001");

    private MarketFactory() {
    }

    static List<SimMarket> create(SimulatorConfig config) {
        Random random = new Random(config.seed() * 31 + 7);
        Set<String> used = new HashSet<>();
        List<SimMarket> markets = new ArrayList<>(config.markets());
        for (int i = 0; i < config.markets(); i++) {
            String conditionId = "0x" + hex(random, 64);
            String yes = uniqueTokenId(random, used);
            String no = uniqueTokenId(random, used);
            BigDecimal tick = i >= config.markets() - config.fineTickMarkets() ? FINE_TICK : COARSE_TICK;
            boolean negRisk = i < config.negRiskMarkets();
            String version = i >= config.markets() - config.v2Markets() ? SimMarket.V2 : SimMarket.V1;
            markets.add(new SimMarket(conditionId, yes, no, tick, negRisk, version));
        }
        return markets;
    }

    private static String uniqueTokenId(Random random, Set<String> used) {
        while (true) {
            StringBuilder id = new StringBuilder(77);
            id.append((char) ('1' + random.nextInt(9)));
            for (int i = 1; i < 77; i++) {
                id.append((char) ('0' + random.nextInt(10)));
            }
            if (used.add(id.toString())) {
                return id.toString();
            }
        }
    }

    private static String hex(Random random, int digits) {
        StringBuilder out = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }
}
