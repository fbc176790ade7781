package dev.polymaker.testsupport;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.trading.feed.FeedConsumer;
import dev.polymaker.trading.feed.FeedTransition;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers everything a feed delivers, for assertions. */
public final class RecordingFeedConsumer implements FeedConsumer {

    public final List<Tick> ticks = new CopyOnWriteArrayList<>();
    public final List<FeedTransition> transitions = new CopyOnWriteArrayList<>();
    public final List<String> tradable = new CopyOnWriteArrayList<>();

    @Override
    public void onTick(Tick tick) {
        ticks.add(tick);
    }

    @Override
    public void onTradable(String tokenId, boolean tradable, String reason) {
        this.tradable.add(tokenId + " " + tradable + " " + reason);
    }

    @Override
    public void onModeChange(FeedTransition transition) {
        transitions.add(transition);
    }

    public Tick last() {
        return ticks.isEmpty() ? null : ticks.get(ticks.size() - 1);
    }
}
