package dev.polymaker.simulator.http;

/** Handles one HTTP route of the simulator; an IllegalArgumentException becomes a 400 with its message. */
@FunctionalInterface
public interface RouteHandler {
    RouteResponse handle(RouteRequest request) throws Exception;
}
