package dev.polymaker.marketdata.api.tokens;

/** A token file that cannot be used at all; the message says what is wrong with it. */
public class TokenFileException extends RuntimeException {

    public TokenFileException(String message) {
        super(message);
    }
}
