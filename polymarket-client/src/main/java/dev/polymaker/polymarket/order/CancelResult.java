package dev.polymaker.polymarket.order;

import java.util.List;
import java.util.Map;

/** Answer of every cancel endpoint: the ids cancelled, and for the others the reason. */
public record CancelResult(List<String> canceled, Map<String, String> notCanceled) {

    public CancelResult {
        canceled = List.copyOf(canceled);
        notCanceled = Map.copyOf(notCanceled);
    }
}
