package org.corridor.support.crash;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.corridor.support.PartnerHttpServer;
import org.corridor.support.crash.CrashDocuments.Doc;
import org.corridor.support.crash.CrashDocuments.Kind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The one check of a kill -9 trial, shared by KillNineDurabilityTest and the crash campaign: whether what the partners
 * received, what the gateway logged and what the tracking store says agree, and if not, what was lost, duplicated,
 * stuck, in error or inconsistent. Lists of findings in plain words, never assertions, so that the test asserts them
 * empty and the campaign counts them.
 */
public final class DurabilityAudit {

    /** Where a finding belongs. */
    public enum Finding {
        /** A partner lacks a copy of a document (or its acknowledgement) it should have. */
        LOST,
        /** A partner got a document twice: the folder or SFTP a second file, HTTP a second request with another key. */
        DUPLICATED,
        /** The HTTP partner got a request again under the same Idempotency-Key: allowed, reported apart. */
        RESENT_SAME_KEY,
        /** A document or delivery neither finished nor failed. */
        STUCK,
        /** A document or delivery failed. */
        IN_ERROR,
        /** Tracking, control numbers, quota ledger or acknowledgements disagree with what partners received. */
        INCONSISTENT
    }

    private final List<Doc> docs;
    private final Map<Finding, List<String>> findings = new LinkedHashMap<>();

    /** An audit of the trials that dropped {@code docs}. */
    public DurabilityAudit(List<Doc> docs) {
        this.docs = List.copyOf(docs);
        for (Finding finding : Finding.values()) {
            findings.put(finding, new ArrayList<>());
        }
    }

    /** What was found, by kind of finding. */
    public Map<Finding, List<String>> findings() {
        return findings;
    }

    public List<String> get(Finding finding) {
        return findings.get(finding);
    }

    /** Findings that count against durability: everything but a resend under the same key. */
    public boolean clean() {
        return findings.entrySet().stream()
                .filter(e -> e.getKey() != Finding.RESENT_SAME_KEY)
                .allMatch(e -> e.getValue().isEmpty());
    }

    /** Every partner got each document once (HTTP: once per Idempotency-Key), and acknowledgements once. */
    public DurabilityAudit partners(PartnerOutputs outputs, GatewayLog log) {
        for (Doc doc : docs) {
            List<java.nio.file.Path> files = outputs.folder.getOrDefault(doc.tag(), List.of());
            String what = "%s (%s, trial %d)".formatted(doc.tag(), doc.name(), doc.trial());
            if (files.isEmpty()) {
                add(Finding.LOST, "the exporter's folder has no copy of " + what);
            } else if (files.size() > 1) {
                add(Finding.DUPLICATED, "the exporter's folder has %d copies of %s".formatted(files.size(), what));
            }
            String documentId = files.isEmpty() ? null : PartnerOutputs.documentId(files.get(0));
            // the file is written under the document's own name: a second write would show as a second delivery
            if (documentId != null && log.deliveriesTo(documentId, "FWOPK") > 1) {
                add(
                        Finding.DUPLICATED,
                        "%s (%s) was delivered %d times to the exporter's folder"
                                .formatted(documentId, what, log.deliveriesTo(documentId, "FWOPK")));
            }
            if (doc.kind() != Kind.DECLARATION) {
                http(doc, what, documentId, outputs.http.getOrDefault(doc.tag(), List.of()));
            }
            if (doc.kind().acknowledged()) {
                int acks = outputs.acks
                        .getOrDefault(PartnerOutputs.ackKey(doc), List.of())
                        .size();
                if (acks == 0) {
                    add(Finding.LOST, "the lab's SFTP folder has no acknowledgement of " + what);
                } else if (acks > 1) {
                    add(
                            Finding.DUPLICATED,
                            "the lab's SFTP folder has %d acknowledgements of %s".formatted(acks, what));
                }
            }
        }
        if (!outputs.strayFolderFiles.isEmpty()) {
            add(
                    Finding.INCONSISTENT,
                    "files in the exporter's folder that are no document: " + outputs.strayFolderFiles);
        }
        // a control number is never handed out twice to the same partner pair, not even across a kill
        outputs.controlNumbers().forEach((pair, refs) -> {
            Set<Long> seen = new HashSet<>();
            refs.stream()
                    .filter(r -> !seen.add(r))
                    .distinct()
                    .forEach(r ->
                            add(Finding.INCONSISTENT, "interchange number %d %s written twice".formatted(r, pair)));
        });
        return this;
    }

