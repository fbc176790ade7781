package dev.polymaker.marketdata.stomp;

import dev.polymaker.marketdata.api.Tick;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;
import java.util.function.Function;

/**
 * The replay for Spring's per-subscription relay (measurement only, docs/architecture.md §3.6): live
 * ticks reach sessions through Spring's outbound channel there, so the latest tick is sent that way
 * too, as the sequencer has it.
 */
public final class BrokerReplay implements LatestTickReplay.Replayer {

    private static final Logger log = LoggerFactory.getLogger(BrokerReplay.class);

    private final Function<String, Optional<Tick>> latest;
    private final JsonMapper json;

    public BrokerReplay(Function<String, Optional<Tick>> latest, JsonMapper json) {
        this.latest = latest;
        this.json = json;
    }

    @Override
    public void replay(LatestTickReplay.NewSubscriber subscriber) {
        Tick tick = latest.apply(subscriber.tokenId()).orElse(null);
        if (tick == null) {
            return; // nothing published yet: the first tick will reach the registered subscription
        }
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(subscriber.sessionId());
        headers.setSubscriptionId(subscriber.subscriptionId());
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setLeaveMutable(true);
        try {
            new SimpMessagingTemplate(subscriber.clientOutbound()).send(subscriber.destination(),
                    MessageBuilder.createMessage(json.writeValueAsBytes(tick), headers.getMessageHeaders()));
        } catch (RuntimeException e) {
            log.warn("could not send the latest tick of {} to new subscriber {}: {}", subscriber.tokenId(),
                    subscriber.sessionId(), e.toString());
        }
    }
}
