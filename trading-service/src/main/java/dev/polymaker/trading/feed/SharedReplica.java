package dev.polymaker.trading.feed;

import dev.polymaker.marketdata.api.stream.TickStreamConfig;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * One market-data-service replica the shared feed may follow: its name and its STOMP connection.
 * The name is the URL's {@code host:port} (the scheme's port when none is given), so it is fixed by
 * configuration: the metric labels and health fields that carry it have one value per configured URL.
 */
public record SharedReplica(String name, TickStreamConfig stream) {

    public SharedReplica {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stream, "stream");
    }

    public static SharedReplica of(TickStreamConfig stream) {
        return new SharedReplica(nameOf(stream.url()), stream);
    }

    /** {@code host:port} of a ws/wss URL, lower case; the port defaults to 80 (ws) or 443 (wss). */
    public static String nameOf(URI url) {
        String host = url.getHost() == null ? String.valueOf(url) : url.getHost().toLowerCase(Locale.ROOT);
        int port = url.getPort() >= 0 ? url.getPort() : "wss".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return host + ":" + port;
    }
}
