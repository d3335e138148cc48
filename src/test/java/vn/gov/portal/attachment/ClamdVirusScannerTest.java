package vn.gov.portal.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The clamd INSTREAM exchange, against a socket that answers as clamd does (ClamAV itself is not installed on the
 * build machines): the file arrives whole in length-prefixed chunks, and each kind of reply has its meaning.
 */
class ClamdVirusScannerTest {

    /** The EICAR test string every virus scanner reports, and nothing else does. */
    private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    @Test
    void aCleanFileIsAcceptedAfterTheDaemonReceivedAllOfIt() throws Exception {
        byte[] pdf = java.util.Arrays.copyOf(TestFiles.pdf("sạch"), 200_000);
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> answer(server, null));
            VirusScanner.Verdict verdict = scanner(server).scan(pdf);
            assertThat(verdict.clean()).isTrue();
            assertThat(received.get()).isEqualTo(pdf);
        }
    }

    @Test
    void aFindingIsReportedWithItsName() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture.supplyAsync(() -> answer(server, "Win.Test.EICAR_HDB-1"));
            VirusScanner.Verdict verdict = scanner(server).scan(EICAR.getBytes(StandardCharsets.US_ASCII));
            assertThat(verdict.clean()).isFalse();
            assertThat(verdict.finding()).isEqualTo("Win.Test.EICAR_HDB-1");
        }
    }

    @Test
    void noDaemonMeansNoUpload() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        ClamdVirusScanner scanner = new ClamdVirusScanner("127.0.0.1", port, Duration.ofSeconds(2));
        assertThatThrownBy(() -> scanner.scan(new byte[] {1, 2, 3}))
                .isInstanceOf(VirusScanner.ScannerUnavailableException.class);
    }

    private static ClamdVirusScanner scanner(ServerSocket server) {
        return new ClamdVirusScanner("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(10));
    }

    /** Reads one INSTREAM request and answers OK, or FOUND with the signature name. Returns the bytes received. */
    private static byte[] answer(ServerSocket server, String finding) {
        try (Socket socket = server.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] command = new byte["zINSTREAM\0".length()];
            in.readFully(command);
            assertThat(new String(command, StandardCharsets.US_ASCII)).isEqualTo("zINSTREAM\0");
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            for (int length = in.readInt(); length > 0; length = in.readInt()) {
                byte[] chunk = new byte[length];
                in.readFully(chunk);
                content.write(chunk);
            }
            String reply = finding == null ? "stream: OK\0" : "stream: " + finding + " FOUND\0";
            socket.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return content.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
