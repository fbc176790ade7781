package dev.polymaker.marketdata.api;

/** The market-data service's own view of its upstream: every socket fine, some, or none. */
public enum UpstreamHealth {
    UP, DEGRADED, DOWN
}
