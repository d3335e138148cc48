package vn.gov.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free ports on 127.0.0.1, for the dev stack's servers whose address must be known before they start. */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** A port free at the moment of asking (another process could take it before the caller binds it). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
