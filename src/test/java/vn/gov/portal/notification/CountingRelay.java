package vn.gov.portal.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on the loopback in front of an SMTP server, as the network between the portal and its server: it
 * counts the connections the portal opens, and can hang up on a client's NOOP as a server that closes a connection
 * after its limit of mails does (the client notices when it checks the connection before the next mail).
 */
final class CountingRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final AtomicInteger opened = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger noops = new AtomicInteger();
    private volatile int hangUpAtNoop = -1;

    CountingRelay(int targetPort) {
        this.target = targetPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("relay-accept", this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections opened through the relay so far. */
    int connections() {
        return opened.get();
    }

    /** Closes the connection that carries the client's {@code n}-th NOOP (counted over all connections) instead of passing it on. */
    void hangUpAtNoop(int n) {
        hangUpAtNoop = n;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                opened.incrementAndGet();
                open.add(client);
                open.add(server);
                daemon("relay-to-server", () -> pipe(client, server, true));
                daemon("relay-to-client", () -> pipe(server, client, false));
            } catch (IOException e) {
                return;   // closed
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean fromClient) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                if (fromClient && new String(buffer, 0, read, StandardCharsets.US_ASCII).startsWith("NOOP")
                        && noops.incrementAndGet() == hangUpAtNoop) {
                    break;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side hung up
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        open.forEach(CountingRelay::closeQuietly);
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
