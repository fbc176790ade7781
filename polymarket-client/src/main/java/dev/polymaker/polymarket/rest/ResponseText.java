package dev.polymaker.polymarket.rest;

/** How a REST answer is quoted in an error message: on one line, at most 120 characters. */
final class ResponseText {

    private ResponseText() {
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "…";
    }
}
