package org.corridor.enrich;

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
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.corridor.canonical.CanonicalJson;
import org.corridor.platform.CorridorProperties;
import org.corridor.platform.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads agreement files into the database at start and serves the newest version of each agreement from it. A file
 * that cannot be used is logged with its reason and skipped, so the version already in the database stays in force.
 */
@Component
public class AgreementStore implements AgreementCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(AgreementStore.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final CorridorProperties properties;
    private final Clock clock;
    private volatile List<Agreement> current = List.of();

    AgreementStore(JdbcTemplate jdbc, TransactionTemplate tx, CorridorProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    @PostConstruct
    void loadAtStart() {
        for (Path folder : properties.agreementFolders()) {
            for (Path file : AgreementFiles.list(folder)) {
                try {
                    store(file);
                } catch (InvalidAgreementException e) {
                    LOG.error("Agreement file refused, the version in force is kept: {}", e.getMessage());
                }
            }
        }
        refresh();
    }

    @Override
    public List<Agreement> all() {
        return current;
    }

    /** Stores one agreement file; the same content again is a no-op, a changed file replaces that version. */
    public void store(Path file) {
        Agreement a = AgreementFiles.read(file);
        String sha;
        String json;
        try {
            sha = Hashing.sha256Hex(Files.readAllBytes(file));
            json = CanonicalJson.mapper().writeValueAsString(a);
        } catch (IOException e) {
            throw new InvalidAgreementException(file.getFileName() + ": cannot read: " + e.getMessage(), e);
        }
        List<String> known = jdbc.queryForList("SELECT sha256 FROM agreements WHERE agreement_id = ? AND version = ?",
                String.class, a.id(), a.version());
        if (known.contains(sha)) {
            return;
        }
        tx.executeWithoutResult(s -> {
            for (String table : List.of("agreement_distribution", "agreement_ports", "agreement_commodities",
                    "agreement_party_ids", "agreement_parties", "agreements")) {
                jdbc.update("DELETE FROM " + table + " WHERE agreement_id = ? AND version = ?", a.id(), a.version());
            }
            jdbc.update("""
                    INSERT INTO agreements (agreement_id, version, title, agreement_type, signed_date, effective_from,
                        effective_to, source_file, sha256, content, loaded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    a.id(), a.version(), a.title(), a.type(), date(a.signedDate()), date(a.effectiveFrom()),
                    date(a.effectiveTo()), file.toAbsolutePath().toString(), sha, json,
                    Timestamp.from(Instant.now(clock)));
            for (Agreement.AgreementParty p : a.parties()) {
                jdbc.update("INSERT INTO agreement_parties (agreement_id, version, party_id, name, country, roles)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", a.id(), a.version(), p.id(), p.name(), p.country(),
                        String.join(",", p.roles()));
                p.ids().stream().distinct().forEach(i -> jdbc.update("INSERT INTO agreement_party_ids (agreement_id,"
                        + " version, party_id, scheme, id_value) VALUES (?, ?, ?, ?, ?)", a.id(), a.version(),
                        p.id(), i.scheme(), i.value()));
            }
            for (Agreement.Commodity c : a.commodities()) {
                jdbc.update("INSERT INTO agreement_commodities (agreement_id, version, commodity, description,"
                        + " hs_export, hs_import) VALUES (?, ?, ?, ?, ?, ?)", a.id(), a.version(), c.code(),
                        c.description(), String.join(",", c.hsExport()), String.join(",", c.hsImport()));
            }
            if (a.ports() != null) {
                insertPorts(a, "LOADING", a.ports().loading());
                insertPorts(a, "DISCHARGE", a.ports().discharge());
                insertPorts(a, "DELIVERY", a.ports().delivery());
            }
            for (Agreement.Distribution d : a.distribution()) {
                jdbc.update("INSERT INTO agreement_distribution (agreement_id, version, kind, partner_id, doc_format)"
                        + " VALUES (?, ?, ?, ?, ?)", a.id(), a.version(), d.kind().name(), d.partner(), d.format());
            }
        });
        LOG.info("Agreement {} version {} loaded from {}", a.id(), a.version(), file);
    }

    /** Re-reads the newest version of every agreement from the database. */
    public void refresh() {
        List<Agreement> all = new ArrayList<>();
        for (String json : jdbc.queryForList("SELECT content FROM agreements ORDER BY agreement_id, version",
                String.class)) {
            try {
                all.add(CanonicalJson.mapper().readValue(json, Agreement.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored agreement cannot be read back: " + e.getMessage(), e);
            }
        }
        Map<String, Agreement> newest = all.stream().collect(Collectors.toMap(Agreement::id, Function.identity(),
                (x, y) -> x.version() >= y.version() ? x : y));
        current = List.copyOf(newest.values());
    }

    private void insertPorts(Agreement a, String role, List<String> locodes) {
        if (locodes == null) {
            return;
        }
        for (String locode : locodes.stream().distinct().toList()) {
            jdbc.update("INSERT INTO agreement_ports (agreement_id, version, port_role, locode) VALUES (?, ?, ?, ?)",
                    a.id(), a.version(), role, locode);
        }
    }

    private static Date date(java.time.LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
