package dev.polymaker.marketdata.api.stream;

import dev.polymaker.marketdata.api.FeedStatus;
import dev.polymaker.marketdata.api.Tick;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records every listener call, and on which thread it came. */
class RecordingListener implements TickStreamListener {

    final List<Tick> ticks = new CopyOnWriteArrayList<>();
    final List<String> rejected = new CopyOnWriteArrayList<>();
    final List<FeedStatus> statuses = new CopyOnWriteArrayList<>();
    final List<String> connections = new CopyOnWriteArrayList<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    private volatile Predicate<Tick> failOn = tick -> false;

    /** Makes {@link #onTick} throw for matching ticks (after recording them). */
    void failOn(Predicate<Tick> predicate) {
        failOn = predicate;
    }

    List<Long> seqs(String tokenId) {
        return ticks.stream().filter(t -> t.tokenId().equals(tokenId)).map(Tick::seq).toList();
    }

    List<String> rejected(String tokenId) {
        return rejected.stream().filter(r -> r.startsWith(tokenId + " ")).toList();
    }

    @Override
    public void onTick(Tick tick) {
        threads.add(Thread.currentThread().getName());
        ticks.add(tick);
        if (failOn.test(tick)) {
            throw new IllegalStateException("listener failure on seq " + tick.seq());
        }
    }

    @Override
    public void onFeedStatus(FeedStatus status) {
        threads.add(Thread.currentThread().getName());
        statuses.add(status);
    }

    @Override
    public void onConnectionChange(boolean connected, String reason) {
        threads.add(Thread.currentThread().getName());
        connections.add((connected ? "up: " : "down: ") + reason);
    }

    @Override
    public void onRejected(Tick tick, TickRejection rejection) {
        threads.add(Thread.currentThread().getName());
        rejected.add(tick.tokenId() + " " + rejection.label() + " " + tick.seq());
    }
}
