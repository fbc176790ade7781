package dev.polymaker.marketdata.api.stream;

import java.lang.reflect.Type;
import java.util.function.BiConsumer;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;

/** Hands the frames of one STOMP subscription, decoded as {@code type}, to a consumer with their destination. */
final class PayloadFrames implements StompFrameHandler {

    private final Type type;
    private final BiConsumer<String, Object> onFrame;

    PayloadFrames(Type type, BiConsumer<String, Object> onFrame) {
        this.type = type;
        this.onFrame = onFrame;
    }

    @Override
    public Type getPayloadType(StompHeaders headers) {
        return type;
    }

    @Override
    public void handleFrame(StompHeaders headers, Object payload) {
        onFrame.accept(headers.getDestination(), payload);
    }
}
