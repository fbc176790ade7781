package dev.polymaker.simulator;

/** A text (or, hex-less, binary-described) frame a client sent, with the server's receive time in epoch ms. */
public record ClientFrame(long timeMillis, String text) {
}
