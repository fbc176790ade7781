package dev.polymaker.marketdata.support;

import dev.polymaker.marketdata.demand.UpstreamTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Records what demand asked of the upstream. */
public final class RecordingUpstream implements UpstreamTokens {

    public final List<Set<String>> added = new ArrayList<>();
    public final List<Set<String>> removed = new ArrayList<>();

    @Override
    public void add(Set<String> tokenIds) {
        added.add(Set.copyOf(tokenIds));
    }

    @Override
    public void remove(Set<String> tokenIds) {
        removed.add(Set.copyOf(tokenIds));
    }
}
