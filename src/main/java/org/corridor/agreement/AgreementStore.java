package org.corridor.agreement;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.corridor.audit.AuditLog;
import org.corridor.base.CorridorProperties;
import org.corridor.base.Hashing;
import org.corridor.canonical.CanonicalJson;
import org.corridor.canonical.ReferenceData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads agreement files into the database and serves every version of each agreement from it. The folders are polled
 * every {@code corridor.agreements.reload-interval-ms}: a new or changed file is stored as it is found, with no
 * restart. A file that cannot be used is logged at ERROR with its reason and recorded in {@code agreement_refusals}
 * for the operator, and the version already in force stays; the record goes when the file is fixed.
 */
@Component
public class AgreementStore implements AgreementCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(AgreementStore.class);
    private static final int REASON_LENGTH = 4000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final CorridorProperties properties;
    private final Clock clock;
    private final AgreementFiles agreementFiles;
    private final AuditLog audit;
    private volatile List<Agreement> versions = List.of();
    private volatile List<Agreement> newest = List.of();
    /** The content (SHA-256) last handled per file, stored or refused, so an unchanged file is not read again. */
    private final Map<Path, String> seen = new HashMap<>();

    AgreementStore(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            CorridorProperties properties,
            Clock clock,
            ReferenceData reference,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
        this.agreementFiles = new AgreementFiles(reference);
    }

    @PostConstruct
    void loadAtStart() {
        reload();
    }

    /**
     * Stores every new or changed agreement file of the folders, records the refusal of every bad one, and serves
     * the result. Runs at start and then every {@code corridor.agreements.reload-interval-ms}.
     */
    @Scheduled(
            initialDelayString = "${corridor.agreements.reload-interval-ms:5000}",
            fixedDelayString = "${corridor.agreements.reload-interval-ms:5000}")
    public synchronized void reload() {
        boolean changed = false;
        for (Path folder : properties.agreementFolders()) {
            List<Path> files;
            try {
                files = AgreementFiles.list(folder);
            } catch (InvalidAgreementException e) {
                LOG.error("Agreement folder not readable, the versions in force are kept: {}", e.getMessage());
                continue;
            }
            for (Path file : files) {
                changed |= reload(file.toAbsolutePath().normalize());
            }
        }
        if (changed || versions.isEmpty()) {
            refresh();
        }
    }

    private boolean reload(Path file) {
        String sha;
        try {
            sha = Hashing.sha256Hex(Files.readAllBytes(file));
        } catch (IOException e) {
            // gone or locked between the listing and the read: the next poll sees it again
            LOG.warn("Agreement file {} could not be read this time: {}", file, e.getMessage());
            return false;
        }
        if (sha.equals(seen.get(file))) {
            return false;
        }
        try {
            store(file);
            seen.put(file, sha);
            return true;
        } catch (InvalidAgreementException e) {
            LOG.error("Agreement file {} refused, the version in force is kept: {}", file, e.getMessage());
            refuse(file, sha, e.getMessage());
            seen.put(file, sha);
            return false;
        } catch (DataAccessException e) {
            // the database, not the file, is at fault: not marked as seen, so the next poll tries again
            LOG.error("Agreement file {} could not be stored this time: {}", file, e.getMessage());
            return false;
        }
    }

    @Override
    public List<Agreement> allVersions() {
        return versions;
    }

    @Override
    public List<Agreement> all() {
        return newest;
    }

    /** The agreement files refused and not fixed since, with their reasons, oldest first. */
    public List<Refusal> refusals() {
        return jdbc.query(
                "SELECT source_file, sha256, reason, refused_at FROM agreement_refusals"
                        + " ORDER BY refused_at, source_file",
                (rs, n) -> new Refusal(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()));
    }

    /** An agreement file that was refused: which file, which content, why and when. */
    public record Refusal(String file, String sha256, String reason, Instant refusedAt) {}

    private void refuse(Path file, String sha, String reason) {
        String text = reason.length() > REASON_LENGTH ? reason.substring(0, REASON_LENGTH) : reason;
        tx.executeWithoutResult(s -> {
            jdbc.update("DELETE FROM agreement_refusals WHERE source_file = ?", file.toString());
            jdbc.update(
                    "INSERT INTO agreement_refusals (source_file, sha256, reason, refused_at) VALUES (?, ?, ?, ?)",
                    file.toString(),
                    sha,
                    text,
                    Timestamp.from(Instant.now(clock)));
            audit.append("agreement.refused", file.getFileName().toString(), "sha256 " + sha + ": " + text);
        });
    }

    /**
     * Stores one agreement file as the version it names; the same content again is a no-op, a changed file with the
     * same version replaces that version, a higher version is added beside the ones before it. Clears an earlier
     * refusal of the file. Call {@link #refresh()} to serve it.
     */
    public void store(Path file) {
        Agreement a = agreementFiles.read(file);
        String sha;
        String json;
        try {
            sha = Hashing.sha256Hex(Files.readAllBytes(file));
            json = CanonicalJson.mapper().writeValueAsString(a);
        } catch (IOException e) {
            throw new InvalidAgreementException(file.getFileName() + ": cannot read: " + e.getMessage(), e);
        }
        List<String> known = jdbc.queryForList(
                "SELECT sha256 FROM agreements WHERE agreement_id = ? AND version = ?",
                String.class,
                a.id(),
                a.version());
        if (known.contains(sha)) {
            jdbc.update(
                    "DELETE FROM agreement_refusals WHERE source_file = ?",
                    file.toAbsolutePath().toString());
            return;
        }
        tx.executeWithoutResult(s -> {
            jdbc.update(
                    "DELETE FROM agreement_refusals WHERE source_file = ?",
                    file.toAbsolutePath().toString());
            for (String table : List.of(
                    "agreement_distribution",
                    "agreement_ports",
                    "agreement_commodities",
                    "agreement_party_ids",
                    "agreement_parties",
                    "agreements")) {
                jdbc.update("DELETE FROM " + table + " WHERE agreement_id = ? AND version = ?", a.id(), a.version());
            }
            jdbc.update(
                    """
                    INSERT INTO agreements (agreement_id, version, title, agreement_type, signed_date, effective_from,
                        effective_to, source_file, sha256, content, loaded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    a.id(),
                    a.version(),
                    a.title(),
                    a.type(),
                    date(a.signedDate()),
                    date(a.effectiveFrom()),
                    date(a.effectiveTo()),
                    file.toAbsolutePath().toString(),
                    sha,
                    json,
                    Timestamp.from(Instant.now(clock)));
            for (Agreement.AgreementParty p : a.parties()) {
                jdbc.update(
                        "INSERT INTO agreement_parties (agreement_id, version, party_id, name, country, roles)"
                                + " VALUES (?, ?, ?, ?, ?, ?)",
                        a.id(),
                        a.version(),
                        p.id(),
                        p.name(),
                        p.country(),
                        String.join(",", p.roles()));
                p.ids().stream()
                        .distinct()
                        .forEach(i -> jdbc.update(
                                "INSERT INTO agreement_party_ids (agreement_id,"
                                        + " version, party_id, scheme, id_value) VALUES (?, ?, ?, ?, ?)",
                                a.id(),
                                a.version(),
                                p.id(),
                                i.scheme(),
                                i.value()));
            }
            for (Agreement.Commodity c : a.commodities()) {
                jdbc.update(
                        "INSERT INTO agreement_commodities (agreement_id, version, commodity, description,"
                                + " hs_export, hs_import) VALUES (?, ?, ?, ?, ?, ?)",
                        a.id(),
                        a.version(),
                        c.code(),
                        c.description(),
                        String.join(",", c.hsExport()),
                        String.join(",", c.hsImport()));
            }
            if (a.ports() != null) {
                insertPorts(a, "LOADING", a.ports().loading());
                insertPorts(a, "DISCHARGE", a.ports().discharge());
                insertPorts(a, "DELIVERY", a.ports().delivery());
            }
            for (Agreement.Distribution d : a.distribution()) {
                jdbc.update(
                        "INSERT INTO agreement_distribution (agreement_id, version, kind, partner_id, doc_format)"
                                + " VALUES (?, ?, ?, ?, ?)",
                        a.id(),
                        a.version(),
                        d.kind().name(),
                        d.partner(),
                        d.format().name());
            }
            audit.append(
                    "agreement.loaded",
                    a.id() + " version " + a.version(),
                    "from " + file.toAbsolutePath()
                            + ", sha256 " + sha + ", in force " + a.effectiveFrom() + " to "
                            + (a.effectiveTo() == null ? "open end" : a.effectiveTo()));
        });
        LOG.info("Agreement {} version {} loaded from {}", a.id(), a.version(), file);
    }

    /** Re-reads every version of every agreement from the database. */
    public void refresh() {
        List<Agreement> all = new ArrayList<>();
        for (String json :
                jdbc.queryForList("SELECT content FROM agreements ORDER BY agreement_id, version", String.class)) {
            try {
                all.add(CanonicalJson.mapper().readValue(json, Agreement.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored agreement cannot be read back: " + e.getMessage(), e);
            }
        }
        AgreementCatalog loaded = AgreementCatalog.of(all);
        versions = loaded.allVersions();
        newest = loaded.all();
    }

    private void insertPorts(Agreement a, String role, List<String> locodes) {
        if (locodes == null) {
            return;
        }
        for (String locode : locodes.stream().distinct().toList()) {
            jdbc.update(
                    "INSERT INTO agreement_ports (agreement_id, version, port_role, locode) VALUES (?, ?, ?, ?)",
                    a.id(),
                    a.version(),
                    role,
                    locode);
        }
    }

    private static Date date(java.time.LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
