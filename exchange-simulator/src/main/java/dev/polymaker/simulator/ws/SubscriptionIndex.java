package dev.polymaker.simulator.ws;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which open connections are subscribed to each token, so an event goes only to those who asked for it. */
final class SubscriptionIndex {
    private final ConcurrentHashMap<String, Set<ClientConnection>> byToken = new ConcurrentHashMap<>();
    private final Set<ClientConnection> all = ConcurrentHashMap.newKeySet();

    void open(ClientConnection connection) {
        all.add(connection);
    }

    void add(ClientConnection connection, Collection<String> tokens) {
        for (String token : tokens) {
            connection.tokens().add(token);
            byToken.computeIfAbsent(token, t -> ConcurrentHashMap.newKeySet()).add(connection);
        }
    }

    void remove(ClientConnection connection, Collection<String> tokens) {
        for (String token : tokens) {
            connection.tokens().remove(token);
            Set<ClientConnection> set = byToken.get(token);
            if (set != null) {
                set.remove(connection);
            }
        }
    }

    void close(ClientConnection connection) {
        all.remove(connection);
        remove(connection, Set.copyOf(connection.tokens()));
    }

    Set<ClientConnection> subscribers(String token) {
        Set<ClientConnection> set = byToken.get(token);
        return set == null ? Set.of() : set;
    }

    Collection<ClientConnection> all() {
        return all;
    }
}
