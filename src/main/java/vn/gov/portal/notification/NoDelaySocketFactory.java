package vn.gov.portal.notification;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.SocketFactory;

/**
 * The sockets to the SMTP server, with Nagle's algorithm off ({@code TCP_NODELAY}). Named in application.yml as
 * {@code mail.smtp.socketFactory.class}; STARTTLS layers its TLS over such a socket.
 *
 * <p>Why: at the end of each mail the client sends the few bytes that close the message and waits for the server's
 * answer. With Nagle's algorithm those bytes wait until the server acknowledges the body before them, and a server
 * that answers only once it has the whole message acknowledges late (delayed ACK): every mail on a kept-open
 * connection waited out that timer: 76-87 ms a mail of the portal's size to GreenMail on the benchmark's machine,
 * 3-5 ms without it (docs/performance.md, "Eighth round").
 */
public final class NoDelaySocketFactory extends SocketFactory {

    private static final NoDelaySocketFactory INSTANCE = new NoDelaySocketFactory();

    /** Jakarta Mail finds the factory by this static method of the named class. */
    public static SocketFactory getDefault() {
        return INSTANCE;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(new Socket(host, port, localAddress, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(new Socket(host, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket socket) throws SocketException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
