package dev.polymaker.marketdata.relay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayNamespaceTest {

    private final RelayNamespace ns = new RelayNamespace("mds-a");

    @Test
    void localDestinationsMapIntoTheNamespaceAndBack() {
        assertThat(ns.toBroker("/topic/ticks.7132")).isEqualTo("/topic/mds-a.ticks.7132");
        assertThat(ns.toBroker("/topic/feed-status")).isEqualTo("/topic/mds-a.feed-status");
        assertThat(ns.toLocal("/topic/mds-a.ticks.7132")).contains("/topic/ticks.7132");
        assertThat(ns.subscription()).isEqualTo("/topic/mds-a.#");
        assertThat(ns.queue()).isEqualTo("polymaker.mds.mds-a");
    }

    @Test
    void anotherNamespacesDestinationIsNotOurs() {
        assertThat(ns.toLocal("/topic/mds-b.ticks.7132")).isEmpty();
        assertThat(ns.toLocal("/topic/mds-ab.ticks.7132")).isEmpty();
        assertThat(ns.toLocal("/topic/mds-a.")).isEmpty();
        assertThat(ns.toLocal(null)).isEmpty();
    }

    @Test
    void aNamespaceThatWouldSplitRoutingKeysOrIsEmptyIsRefused() {
        assertThat(RelayNamespace.isValid("mds.a")).isFalse();
        assertThat(RelayNamespace.isValid("MDS")).isFalse();
        assertThat(RelayNamespace.isValid("")).isFalse();
        assertThat(RelayNamespace.isValid("#")).isFalse();
        assertThatThrownBy(() -> new RelayNamespace("a*")).isInstanceOf(IllegalArgumentException.class);
    }
}
