package dev.polymaker.marketdata.sequencing;

import dev.polymaker.marketdata.api.Tick;

/** Where sequenced ticks go (the STOMP broker in production). Must not block: it runs on the upstream dispatch thread. */
@FunctionalInterface
public interface TickSink {

    void publish(Tick tick);
}
