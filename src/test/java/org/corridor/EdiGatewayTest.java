package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.corridor.support.GatewayTestBase;
import org.corridor.support.PartnerHttpServer;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * EDI through the running gateway: every received interchange is acknowledged to its sender, refused ones too, and a
 * sender's control reference used a second time is refused as a duplicate. (Message types here are the reader's test
 * types, which Corridor has a schema for but does not map: the refusal path with its acknowledgement.)
 */
class EdiGatewayTest extends GatewayTestBase {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TrackingStore tracking;

    private static String interchange(String controlRef, String certificate) {
        return "UNB+UNOC:3+KHILAB:ZZZ+USSMUS:ZZZ+251006:1200+" + controlRef + "'\n"
                + "UNH+1+ZZTEST:D:96A:UN'\nBGM+1+" + certificate + "+9'\nDTM+137:20251006:102'\nNAD+MS+KHILAB'\n"
                + "UNT+5+1'\nUNZ+1+" + controlRef + "'\n";
    }

    @Test
    void aRefusedInterchangeIsAcknowledgedToItsSenderWithThePlaceOfTheFault() throws Exception {
        String documentId = drop("E2E-EDI-1.edi", interchange("E2E0001", "CERT-1"));

        awaitStatus(documentId, "REJECTED");
        assertThat(tracking.document(documentId).orElseThrow()).containsEntry("reason_code", "UNSUPPORTED_MESSAGE");
        String note = Files.readString(HOME.resolve("error/E2E-EDI-1.edi.error.txt"));
        assertThat(note)
                .contains("UNSUPPORTED_MESSAGE")
                .contains("segment UNH at position 1")
                .contains("EDIFACT ZZTEST D96A, which Corridor does not read");

        Path contrl = HOME.resolve("outbox/KHILAB/" + documentId + "-ack.contrl.edi");
        await().atMost(TIMEOUT).until(() -> Files.exists(contrl));
        String ack = Files.readString(contrl, StandardCharsets.ISO_8859_1);
        assertThat(ack)
                .contains("UNB+UNOC:3+USSMUS:ZZZ+KHILAB:ZZZ+")
                .contains("UCI+E2E0001+KHILAB:ZZZ+USSMUS:ZZZ+4'")
                .contains("UCM+1+ZZTEST:D:96A:UN+4'")
                .contains("UCS+1'")
                .contains("UCD+12+2'");
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(tracking.deliveries(documentId + "-ack"))
                        .singleElement()
                        .satisfies(d -> {
                            assertThat(d).containsEntry("partner_id", "KHILAB").containsEntry("status", "DELIVERED");
                            assertThat(d).containsEntry("doc_format", "CONTRL");
                        }));
        assertThat(tracking.document(documentId + "-ack").orElseThrow())
                .containsEntry("kind", "ACKNOWLEDGEMENT")
                .containsEntry("parent_id", documentId);
    }

    @Test
    void aSecondInterchangeWithTheSameControlReferenceIsADuplicate() throws Exception {
        String first = drop("E2E-EDI-2a.edi", interchange("E2E0002", "CERT-2"));
        awaitStatus(first, "REJECTED");
        String second = drop("E2E-EDI-2b.edi", interchange("E2E0002", "CERT-2-RESENT"));

        awaitStatus(second, "REJECTED");
        assertThat(tracking.document(second).orElseThrow()).containsEntry("reason_code", "UNSUPPORTED_MESSAGE");
        // the content is refused first; an interchange that also reuses a reference is acknowledged as a duplicate
        Path contrl = HOME.resolve("outbox/KHILAB/" + second + "-ack.contrl.edi");
        await().atMost(TIMEOUT).until(() -> Files.exists(contrl));
        assertThat(Files.readString(contrl, StandardCharsets.ISO_8859_1))
                .contains("UCI+E2E0002+KHILAB:ZZZ+USSMUS:ZZZ+4+26+UNB'");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM edi_interchanges WHERE direction = 'IN'"
                                + " AND sender = 'KHILAB' AND control_ref = 'E2E0002'",
                        Integer.class))
                .isEqualTo(1);
    }

    @Test
    void aValidInterchangeSentAgainUnderTheSameReferenceIsRefusedAsADuplicate() throws Exception {
        String original = Files.readString(
                        Path.of("sample-docs/edifact/KHILAB-QALITY-CU-2025-0147.edi"), StandardCharsets.ISO_8859_1)
                .replace("KH250147", "E2EDUP01");
        String first = drop("E2E-DUP-1.edi", original.replace("KHILAB-CU-2025-0147", "E2E-DUP-0001"));
        awaitStatus(first, "DELIVERED");

        // a corrected certificate, but the lab reused its interchange control reference
        String second = drop("E2E-DUP-2.edi", original.replace("KHILAB-CU-2025-0147", "E2E-DUP-0002"));

        awaitStatus(second, "REJECTED");
        assertThat(tracking.document(second).orElseThrow()).containsEntry("reason_code", "EDI_DUPLICATE");
        assertThat(Files.readString(HOME.resolve("error/E2E-DUP-2.edi.error.txt")))
                .contains("duplicate of interchange E2EDUP01 from KHILAB received at")
                .contains(first);
        assertThat(PARTNER.receivedContaining("E2E-DUP-0002")).isEmpty();
        Path contrl = HOME.resolve("outbox/KHILAB/" + second + "-ack.contrl.edi");
        await().atMost(TIMEOUT).until(() -> Files.exists(contrl));
        assertThat(Files.readString(contrl, StandardCharsets.ISO_8859_1))
                .contains("UCI+E2EDUP01+KHILAB:ZZZ+CORRIDOR:ZZZ+4+26+UNB'");
    }

    @Test
    void aFileCutShortIsRefusedAndStillAcknowledged() throws Exception {
        String text = interchange("E2E0003", "CERT-3");
        String documentId = drop("E2E-EDI-3.edi", text.substring(0, text.indexOf("UNT")));

        awaitStatus(documentId, "REJECTED");
        assertThat(tracking.document(documentId).orElseThrow()).containsEntry("reason_code", "EDI_TRUNCATED");
        Path contrl = HOME.resolve("outbox/KHILAB/" + documentId + "-ack.contrl.edi");
        await().atMost(TIMEOUT).until(() -> Files.exists(contrl));
        assertThat(Files.readString(contrl, StandardCharsets.ISO_8859_1))
                .contains("UCI+E2E0003+KHILAB:ZZZ+USSMUS:ZZZ+4+18+");
        try (Stream<Path> files = Files.list(HOME.resolve("error"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("E2E-EDI-3.edi");
        }
    }

    @Test
    void anEdifactQalityIsDeliveredPerTheAgreementAndAcknowledged() throws Exception {
        String text = Files.readString(
                        Path.of("sample-docs/edifact/KHILAB-QALITY-CU-2025-0147.edi"), StandardCharsets.ISO_8859_1)
                .replace("KHILAB-CU-2025-0147", "E2E-QAL-0001")
                .replace("KH250147", "E2EQ0001");
        String documentId = drop("E2E-QAL-0001.edi", text);

        awaitStatus(documentId, "DELIVERED");
        assertThat(Files.readString(HOME.resolve("outbox/FWOPK/" + documentId + ".json")))
                .contains("\"certificateNo\" : \"E2E-QAL-0001\"")
                .contains("\"format\" : \"EDIFACT\"")
                .contains("\"messageType\" : \"QALITY\"")
                .contains("\"interchangeRef\" : \"E2EQ0001\"");
        assertThat(PARTNER.receivedContaining("E2E-QAL-0001")).hasSize(1);
        Path contrl = HOME.resolve("outbox/KHILAB/" + documentId + "-ack.contrl.edi");
        await().atMost(TIMEOUT).until(() -> Files.exists(contrl));
        assertThat(Files.readString(contrl, StandardCharsets.ISO_8859_1))
                .contains("UCI+E2EQ0001+KHILAB:ZZZ+CORRIDOR:ZZZ+7'")
                .contains("UCM+1+QALITY:D:96A:UN+7'");
    }

    @Test
    void aQalityThatBreaksAnAgreementRuleIsRefusedAndItsSenderToldInTheContrl() throws Exception {
        // lot FWO-CU-L02's arsenic raised from 0.21 % to 0.62 %, above the agreement's rejection limit of 0.50 %
        String text = Files.readString(
                        Path.of("sample-docs/edifact/KHILAB-QALITY-CU-2025-0147.edi"), StandardCharsets.ISO_8859_1)
                .replace("KHILAB-CU-2025-0147", "E2E-QAL-RULE")
                .replace("KH250147", "E2EQRULE")
                .replace("MEA*AAE*>>>DRY*P1>0,21~", "MEA*AAE*>>>DRY*P1>0,62~");
        String documentId = drop("E2E-QAL-RULE.edi", text);

        awaitStatus(documentId, "REJECTED");
        Map<String, Object> row = tracking.document(documentId).orElseThrow();
        assertThat(row).containsEntry("reason_code", "AGREEMENT_RULE");
        assertThat((String) row.get("reason"))
                .contains("QUALITY_REJECTED")
                .contains("As 0.62 % (dry)")
                .contains("rejection limit 0.50 %");
        assertThat(Files.readString(HOME.resolve("error/E2E-QAL-RULE.edi.error.txt")))
                .contains("QUALITY_REJECTED")
                .contains("body.results[15].value");
        // the interchange was well formed, but its one message is refused: the CONTRL rejects the message (UCM) and
        // so the interchange (UCI), with the reason in the refusal note
        Path contrl = HOME.resolve("outbox/KHILAB/" + documentId + "-ack.contrl.edi");
        await().atMost(TIMEOUT).until(() -> Files.exists(contrl));
        assertThat(Files.readString(contrl, StandardCharsets.ISO_8859_1))
                .contains("UCI+E2EQRULE+KHILAB:ZZZ+CORRIDOR:ZZZ+4'")
                .contains("UCM+1+QALITY:D:96A:UN+4'");
        assertThat(tracking.deliveries(documentId)).isEmpty();
        assertThat(PARTNER.receivedContaining("E2E-QAL-RULE")).isEmpty();
    }

    @Test
    void anX12TestReportIsDeliveredPerTheAgreementAndAcknowledgedWithA997() throws Exception {
        String text = Files.readString(
                        Path.of("sample-docs/x12/KHILAB-863-KHILAB-CU-2025-0147.x12"), StandardCharsets.UTF_8)
                .replace("KHILAB-CU-2025-0147", "E2E-863-0001")
                .replace("000000147", "000008631");
        String documentId = drop("E2E-863-0001.x12", text, StandardCharsets.UTF_8);

        awaitStatus(documentId, "DELIVERED");
        assertThat(Files.readString(HOME.resolve("outbox/FWOPK/" + documentId + ".json")))
                .contains("\"certificateNo\" : \"E2E-863-0001\"")
                .contains("\"messageType\" : \"863\"");
        assertThat(PARTNER.receivedContaining("E2E-863-0001")).hasSize(1);
        Path ack = HOME.resolve("outbox/KHILAB/" + documentId + "-ack.997.x12");
        await().atMost(TIMEOUT).until(() -> Files.exists(ack));
        assertThat(Files.readString(ack, StandardCharsets.US_ASCII))
                .contains("ST*997*0001")
                .contains("AK1*RT*147")
                .contains("AK2*863*0001")
                .contains("AK5*A")
                .contains("AK9*A*1*1*1");
    }

    @Test
    void anInvoiceGoesToTheBuyerAsEdifactAndItsContrlMarksTheDeliveryAcknowledged() throws Exception {
        String invoice = Files.readString(
                        Path.of("sample-docs/edifact/FWOPK-INVOIC-FWO-PINV-2025-0201.edi"), StandardCharsets.ISO_8859_1)
                .replace("FWO-PINV-2025-0201", "E2E-PINV-0001")
                .replace("FWO0000201", "E2EINV0001");
        String documentId = drop("E2E-PINV-0001.edi", invoice);

        awaitStatus(documentId, "DELIVERED");
        // the buyer got an INVOIC interchange of its own, from Corridor's interchange id to its own
        PartnerHttpServer.Received post =
                PARTNER.receivedContaining("E2E-PINV-0001").get(0);
        Matcher unb = Pattern.compile("UNB\\+UNOC:3\\+CORRIDOR:ZZZ\\+USSMUS:ZZZ\\+\\d+:\\d+\\+(\\d+)'")
                .matcher(post.bodyText());
        assertThat(unb.find()).as(post.bodyText()).isTrue();
        assertThat(post.bodyText()).contains("UNH+1+INVOIC:D:96A:UN'").contains("BGM+325+E2E-PINV-0001+9'");
        String sentRef = unb.group(1);
        // the seller's file was acknowledged to the seller (on its own delivery queue, maybe after the invoice)
        await().atMost(TIMEOUT)
                .until(() -> Files.exists(HOME.resolve("outbox/FWOPK/" + documentId + "-ack.contrl.edi")));

        String contrl = "UNB+UNOC:3+USSMUS:ZZZ+CORRIDOR:ZZZ+251021:0900+USE2E0001'UNH+1+CONTRL:D:3:UN'" + "UCI+"
                + sentRef + "+CORRIDOR:ZZZ+USSMUS:ZZZ+7'UCM+1+INVOIC:D:96A:UN+7'UNT+4+1'UNZ+1+USE2E0001'";
        String ackId = drop("E2E-CONTRL-0001.edi", contrl);

        awaitStatus(ackId, "CONSUMED");
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(tracking.deliveries(documentId))
                        .filteredOn(d -> "USSMUS".equals(d.get("partner_id")))
                        .singleElement()
                        .satisfies(d -> assertThat(d).containsEntry("status", "ACKNOWLEDGED")));
        assertThat(jdbc.queryForObject(
                        "SELECT ack_status FROM edi_interchanges WHERE direction = 'OUT'"
                                + " AND receiver = 'USSMUS' AND control_ref = ?",
                        String.class,
                        sentRef))
                .isEqualTo("ACKNOWLEDGED");
        // an acknowledgement is not acknowledged back
        assertThat(HOME.resolve("outbox/USSMUS/" + ackId + "-ack.contrl.edi")).doesNotExist();
        assertThat(tracking.deliveries(ackId + "-ack")).isEmpty();
    }

    @Test
    void aLargeInterchangeIsProcessedInBatchesAndAcknowledgedOnce() throws Exception {
        List<String> lines = Files.readAllLines(
                Path.of("sample-docs/edifact/KHILAB-QALITY-CU-2025-0147.edi"), StandardCharsets.ISO_8859_1);
        String message = String.join("\n", lines.subList(2, lines.size() - 1)) + "\n";
        StringBuilder text =
                new StringBuilder(lines.get(0) + "\n" + lines.get(1).replace("KH250147", "E2EBIG01") + "\n");
        int messages = 25;
        for (int i = 1; i <= messages; i++) {
            text.append(message.replace("KHILAB-CU-2025-0147", "E2E-BIG-" + i)
                    .replace("UNH*1*", "UNH*" + i + "*")
                    .replace("UNT*113*1~", "UNT*113*" + i + "~"));
        }
        text.append("UNZ*").append(messages).append("*E2EBIG01~\n");
        assertThat(text.length()).as("above the test's large-file threshold").isGreaterThan(20_000);

        String documentId = drop("E2E-BIG-01.edi", text.toString());

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "SELECT COUNT(*) FROM documents"
                                        + " WHERE parent_id = ? AND kind = 'ASSAY_CERTIFICATE' AND status = 'DELIVERED'",
                                Integer.class,
                                documentId))
                        .isEqualTo(messages));
        assertThat(HOME.resolve("outbox/FWOPK/" + documentId + "-25.json")).exists();
        assertThat(Files.readString(HOME.resolve("outbox/FWOPK/" + documentId + "-7.json")))
                .contains("\"certificateNo\" : \"E2E-BIG-7\"")
                .contains("\"messageRef\" : \"7\"");
        assertThat(PARTNER.receivedContaining("E2E-BIG-")).hasSizeGreaterThanOrEqualTo(messages);
        Path contrl = HOME.resolve("outbox/KHILAB/" + documentId + "-ack.contrl.edi");
        await().atMost(TIMEOUT).until(() -> Files.exists(contrl));
        String ack = Files.readString(contrl, StandardCharsets.ISO_8859_1);
        assertThat(ack).contains("UCI+E2EBIG01+KHILAB:ZZZ+CORRIDOR:ZZZ+7'").contains("UCM+25+QALITY:D:96A:UN+7'");
        assertThat(tracking.events(documentId))
                .extracting(e -> String.valueOf(e.get("detail")))
                .contains("25 business messages, processed in 3 batches of up to 10");
    }

    @Test
    void anInterchangeInASyntaxVersionCorridorCannotReadIsRefusedAndItsSenderTold() throws Exception {
        // before: 0 documents, a positive CONTRL, status RECEIVED forever and nothing in error/
        String documentId =
                drop("E2E-EDI-VERSION.edi", interchange("E2E0009", "CERT-9").replace("UNOC:3", "UNOC:-"));

        awaitStatus(documentId, "REJECTED");
        assertThat(tracking.document(documentId).orElseThrow()).containsEntry("reason_code", "EDI_ENVELOPE");
        assertThat(Files.readString(HOME.resolve("error/E2E-EDI-VERSION.edi.error.txt")))
                .contains("EDI_ENVELOPE")
                .contains("segment UNB at position 1, line 1 (field \"UNB01-2\")")
                .contains("syntax version number) is \"-\"");
        Path contrl = HOME.resolve("outbox/KHILAB/" + documentId + "-ack.contrl.edi");
        await().atMost(TIMEOUT).until(() -> Files.exists(contrl));
        assertThat(Files.readString(contrl, StandardCharsets.ISO_8859_1))
                .contains("UNB+UNOC:3+USSMUS:ZZZ+KHILAB:ZZZ+")
                .contains("UCI+E2E0009+KHILAB:ZZZ+USSMUS:ZZZ+4+2+UNB'");
    }

    @Test
    void anX12InterchangeInAVersionCorridorCannotReadIsRefusedWithATa1() throws Exception {
        String text = Files.readString(
                        Path.of("sample-docs/x12/KHILAB-863-KHILAB-CU-2025-0147.x12"), StandardCharsets.UTF_8)
                .replace("|00401|000000147|", "|00-01|000008632|");
        String documentId = drop("E2E-X12-VERSION.x12", text, StandardCharsets.UTF_8);

        awaitStatus(documentId, "REJECTED");
        assertThat(Files.readString(HOME.resolve("error/E2E-X12-VERSION.x12.error.txt")))
                .contains("EDI_ENVELOPE")
                .contains("(field \"ISA12\")");
        Path ta1 = HOME.resolve("outbox/KHILAB/" + documentId + "-ack.ta1.x12");
        await().atMost(TIMEOUT).until(() -> Files.exists(ta1));
        // 017: invalid interchange control version
        assertThat(Files.readString(ta1, StandardCharsets.US_ASCII))
                .contains("TA1*000008632*251006*1200*R*017~")
                .doesNotContain("GS*");
    }

    private String drop(String name, String content) throws Exception {
        return drop(name, content, StandardCharsets.ISO_8859_1);
    }

    private String drop(String name, String content, java.nio.charset.Charset charset) throws Exception {
        Files.writeString(HOME.resolve("inbox/any").resolve(name), content, charset);
        return await().atMost(TIMEOUT)
                .until(
                        () -> jdbc
                                .queryForList(
                                        "SELECT document_id FROM documents"
                                                + " WHERE file_name = ? AND parent_id IS NULL",
                                        String.class,
                                        name)
                                .stream()
                                .findFirst()
                                .orElse(null),
                        id -> id != null);
    }

    private void awaitStatus(String documentId, String status) {
        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(tracking.document(documentId).orElseThrow()).containsEntry("status", status));
    }
}
