package vn.gov.devstack.mail;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * STARTTLS in front of an SMTP server that has none (GreenMail), so that the portal can send as it does in production:
 * on the submission port, STARTTLS required, then a login. It passes the greeting and the EHLO on, adds STARTTLS to
 * the server's answer to EHLO, answers the client's STARTTLS itself and takes the TLS handshake (with GreenMail's own
 * test certificate, which the client must be told to trust), and from then on passes the decrypted session both ways
 * unchanged: the second EHLO, the login (AUTH, which GreenMail offers) and the mails.
 */
public final class StartTlsFront implements AutoCloseable {

    private static final String READY = "220 2.0.0 Ready to start TLS\r\n";

    private final ServerSocket listener;
    private final int target;
    private final SSLSocketFactory tls;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    /** @param targetPort the SMTP server's port on the loopback */
    public StartTlsFront(int targetPort) {
        this.target = targetPort;
        this.tls = serverContext().getSocketFactory();
        try {
            listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("starttls-accept", this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** TLS sessions begun so far: one per connection that sent STARTTLS. */
    public int handshakes() {
        return handshakes.get();
    }

    /**
     * Logins (AUTH) the clients sent inside TLS so far: attempts, as the client sends each command in a write of its
     * own; the catcher accepts any password, so this counts the cost of logins, not checked credentials.
     */
    public int logins() {
        return logins.get();
    }

    private static SSLContext serverContext() {
        try {
            KeyStore keys = new DummySSLServerSocketFactory().getKeyStore();
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            String password = System.getProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY,
                    "changeit");
            managers.init(keys, System.getProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY,
                    password).toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use GreenMail's test certificate", e);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                daemon("starttls-session", () -> serve(client));
            } catch (IOException e) {
                return;   // closed
            }
        }
    }

    /**
     * Before STARTTLS each command waits for its reply, as a client does with a server that offers no PIPELINING (this
     * one offers none), so the commands are read one line at a time.
     */
    private void serve(Socket client) {
        open.add(client);
        Socket server = null;
        SSLSocket secure = null;
        try (client) {
            server = new Socket(InetAddress.getLoopbackAddress(), target);
            open.add(server);
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            InputStream fromClient = client.getInputStream();
            OutputStream toClient = client.getOutputStream();
            InputStream fromServer = server.getInputStream();
            OutputStream toServer = server.getOutputStream();
            passReply(fromServer, toClient, false);   // the greeting
            for (String command; (command = line(fromClient)) != null; ) {
                String verb = command.split(" ", 2)[0].trim().toUpperCase(Locale.ROOT);
                if (verb.equals("STARTTLS")) {
                    toClient.write(READY.getBytes(StandardCharsets.US_ASCII));
                    toClient.flush();
                    // The client sends nothing more in clear text before the handshake, so nothing read is lost.
                    secure = (SSLSocket) tls.createSocket(client, null, true);
                    secure.startHandshake();
                    handshakes.incrementAndGet();
                    open.add(secure);
                    SSLSocket session = secure;
                    // When the server hangs up, so does the front: the client learns it at once, not at its next write.
                    Thread back = daemon("starttls-to-client", () -> {
                        pipe(fromServer, outputOf(session), false);
                        closeQuietly(session);
                    });
                    pipe(secure.getInputStream(), toServer, true);
                    server.shutdownOutput();   // the client is done; the server may still answer its QUIT
                    back.join();
                    return;
                }
                toServer.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                toServer.flush();
                passReply(fromServer, toClient, verb.equals("EHLO"));
            }
        } catch (IOException e) {
            // one side hung up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Socket socket : new Socket[] {secure, server, client}) {
                if (socket != null) {
                    closeQuietly(socket);
                    open.remove(socket);
                }
            }
        }
    }

    /** Passes one reply of the server on, its lines "250-…" up to the last "250 …"; to an EHLO adds STARTTLS. */
    private static void passReply(InputStream fromServer, OutputStream toClient, boolean offerStartTls)
            throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = line(fromServer);
            if (line == null) {
                throw new IOException("the server hung up");
            }
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String each = lines.get(i);
            boolean last = i == lines.size() - 1;
            if (last && offerStartTls && each.startsWith("250")) {
                reply.append("250-").append(each.substring(Math.min(4, each.length()))).append("\r\n")
                        .append("250 STARTTLS\r\n");
            } else {
                reply.append(each).append("\r\n");
            }
        }
        toClient.write(reply.toString().getBytes(StandardCharsets.US_ASCII));
        toClient.flush();
    }

    /** One line without its CRLF, read byte by byte so that nothing after it is taken from the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                String text = bytes.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            bytes.write(b);
        }
        return null;
    }

    /** Copies until the end; counts the client's logins on the way (each command comes in a write of its own). */
    private void pipe(InputStream in, OutputStream out, boolean fromClient) {
        byte[] buffer = new byte[16384];
        try {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                if (fromClient && read >= 5 && new String(buffer, 0, 5, StandardCharsets.US_ASCII).equals("AUTH ")) {
                    logins.incrementAndGet();
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side hung up
        }
    }

    private static OutputStream outputOf(SSLSocket socket) {
        try {
            return socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
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
        open.forEach(StartTlsFront::closeQuietly);
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
