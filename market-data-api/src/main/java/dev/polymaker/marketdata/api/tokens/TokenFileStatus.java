package dev.polymaker.marketdata.api.tokens;

/**
 * What a {@link TokenFileWatcher} last did: how many tokens the file contributes, when it was last
 * loaded (epoch ms, 0 never), how many versions were refused, why the last one was (null once a
 * good version loaded), and how many entries the last loaded version had to skip.
 */
public record TokenFileStatus(String path, int tokens, long lastLoaded, long errors, String lastError, int skipped) {
}
