package vn.gov.devstack.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on the loopback in front of an SMTP server, as the network between the portal and its server. It
 * counts the connections the portal opens (and the most open at once), can hang up on a client's command as a
 * server that closed the connection after its limit of mails would seem to, can refuse a recipient as a server that
 * knows no such mailbox, can lose the server's reply to the end of a mail as a broken connection would, and can hold every chunk of bytes for a while in each
 * direction, as a relay in another city would: a round trip of 20 ms is {@code delay(Duration.ofMillis(10))}.
 * Bytes keep their order; a delay changed while a connection is open applies to the bytes read after the change.
 */
public final class MailRelay implements AutoCloseable {

    /** Bytes read from one side, and when they may be written to the other. */
    private record Chunk(byte[] bytes, long dueNanos) {
        static final Chunk END = new Chunk(new byte[0], 0);
    }

    private final ServerSocket listener;
    private final int target;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger mostActive = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger commandsSeen = new AtomicInteger();
    private volatile String hangUpCommand = "";
    private volatile int hangUpAt = -1;
    private final AtomicInteger recipientsSeen = new AtomicInteger();
    private volatile int refuseRecipient = -1;
    private final AtomicInteger mailEnds = new AtomicInteger();
    private volatile int loseReplyToMailEnd = -1;
    private volatile long delayNanos;

    /** @param targetPort the SMTP server's port on the loopback */
    public MailRelay(int targetPort) {
        this.target = targetPort;
        try {
            listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("mail-relay-accept", this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections opened through the relay so far. */
    public int connections() {
        return opened.get();
    }

    /** The most connections that were open through the relay at the same time. */
    public int mostAtOnce() {
        return mostActive.get();
    }

    /**
     * Closes the connection that carries the client's {@code n}-th {@code command} (e.g. "MAIL FROM", counted over all
     * connections) instead of passing it on.
     */
    public void hangUpAt(String command, int n) {
        commandsSeen.set(0);
        hangUpCommand = command;
        hangUpAt = n;
    }

    /** Answers the client's {@code n}-th RCPT TO (counted over all connections) with 550 instead of passing it on. */
    public void refuseRecipient(int n) {
        recipientsSeen.set(0);
        refuseRecipient = n;
    }

    /**
     * Passes the end of the client's {@code n}-th mail (counted over all connections) to the server, then breaks the
     * connection before the server's reply reaches the client: the server has the mail, the client cannot know it.
     */
    public void loseReplyToMailEnd(int n) {
        mailEnds.set(0);
        loseReplyToMailEnd = n;
    }

    /** Holds what each side sends this long before the other side gets it: half the round trip. */
    public void delay(Duration oneWay) {
        delayNanos = oneWay.toNanos();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;   // closed
            }
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                opened.incrementAndGet();
                mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
                open.add(client);
                open.add(server);
                AtomicInteger directionsOpen = new AtomicInteger(2);
                AtomicBoolean repliesLost = new AtomicBoolean();
                Runnable closed = () -> {
                    if (directionsOpen.decrementAndGet() == 0) {
                        active.decrementAndGet();
                        open.remove(client);
                        open.remove(server);
                    }
                };
                direction("to-server", client, server, true, repliesLost, closed);
                direction("to-client", server, client, false, repliesLost, closed);
            } catch (IOException e) {
                closeQuietly(client);   // the server did not answer: as a refused connection, the next may succeed
            }
        }
    }

    /**
     * One direction: a thread that reads each chunk and, without a delay, writes it on at once; with one, stamps it
     * for a second thread that writes it when it is due. Chunks still on their way keep even an undelayed one behind
     * them, so the bytes keep their order when the delay changes.
     */
    private void direction(String name, Socket from, Socket to, boolean fromClient, AtomicBoolean repliesLost,
                           Runnable closed) {
        Deque<Chunk> inFlight = new ArrayDeque<>();
        daemon("mail-relay-read-" + name, () -> read(from, to, inFlight, fromClient, repliesLost));
        daemon("mail-relay-write-" + name, () -> {
            writeWhenDue(inFlight, to);
            closeQuietly(from);
            closeQuietly(to);
            closed.run();
        });
    }

    /**
     * @param repliesLost set, for both directions of one connection, before the mail end whose reply is lost goes on:
     *                    the server's reply may be read before this direction has closed the client's socket, and
     *                    must not reach the client
     */
    private void read(Socket from, Socket to, Deque<Chunk> inFlight, boolean fromClient, AtomicBoolean repliesLost) {
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                if (!fromClient && repliesLost.get()) {
                    break;
                }
                String text = fromClient ? new String(buffer, 0, read, StandardCharsets.US_ASCII) : "";
                if (!hangUpCommand.isEmpty() && text.startsWith(hangUpCommand)
                        && commandsSeen.incrementAndGet() == hangUpAt) {
                    break;
                }
                if (text.startsWith("RCPT TO") && recipientsSeen.incrementAndGet() == refuseRecipient) {
                    // The client waits for this answer, so the server is not writing to it meanwhile.
                    from.getOutputStream().write("550 5.1.1 No such mailbox\r\n".getBytes(StandardCharsets.US_ASCII));
                    from.getOutputStream().flush();
                    continue;
                }
                // A line with a single dot ends a mail (a dot starting a line of the mail is doubled).
                boolean lostMailEnd = (text.equals(".\r\n") || text.endsWith("\r\n.\r\n"))
                        && mailEnds.incrementAndGet() == loseReplyToMailEnd;
                if (lostMailEnd) {
                    repliesLost.set(true);
                }
                long delay = delayNanos;
                synchronized (inFlight) {
                    if (delay == 0 && inFlight.isEmpty()) {
                        out.write(buffer, 0, read);
                        out.flush();
                    } else {
                        inFlight.addLast(new Chunk(Arrays.copyOf(buffer, read), System.nanoTime() + delay));
                        inFlight.notifyAll();
                    }
                }
                if (lostMailEnd) {
                    // The client's connection ends before the server's reply; the server still reads the mail's end,
                    // which is in its socket before the connection's end.
                    break;
                }
            }
        } catch (IOException e) {
            // one side hung up
        } finally {
            synchronized (inFlight) {
                inFlight.addLast(Chunk.END);
                inFlight.notifyAll();
            }
        }
    }

    /** Writes the delayed chunks in order; a chunk leaves the queue only once written, keeping later ones behind it. */
    private static void writeWhenDue(Deque<Chunk> inFlight, Socket to) {
        try {
            OutputStream out = to.getOutputStream();
            while (true) {
                Chunk next;
                synchronized (inFlight) {
                    while (inFlight.isEmpty()) {
                        inFlight.wait();
                    }
                    next = inFlight.peekFirst();
                }
                if (next == Chunk.END) {
                    return;
                }
                long wait = next.dueNanos() - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                synchronized (inFlight) {
                    out.write(next.bytes());
                    out.flush();
                    inFlight.removeFirst();
                }
            }
        } catch (IOException | InterruptedException e) {
            // one side hung up, or the relay is closing
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
        open.forEach(MailRelay::closeQuietly);
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
