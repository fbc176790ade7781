package dev.polymaker.simulator.feed;

import dev.polymaker.simulator.SimMarket;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Works out which markets a replay file needs: the seeded markets when the file only names their tokens (a recording
 * of the same seed), otherwise one market per condition id in the file, tokens in order of first appearance (YES
 * first); a market seen with one token only gets a generated complement.
 */
public final class ReplayMarkets {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ReplayMarkets() {
    }

    public static List<SimMarket> resolve(Path file, List<SimMarket> seeded, long seed) throws IOException {
        Map<String, Set<String>> tokensByMarket = new LinkedHashMap<>();
        Map<String, BigDecimal> tickByMarket = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                scan(line, tokensByMarket, tickByMarket);
            }
        }
        Set<String> known = new HashSet<>();
        for (SimMarket market : seeded) {
            known.add(market.yesTokenId());
            known.add(market.noTokenId());
        }
        boolean allKnown = tokensByMarket.values().stream().flatMap(Set::stream).allMatch(known::contains);
        if (allKnown) {
            return seeded;
        }
        Random random = new Random(seed);
        List<SimMarket> markets = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : tokensByMarket.entrySet()) {
            List<String> tokens = new ArrayList<>(e.getValue());
            if (tokens.size() > 2) {
                throw new IllegalArgumentException("replay file " + file + ": market " + e.getKey() + " has "
                        + tokens.size() + " tokens; binary markets have two");
            }
            if (tokens.size() == 1) {
                tokens.add(generatedTokenId(random));
            }
            BigDecimal tick = tickByMarket.getOrDefault(e.getKey(), new BigDecimal("0.01"));
            markets.add(new SimMarket(e.getKey(), tokens.get(0), tokens.get(1), tick, false));
        }
        return markets;
    }

    private static void scan(String line, Map<String, Set<String>> tokensByMarket, Map<String, BigDecimal> ticks) {
        String trimmed = line.trim();
        if (trimmed.isEmpty()) {
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(trimmed);
        } catch (JacksonException e) {
            return;
        }
        List<JsonNode> events = new ArrayList<>();
        if (node.isArray()) {
            node.values().forEach(events::add);
        } else if (node.isObject()) {
            events.add(node);
        }
        for (JsonNode event : events) {
            String market = event.path("market").asString(null);
            if (market == null) {
                continue;
            }
            Set<String> tokens = tokensByMarket.computeIfAbsent(market, m -> new LinkedHashSet<>());
            String asset = event.path("asset_id").asString(null);
            if (asset != null) {
                tokens.add(asset);
            }
            JsonNode entries = event.get("price_changes");
            if (entries != null && entries.isArray()) {
                for (JsonNode entry : entries.values()) {
                    String entryAsset = entry.path("asset_id").asString(null);
                    if (entryAsset != null) {
                        tokens.add(entryAsset);
                    }
                }
            }
            if ("book".equals(event.path("event_type").asString("")) && event.has("tick_size")
                    && !ticks.containsKey(market)) {
                ticks.put(market, new BigDecimal(event.get("tick_size").asString()));
            }
        }
    }

    private static String generatedTokenId(Random random) {
        StringBuilder id = new StringBuilder(77);
        id.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < 77; i++) {
            id.append((char) ('0' + random.nextInt(10)));
        }
        return id.toString();
    }
}
