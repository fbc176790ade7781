package dev.polymaker.marketdata.stomp;

import dev.polymaker.marketdata.api.Tick;
import dev.polymaker.marketdata.api.TickState;
import dev.polymaker.marketdata.sequencing.TickSequencer;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;

import java.time.Clock;

/**
 * Answers {@code SUBSCRIBE /app/ticks.<id>} with one immediate snapshot: the latest tick, or a
 * PENDING tick without prices (seq 0, or the last seq of a token that left and came back) when
 * there is none yet, also for tokens nobody has asked for: a consumer subscribes to the live
 * topic as well, and that registers the demand.
 */
@Controller
public class SnapshotController {

    private final TickSequencer sequencer;
    private final Clock clock;

    public SnapshotController(TickSequencer sequencer, Clock clock) {
        this.sequencer = sequencer;
        this.clock = clock;
    }

    @SubscribeMapping("/ticks.{tokenId}")
    public Tick snapshot(@DestinationVariable String tokenId) {
        return sequencer.snapshot(tokenId).orElseGet(() -> new Tick(tokenId, null, sequencer.epoch().value(), 0,
                TickState.PENDING, Tick.EVENT_STATE, null, null, null, null, 0, 0, clock.millis()));
    }
}
