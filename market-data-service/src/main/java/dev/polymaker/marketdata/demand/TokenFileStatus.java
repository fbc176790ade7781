package dev.polymaker.marketdata.demand;

/**
 * What the token-file watcher last did: how many tokens the file contributes, when it was last
 * loaded (epoch ms, 0 never), how many versions were rejected, and why the last one was.
 */
public record TokenFileStatus(String path, int tokens, long lastLoaded, long errors, String lastError) {
}
