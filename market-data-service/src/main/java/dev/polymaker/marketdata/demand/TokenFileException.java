package dev.polymaker.marketdata.demand;

/** A token file that cannot be used; the message says what is wrong with it. */
public class TokenFileException extends RuntimeException {

    public TokenFileException(String message) {
        super(message);
    }
}