    private void http(Doc doc, String what, String documentId, List<PartnerHttpServer.Received> posts) {
        if (posts.isEmpty()) {
            add(Finding.LOST, "the buyer got no POST of " + what);
            return;
        }
        Set<String> keys = new HashSet<>();
        posts.forEach(p -> keys.add(String.valueOf(p.header("Idempotency-Key"))));
        if (keys.size() > 1) {
            add(Finding.DUPLICATED, "the buyer got %s under %d Idempotency-Keys %s".formatted(what, keys.size(), keys));
        } else if (posts.size() > 1) {
            add(
                    Finding.RESENT_SAME_KEY,
                    "the buyer got %s %d times under the same Idempotency-Key %s"
                            .formatted(what, posts.size(), keys.iterator().next()));
        }
        if (documentId != null && !keys.equals(Set.of(documentId + ":USSMUS"))) {
            add(Finding.INCONSISTENT, "the buyer got %s under %s, not %s:USSMUS".formatted(what, keys, documentId));
        }
        if (posts.stream().map(PartnerHttpServer.Received::bodyText).distinct().count() > 1) {
            add(Finding.INCONSISTENT, "the buyer got %s with different bodies".formatted(what));
        }
    }

    /**
     * {@link #tracking} of a gateway that has stopped: on {@code database} when it ran on one, else on the H2 file of
     * its {@code home}, over one connection (H2 would otherwise open, and recover, the file anew for each query).
     */
    public DurabilityAudit trackingOfStopped(PartnerOutputs outputs, Path home, DataSource database) {
        if (database != null) {
            return tracking(outputs, new JdbcTemplate(database));
        }
        SingleConnectionDataSource h2 =
                new SingleConnectionDataSource("jdbc:h2:file:" + home.resolve("db/corridor"), "sa", "", true);
        try {
            return tracking(outputs, new JdbcTemplate(h2));
        } finally {
            h2.destroy();
        }
    }

