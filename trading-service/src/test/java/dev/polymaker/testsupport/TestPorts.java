package dev.polymaker.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for tests. */
public final class TestPorts {

    private TestPorts() {
    }

    /** A loopback port nothing listens on (bound and released at once). */
    public static int unused() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
