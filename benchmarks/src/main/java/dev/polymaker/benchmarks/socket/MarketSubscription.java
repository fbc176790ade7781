package dev.polymaker.benchmarks.socket;

import java.util.List;

/**
 * The subscription a raw baseline client sends on the simulator's market channel, the same one
 * the service sends: all tokens, custom features on.
 */
public final class MarketSubscription {

    private MarketSubscription() {
    }

    /** The subscribe message for {@code tokenIds}. */
    public static String forTokens(List<String> tokenIds) {
        StringBuilder subscribe = new StringBuilder("{\"assets_ids\":[");
        for (int i = 0; i < tokenIds.size(); i++) {
            subscribe.append(i == 0 ? "\"" : ",\"").append(tokenIds.get(i)).append('"');
        }
        subscribe.append("],\"type\":\"market\",\"custom_feature_enabled\":true}");
        return subscribe.toString();
    }
}
