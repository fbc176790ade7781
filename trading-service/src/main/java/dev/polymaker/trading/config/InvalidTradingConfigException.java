package dev.polymaker.trading.config;

/** A {@code trading.*} setting that cannot work; carries the key, the value and what to do about it. */
public class InvalidTradingConfigException extends RuntimeException {

    private final String key;
    private final String value;
    private final String action;

    public InvalidTradingConfigException(String key, Object value, String problem, String action) {
        super(key + "=" + value + ": " + problem);
        this.key = key;
        this.value = String.valueOf(value);
        this.action = action;
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    public String action() {
        return action;
    }
}
