package dev.polymaker.polymarket.market;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads frame fixtures copied from polymarket-protocol.md. */
public final class Frames {

    private Frames() {
    }

    public static String load(String name) {
        try (InputStream in = Frames.class.getResourceAsStream("/frames/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
