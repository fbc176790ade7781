package dev.polymaker.trading.web;

/** Body of every error answer of the API. */
public record ApiError(String error, String message) {
}
