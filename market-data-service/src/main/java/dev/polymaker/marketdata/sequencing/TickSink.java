package dev.polymaker.marketdata.sequencing;

import dev.polymaker.marketdata.api.Tick;

import java.util.List;

/** Where sequenced ticks go (the STOMP broker in production). Must not block: it runs on the upstream dispatch thread. */
@FunctionalInterface
public interface TickSink {

    void publish(Tick tick);

    /**
     * The ticks of one upstream frame, in order (e.g. a {@code price_change} that moved both tokens of a
     * market). A sink may deliver them together; by default each is published in turn.
     */
    default void publishAll(List<Tick> ticks) {
        ticks.forEach(this::publish);
    }
}
