package dev.polymaker.polymarket.order;

/** An order that must not be signed or sent as asked: the message names the field and the rule. */
public class InvalidOrderException extends IllegalArgumentException {

    public InvalidOrderException(String message) {
        super(message);
    }
}
