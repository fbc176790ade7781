package dev.polymaker.marketdata.api.stream;

import java.lang.reflect.Type;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;

/** Hands the frames of one STOMP subscription, decoded as {@code type}, to a consumer with their headers. */
final class PayloadFrames implements StompFrameHandler {

    /** Receives one frame: its headers and decoded payload. */
    @FunctionalInterface
    interface Sink {
        void accept(StompHeaders headers, Object payload);
    }

    private final Type type;
    private final Sink onFrame;

    PayloadFrames(Type type, Sink onFrame) {
        this.type = type;
        this.onFrame = onFrame;
    }

    @Override
    public Type getPayloadType(StompHeaders headers) {
        return type;
    }

    @Override
    public void handleFrame(StompHeaders headers, Object payload) {
        onFrame.accept(headers, payload);
    }
}
