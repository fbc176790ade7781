package dev.polymaker.marketdata.demand;

import dev.polymaker.marketdata.api.tokens.TokenFileWatcher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The copy-trade token file as a {@link DemandSource#FILE} source of demand: a version whose tokens
 * would exceed {@code marketdata.max-tokens} together with the other sources is refused whole.
 */
public final class FileDemand implements TokenFileWatcher.Target {

    private final TokenDemand demand;

    public FileDemand(TokenDemand demand) {
        this.demand = demand;
    }

    /**
     * A watcher of {@code file} feeding this demand; {@code onRejected} counts refused versions,
     * {@code onSkipped} the bad entries skipped in versions that were applied.
     */
    public static TokenFileWatcher watcher(Path file, TokenDemand demand, Clock clock, Runnable onRejected,
                                           IntConsumer onSkipped) {
        return new TokenFileWatcher(file, clock, new FileDemand(demand), new TokenFileWatcher.Events() {
            @Override
            public void rejected() {
                onRejected.run();
            }

            @Override
            public void skipped(int entries) {
                onSkipped.accept(entries);
            }
        });
    }

    @Override
    public String apply(Set<String> tokenIds) {
        if (demand.replace(DemandSource.FILE, tokenIds) == Admission.ACCEPTED) {
            return null;
        }
        return "lists " + tokenIds.size() + " active tokens: more than marketdata.max-tokens (" + demand.maxTokens()
                + ") allows together with the other sources";
    }
}
