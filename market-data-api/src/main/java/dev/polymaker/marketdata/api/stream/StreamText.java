package dev.polymaker.marketdata.api.stream;

import dev.polymaker.marketdata.api.Destinations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** How a {@link TickStream} words what went wrong: failures, long texts, invalid token ids. */
final class StreamText {

    private StreamText() {
    }

    static String describe(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TimeoutException) {
            return "no STOMP CONNECTED within " + TickStream.CONNECT_TIMEOUT.toMillis() + " ms";
        }
        Throwable root = t;
        for (int depth = 0; depth < 10 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        String text = text(t);
        return abbreviate(root == t ? text : text + " (cause: " + text(root) + ")");
    }

    private static String text(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }

    /** The ids, all valid; otherwise an {@link IllegalArgumentException} naming the first invalid ones. */
    static List<String> validTokenIds(Collection<String> tokenIds) {
        Objects.requireNonNull(tokenIds, "tokenIds");
        List<String> valid = new ArrayList<>(tokenIds.size());
        List<String> invalid = new ArrayList<>();
        for (String token : tokenIds) {
            if (Destinations.isValidTokenId(token)) {
                valid.add(token);
            } else {
                invalid.add(token == null ? "null" : "'" + (token.length() > 24 ? token.substring(0, 24) + "..." : token) + "'");
            }
        }
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("token ids must be 1-100 decimal digits; invalid: "
                    + (invalid.size() > 5 ? invalid.subList(0, 5) + " and " + (invalid.size() - 5) + " more" : invalid));
        }
        return valid;
    }
}
