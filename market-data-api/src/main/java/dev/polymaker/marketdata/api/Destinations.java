package dev.polymaker.marketdata.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** STOMP destinations of the market-data contract (docs/architecture.md §4). */
public final class Destinations {

    public static final String ENDPOINT = "/ws";
    public static final String TICKS_PREFIX = "/topic/ticks.";
    public static final String SNAPSHOT_PREFIX = "/app/ticks.";
    public static final String FEED_STATUS = "/topic/feed-status";
    /**
     * Header of a tick MESSAGE frame: how many ticks of this token, for this subscription, the
     * service superseded since the last one it delivered (the consumer read too slowly), so a seq
     * jump of exactly that many is conflation, not loss (docs/architecture.md §3).
     */
    public static final String CONFLATED_HEADER = "conflated";

    /** Token ids are decimal strings of 1 to 100 digits. */
    public static final Pattern TOKEN_ID = Pattern.compile("[0-9]{1,100}");

    private static final Pattern TICKS = Pattern.compile("/topic/ticks\\.([0-9]{1,100})");
    private static final Pattern SNAPSHOT = Pattern.compile("/app/ticks\\.([0-9]{1,100})");

    private Destinations() {
    }

    public static boolean isValidTokenId(String tokenId) {
        return tokenId != null && TOKEN_ID.matcher(tokenId).matches();
    }

    public static String ticks(String tokenId) {
        return TICKS_PREFIX + requireTokenId(tokenId);
    }

    public static String snapshot(String tokenId) {
        return SNAPSHOT_PREFIX + requireTokenId(tokenId);
    }

    /** The token id of a {@code /topic/ticks.<id>} destination, empty for anything else. */
    public static Optional<String> tickToken(String destination) {
        return match(TICKS, destination);
    }

    /** The token id of a {@code /app/ticks.<id>} destination, empty for anything else. */
    public static Optional<String> snapshotToken(String destination) {
        return match(SNAPSHOT, destination);
    }

    private static Optional<String> match(Pattern pattern, String destination) {
        if (destination == null) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(destination);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String requireTokenId(String tokenId) {
        if (!isValidTokenId(tokenId)) {
            throw new IllegalArgumentException("token id must be 1-100 decimal digits: " + tokenId);
        }
        return tokenId;
    }
}
