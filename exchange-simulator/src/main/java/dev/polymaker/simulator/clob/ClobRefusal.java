package dev.polymaker.simulator.clob;

/** A request the simulated CLOB refuses with a JSON {@code {"error": message}} and this status. */
final class ClobRefusal extends RuntimeException {

    final int status;

    ClobRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
