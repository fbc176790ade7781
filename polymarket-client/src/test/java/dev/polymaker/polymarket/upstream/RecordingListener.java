package dev.polymaker.polymarket.upstream;

import dev.polymaker.polymarket.market.FrameType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Remembers every listener call, for assertions. */
final class RecordingListener implements UpstreamListener {

    record StateChange(String tokenId, TokenState state, String reason, String thread) {
    }

    record Resync(String tokenId, String reason) {
    }

    final List<TokenUpdate> updates = new CopyOnWriteArrayList<>();
    final List<StateChange> states = new CopyOnWriteArrayList<>();
    final List<SocketStatus> sockets = new CopyOnWriteArrayList<>();
    final List<String> reconnects = new CopyOnWriteArrayList<>();
    final List<Resync> resyncs = new CopyOnWriteArrayList<>();
    final Map<String, AtomicLong> frames = new ConcurrentHashMap<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final List<WitnessFailure> witnessFailures = new CopyOnWriteArrayList<>();
    final List<String> disagreements = new CopyOnWriteArrayList<>();
    final List<MarketResolution> resolutions = new CopyOnWriteArrayList<>();

    @Override
    public void onWitnessFailure(int socketId, WitnessFailure reason) {
        witnessFailures.add(reason);
    }

    @Override
    public void onBookDisagreement(String tokenId) {
        disagreements.add(tokenId);
    }

    @Override
    public void onMarketResolved(MarketResolution resolution) {
        resolutions.add(resolution);
    }

    @Override
    public void onUpdate(TokenUpdate update) {
        updates.add(update);
        noteThread();
    }

    @Override
    public void onTokenState(String tokenId, TokenState state, String reason) {
        states.add(new StateChange(tokenId, state, reason, Thread.currentThread().getName()));
        noteThread();
    }

    @Override
    public void onSocketState(SocketStatus status) {
        sockets.add(status);
    }

    @Override
    public void onFrame(FrameType type) {
        frames.computeIfAbsent(type.metricName(), t -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void onReconnect(int socketId, ReconnectReason reason) {
        reconnects.add(reason.metricName());
    }

    @Override
    public void onResync(String tokenId, ResyncReason reason) {
        resyncs.add(new Resync(tokenId, reason.metricName()));
    }

    long frames(String type) {
        AtomicLong count = frames.get(type);
        return count == null ? 0 : count.get();
    }

    List<StateChange> statesOf(String tokenId) {
        return states.stream().filter(s -> s.tokenId().equals(tokenId)).toList();
    }

    private void noteThread() {
        String name = Thread.currentThread().getName();
        if (!threads.contains(name)) {
            threads.add(name);
        }
    }
}
