package dev.polymaker.marketdata.web;

/** JSON body of every REST error: a stable machine-readable code and a sentence for people. */
public record ApiError(String error, String message) {
}
