package org.corridor.support.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.corridor.support.PartnerHttpServer;
import org.corridor.support.crash.CrashDocuments.Doc;
import org.corridor.support.crash.DurabilityAudit.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kill -9 audit tells a lost copy, a second file, a resend under the same key and one under another apart. */
class DurabilityAuditTest {

    @TempDir
    Path home;

    @TempDir
    Path lab;

    private final List<Doc> docs = CrashDocuments.documents(1, 4, false);
    private final Doc assay = docs.get(0);
    private final Doc second = docs.get(1);
    private final Doc edi = docs.get(2);
    private final Doc declaration = docs.get(3);

    @Test
    void namesWhatEachPartnerLacksOrGotTwice() throws Exception {
        try (PartnerHttpServer buyer = new PartnerHttpServer()) {
            Path folder = Files.createDirectories(home.resolve("outbox/FWOPK"));
            Files.writeString(folder.resolve("D-1.json"), "{\"certificate\":\"" + assay.tag() + "\"}");
            Files.writeString(folder.resolve("D-2.json"), "{\"certificate\":\"" + second.tag() + "\"}");
            Files.writeString(folder.resolve("D-2b.json"), "{\"certificate\":\"" + second.tag() + "\"}");
            Files.writeString(folder.resolve("D-4.json"), "{\"gd\":\"" + declaration.tag() + "\"}");
            // the assay sent again under its key: allowed; the second under two keys: a duplicate; the EDI never
            post(buyer, assay.tag(), "D-1:USSMUS");
            post(buyer, assay.tag(), "D-1:USSMUS");
            post(buyer, second.tag(), "D-2:USSMUS");
            post(buyer, second.tag(), "D-9:USSMUS");
            Files.writeString(lab.resolve(".inflight-D-3-ack.contrl.edi"), "UCI+" + edi.ediRef() + "+KHILAB'");

            DurabilityAudit audit = new DurabilityAudit(docs)
                    .partners(PartnerOutputs.read(home, buyer, lab, docs), new GatewayLog(List.of()));

            assertThat(audit.get(Finding.LOST))
                    .containsExactlyInAnyOrder(
                            "the exporter's folder has no copy of DUR-T1-E0001 (DUR-T1-E0001.edi, trial 1)",
                            "the buyer got no POST of DUR-T1-E0001 (DUR-T1-E0001.edi, trial 1)",
                            "the lab's SFTP folder has no acknowledgement of DUR-T1-E0001 (DUR-T1-E0001.edi, trial 1)");
            assertThat(audit.get(Finding.DUPLICATED))
                    .hasSize(2)
                    .anyMatch(f -> f.startsWith("the exporter's folder has 2 copies of DUR-T1-A0002"))
                    .anyMatch(f -> f.startsWith("the buyer got DUR-T1-A0002") && f.contains("2 Idempotency-Keys"));
            assertThat(audit.get(Finding.RESENT_SAME_KEY))
                    .containsExactly("the buyer got DUR-T1-A0001 (DUR-T1-A0001.csv, trial 1) 2 times under the same"
                            + " Idempotency-Key D-1:USSMUS");
            assertThat(audit.clean()).isFalse();
        }
    }

    private static void post(PartnerHttpServer buyer, String tag, String key) throws Exception {
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(buyer.url("/corridor/inbound")))
                                .header("Idempotency-Key", key)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"certificate\":\"" + tag + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
    }
}
