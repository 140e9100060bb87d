package org.corridor.support.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.corridor.support.PartnerHttpServer;
import org.corridor.support.PartnerHttpServer.Fault;
import org.corridor.support.SftpPartnerServer;
import org.corridor.support.crash.CrashDocuments.Doc;
import org.corridor.support.crash.DurabilityAudit.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault campaign's switches do what they say, and a refused request is no copy the partner holds. */
class PartnerFaultsTest {

    @TempDir
    Path home;

    @TempDir
    Path lab;

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anHttpPartnerAnswers500HangsOrCutsTheConnectionWhileTheFaultIsOn() throws Exception {
        try (PartnerHttpServer buyer = new PartnerHttpServer()) {
            buyer.fault(Fault.ANSWER_500);
            assertThat(post(buyer, "A", Duration.ofSeconds(30)).statusCode()).isEqualTo(500);

            buyer.fault(Fault.HANG);
            assertThatThrownBy(() -> post(buyer, "B", Duration.ofSeconds(1))).isInstanceOf(HttpTimeoutException.class);

            buyer.fault(Fault.CLOSE_MID_BODY);
            assertThatThrownBy(() -> post(buyer, "C".repeat(100_000), Duration.ofSeconds(30)))
                    .isInstanceOf(IOException.class);

            buyer.fault(Fault.NONE);
            assertThat(post(buyer, "D", Duration.ofSeconds(30)).statusCode()).isEqualTo(200);

            assertThat(buyer.faulted(Fault.ANSWER_500)).isEqualTo(1);
            assertThat(buyer.faulted(Fault.HANG)).isEqualTo(1);
            assertThat(buyer.faulted(Fault.CLOSE_MID_BODY)).isEqualTo(1);
            // the cut request never reached the partner whole, so it is not recorded
            assertThat(buyer.received())
                    .extracting(PartnerHttpServer.Received::answeredWith)
                    .containsExactly(500, 200, 200);
        }
    }

    @Test
    void aRequestTheBuyerAnswered500IsNoCopyItHolds() throws Exception {
        List<Doc> docs = List.of(CrashDocuments.documents(1, 4, false).get(0));
        Doc assay = docs.get(0);
        try (PartnerHttpServer buyer = new PartnerHttpServer()) {
            Files.writeString(
                    Files.createDirectories(home.resolve("outbox/FWOPK")).resolve("D-1.json"),
                    "{\"certificate\":\"" + assay.tag() + "\"}");
            buyer.fault(Fault.ANSWER_500);
            post(buyer, "{\"certificate\":\"" + assay.tag() + "\"}", Duration.ofSeconds(30));

            DurabilityAudit audit = new DurabilityAudit(docs)
                    .partners(PartnerOutputs.read(home, buyer, lab, docs), new GatewayLog(List.of()));

            assertThat(audit.get(Finding.LOST))
                    .containsExactly("the buyer got no POST of DUR-T1-A0001 (DUR-T1-A0001.csv, trial 1)");
        }
    }

    @Test
    void anSftpPartnerDownRefusesConnectionsAndComesBackOnTheSamePort() throws IOException {
        try (SftpPartnerServer server = new SftpPartnerServer(lab.resolve("root"), "lab", "pw")) {
            String url = server.partnerArguments("KHILAB", "incoming").stream()
                    .filter(a -> a.contains(".url="))
                    .findFirst()
                    .orElseThrow();
            int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));

            server.down();
            assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);

            server.up();
            assertThat(server.partnerArguments("KHILAB", "incoming")).contains(url);
            assertThat(connect(port)).isTrue();
        }
    }

    private HttpResponse<String> post(PartnerHttpServer buyer, String body, Duration timeout) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(buyer.url("/corridor/inbound")))
                        .timeout(timeout)
                        .header("Idempotency-Key", "D-1:USSMUS")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            return socket.isConnected();
        }
    }
}
