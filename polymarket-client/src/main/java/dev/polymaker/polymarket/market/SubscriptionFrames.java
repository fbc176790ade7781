package dev.polymaker.polymarket.market;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the frames a client sends on the market channel (polymarket-protocol.md §1.2, §1.3):
 * exactly one initial {@code type:"market"} subscribe per connection, then
 * {@code operation} frames of at most {@link #MAX_IDS_PER_FRAME} ids.
 */
public final class SubscriptionFrames {

    /** Ids per {@code operation} frame: no documented limit, 200 matches the per-socket shard size. */
    public static final int MAX_IDS_PER_FRAME = 200;

    public static final String PING = "PING";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private SubscriptionFrames() {
    }

    /** The one frame that opens a connection's subscription, holding the whole token set. */
    public static String initial(Collection<String> tokenIds) {
        ObjectNode node = MAPPER.createObjectNode();
        tokenIds.forEach(node.putArray("assets_ids")::add);
        node.put("type", "market");
        asksForEverything(node);
        return MAPPER.writeValueAsString(node);
    }

    /**
     * Always explicit: without {@code initial_dump} some tokens never got a {@code book} at
     * thousands of tokens, and {@code custom_feature_enabled} must be sent again on every
     * (re)subscribe or {@code best_bid_ask} stops (polymarket-protocol.md §9).
     */
    private static void asksForEverything(ObjectNode node) {
        node.put("initial_dump", true);
        node.put("custom_feature_enabled", true);
    }

    public static List<String> subscribe(Collection<String> tokenIds) {
        return operation("subscribe", tokenIds, true);
    }

    public static List<String> unsubscribe(Collection<String> tokenIds) {
        return operation("unsubscribe", tokenIds, false);
    }

    private static List<String> operation(String operation, Collection<String> tokenIds, boolean subscribe) {
        List<String> ids = List.copyOf(tokenIds);
        List<String> frames = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_FRAME) {
            ObjectNode node = MAPPER.createObjectNode();
            node.put("operation", operation);
            ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_FRAME)).forEach(node.putArray("assets_ids")::add);
            if (subscribe) {
                asksForEverything(node);
            }
            frames.add(MAPPER.writeValueAsString(node));
        }
        return frames;
    }
}