    /**
     * The tracking store (read through {@code db}, the gateway stopped) agrees with what the partners hold: one row per
     * file, every delivered document and its deliveries DELIVERED, nothing else pending or failed, the control number
     * counters past every number written, one record per interchange received, each declaration counted once against
     * the quota and the permit.
     */
    public DurabilityAudit tracking(PartnerOutputs outputs, JdbcTemplate db) {
        Map<String, Integer> fileRows = new HashMap<>();
        db.query("SELECT file_name, count(*) FROM documents WHERE parent_id IS NULL GROUP BY file_name", rs -> {
            fileRows.put(rs.getString(1), rs.getInt(2));
        });
        for (Doc doc : docs) {
            String what = "%s (%s, trial %d)".formatted(doc.tag(), doc.name(), doc.trial());
            int rows = fileRows.getOrDefault(doc.name(), 0);
            if (rows != 1) {
                add(Finding.INCONSISTENT, "the tracking store has %d rows of the file %s".formatted(rows, doc.name()));
            }
            List<java.nio.file.Path> files = outputs.folder.getOrDefault(doc.tag(), List.of());
            if (files.isEmpty()) {
                continue;
            }
            String documentId = PartnerOutputs.documentId(files.get(0));
            List<String> status =
                    db.queryForList("SELECT status FROM documents WHERE document_id = ?", String.class, documentId);
            if (!status.equals(List.of("DELIVERED"))) {
                add(
                        Finding.INCONSISTENT,
                        "%s (%s), which the exporter has, is %s in the tracking store"
                                .formatted(documentId, what, status));
            }
            List<String> deliveries = db.queryForList(
                    "SELECT partner_id || '=' || status FROM deliveries WHERE document_id = ? ORDER BY partner_id",
                    String.class,
                    documentId);
            List<String> expected = doc.kind() == Kind.DECLARATION
                    ? List.of("FWOPK=DELIVERED")
                    : List.of("FWOPK=DELIVERED", "USSMUS=DELIVERED");
            if (!deliveries.equals(expected)) {
                add(
                        Finding.INCONSISTENT,
                        "the deliveries of %s (%s) are %s, not %s".formatted(documentId, what, deliveries, expected));
            }
        }
        db.query(
                "SELECT file_name, document_id, status FROM documents WHERE status NOT IN ('DELIVERED', 'SPLIT')"
                        + " AND NOT (status = 'REJECTED' AND file_name LIKE 'AGAIN-%')",
                rs -> {
                    add(
                            failed(rs.getString(3)),
                            "the document %s of %s is %s".formatted(rs.getString(2), rs.getString(1), rs.getString(3)));
                });
        db.query("SELECT document_id, partner_id, status FROM deliveries WHERE status <> 'DELIVERED'", rs -> {
            add(
                    failed(rs.getString(3)),
                    "the delivery of %s to %s is %s".formatted(rs.getString(1), rs.getString(2), rs.getString(3)));
        });
        db.queryForList(
                        "SELECT DISTINCT document_id FROM deliveries d WHERE NOT EXISTS"
                                + " (SELECT 1 FROM documents x WHERE x.document_id = d.document_id)",
                        String.class)
                .forEach(id -> add(
                        Finding.INCONSISTENT,
                        "deliveries of %s, which the tracking store does not know".formatted(id)));

        // control numbers: the counter is past every number written, so none is handed out again
        outputs.controlNumbers().forEach((pair, refs) -> {
            String[] parties = pair.split(">");
            List<Long> counter = db.queryForList(
                    "SELECT last_value FROM edi_control_numbers WHERE sender = ?"
                            + " AND receiver = ? AND level_name = 'INTERCHANGE'",
                    Long.class,
                    parties[0],
                    parties[1]);
            long highest = refs.stream().mapToLong(Long::longValue).max().orElse(0);
            if (counter.size() != 1 || counter.get(0) < highest) {
                add(
                        Finding.INCONSISTENT,
                        "the interchange counter %s is %s, but %d was written".formatted(pair, counter, highest));
            }
        });
        // the record of every interchange received: the duplicate check depends on it
        for (Doc doc : docs.stream().filter(d -> d.kind().acknowledged()).toList()) {
            Integer records = db.queryForObject(
                    "SELECT count(*) FROM edi_interchanges WHERE direction = 'IN'"
                            + " AND sender = 'KHILAB' AND control_ref = ?",
                    Integer.class,
                    doc.ediRef());
            if (records != 1) {
                add(
                        Finding.INCONSISTENT,
                        "%d records of the interchange %s (%s) received".formatted(records, doc.ediRef(), doc.name()));
            }
        }

        // the quota ledger: each accepted declaration counted exactly once
        long declarations =
                docs.stream().filter(d -> d.kind() == Kind.DECLARATION).count();
        BigDecimal tonnes = CrashDocuments.TONNES_PER_DECLARATION.multiply(BigDecimal.valueOf(declarations));
        Integer counted = db.queryForObject("SELECT count(*) FROM allowance_counts", Integer.class);
        if (counted != declarations) {
            add(
                    Finding.INCONSISTENT,
                    "%d declarations counted against the quota, %d accepted".formatted(counted, declarations));
        }
        List<Map<String, Object>> usage = db.queryForList("SELECT allowance_id, used_tonnes FROM allowance_usage");
        if (usage.size() != 2
                || usage.stream().anyMatch(row -> ((BigDecimal) row.get("used_tonnes")).compareTo(tonnes) != 0)) {
            add(
                    Finding.INCONSISTENT,
                    "quota and permit usage %s, expected %s t on each of two".formatted(usage, tonnes));
        }
        return this;
    }

    /** Failed for good (a person must look), or still on its way. */
    private static Finding failed(String status) {
        return switch (status) {
            case "FAILED", "ERROR", "REJECTED", "DEAD_LETTER" -> Finding.IN_ERROR;
            default -> Finding.STUCK;
        };
    }

    private void add(Finding finding, String what) {
        findings.get(finding).add(what);
    }
}
