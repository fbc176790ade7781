package dev.polymaker.simulator.clob;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The simulated CLOB's cancels: by id, all of an API key's, or a market's (protocol §5). */
final class VenueCancels {

    private final VenueState state;
    private final VenueJson json;

    VenueCancels(VenueState state, VenueJson json) {
        this.state = state;
        this.json = json;
    }

    ClobResponse ids(ClobCredential cred, List<String> ids) {
        List<String> canceled = new ArrayList<>();
        Map<String, String> notCanceled = new LinkedHashMap<>();
        synchronized (state.lock) {
            for (String raw : ids) {
                VenueOrder o = state.orders.get(raw.toLowerCase(Locale.ROOT));
                if (o == null || !o.owner.equals(cred.apiKey())) {
                    notCanceled.put(raw, "Order not found or already canceled");
                } else if ("MATCHED".equals(o.status)) {
                    notCanceled.put(raw, "order already matched");
                } else if ("CANCELED".equals(o.status)) {
                    notCanceled.put(raw, "Order not found or already canceled");
                } else {
                    o.status = "CANCELED";
                    o.cancelReason = "cancelled by owner";
                    canceled.add(o.id);
                }
            }
        }
        return json.cancelResult(canceled, notCanceled);
    }

    ClobResponse all(ClobCredential cred) {
        return json.cancelResult(state.cancelWhere(o -> o.owner.equals(cred.apiKey()), "cancel-all"), Map.of());
    }

    /** {@code DELETE /cancel-market-orders}: the key's orders in a market and/or of one asset. */
    ClobResponse market(ClobCredential cred, JsonNode body) {
        String market = body.path("market").asString("");
        String asset = body.path("asset_id").asString("");
        return json.cancelResult(state.cancelWhere(o -> o.owner.equals(cred.apiKey())
                && (market.isEmpty() || o.market.conditionId().equalsIgnoreCase(market))
                && (asset.isEmpty() || o.market.tokenId().equals(asset)), "cancel-market-orders"), Map.of());
    }
}
