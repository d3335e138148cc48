package vn.gov.portal.attachment;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks a ClamAV daemon (clamd) over TCP with its INSTREAM command: the file goes in length-prefixed chunks, clamd
 * answers "stream: OK" or "stream: &lt;signature&gt; FOUND". Anything else (no daemon, a timeout, an error reply)
 * makes the upload fail rather than store an unscanned file.
 */
class ClamdVirusScanner implements VirusScanner {

    private static final int CHUNK = 64 * 1024;

    private final String host;
    private final int port;
    private final Duration timeout;

    ClamdVirusScanner(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    @Override
    public Verdict scan(byte[] content) {
        String reply;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            for (int offset = 0; offset < content.length; offset += CHUNK) {
                int length = Math.min(CHUNK, content.length - offset);
                out.writeInt(length);
                out.write(content, offset, length);
            }
            out.writeInt(0);
            out.flush();
            reply = readReply(socket.getInputStream());
        } catch (IOException e) {
            throw new ScannerUnavailableException("clamd at " + host + ":" + port + " did not answer", e);
        }
        if (reply.endsWith(" OK")) {
            return Verdict.ok();
        }
        if (reply.endsWith(" FOUND")) {
            return Verdict.infected(reply.substring(reply.indexOf(':') + 1, reply.length() - " FOUND".length()).strip());
        }
        throw new ScannerUnavailableException("clamd answered: " + reply, null);
    }

    /** The reply ends with NUL (z-command) or at the end of the stream. */
    private static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) > 0 && reply.size() < 1024) {
            reply.write(b);
        }
        return reply.toString(StandardCharsets.US_ASCII).strip();
    }
}
