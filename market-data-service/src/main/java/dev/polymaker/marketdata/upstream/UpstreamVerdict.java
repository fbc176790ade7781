package dev.polymaker.marketdata.upstream;

import dev.polymaker.marketdata.api.UpstreamHealth;

/**
 * The service's judgement of its upstream at one moment: {@code UP} (every socket connected and
 * not frozen, or nothing to subscribe), {@code DEGRADED} (some sockets are not, or all dropped
 * only moments ago) or {@code DOWN}, with a reason an operator can act on.
 */
public record UpstreamVerdict(UpstreamHealth health, String reason, int sockets, int socketsConnected,
                              long lastDataAgeMs) {
}
