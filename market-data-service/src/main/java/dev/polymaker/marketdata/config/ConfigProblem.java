package dev.polymaker.marketdata.config;

/** One thing wrong with the {@code marketdata.*} settings: the key, what is wrong, and how to fix it. */
public record ConfigProblem(String key, String problem, String fix) {

    @Override
    public String toString() {
        return key + ": " + problem + " (" + fix + ")";
    }
}
