package org.corridor.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.corridor.agreement.Agreement;
import org.corridor.audit.AuditLog;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.ReferenceData;
import org.corridor.problem.Finding;
import org.corridor.problem.FindingCode;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Running totals of quotas and export permits, in the database: an accepted Pakistan export declaration is counted
 * once against the quota of each line's commodity for the period holding the declaration date, and against the permit
 * covering each line (when the permit limits tonnes). All or nothing: when one quota or permit would be exceeded,
 * nothing of the declaration is counted and the findings say which, by how much. A declaration is known by agreement,
 * jurisdiction, exporter and declaration number ({@link #declarationKey}). Counting the same document again (a
 * redelivery after a crash, an operator's replay) changes nothing and is not refused; the same declaration sent again
 * as another document is refused with DUPLICATE_DECLARATION naming the document it was counted from. Safe under
 * concurrent documents and several gateway instances: each total only ever grows by a conditional
 * {@code UPDATE ... WHERE used + this <= limit}, in one transaction with the row that marks the declaration counted.
 *
 * <p>Each call runs in a transaction of its own (a caller's transaction is suspended), so a rejection of the
 * declaration later in the caller's transaction leaves the count in place; counting it again is harmless.
 */
@Component
public class AllowanceLedger {

    /** What a total is kept for. */
    public enum Kind {
        QUOTA,
        PERMIT
    }

    /** Tonnes used so far of one quota or permit of an agreement. */
    public record Usage(Kind kind, String id, BigDecimal usedTonnes) {}

    /** Tonnes are kept to the gram, as the database column holds them. */
    private static final int SCALE = 6;
    /** Deadlocks and lock timeouts are retried from the start this many times (the transaction left no trace). */
    private static final int ATTEMPTS = 10;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AgreementRules rules;
    private final Clock clock;
    private final AuditLog audit;

    public AllowanceLedger(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            Clock clock,
            ReferenceData reference,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.rules = new AgreementRules(clock, reference);
        this.clock = clock;
    }

    /**
     * Counts an accepted export declaration against its agreement's quotas and permits. Returns no findings when it
     * is counted (or was counted before from this same document); a DUPLICATE_DECLARATION error when it was counted
     * from another document; otherwise QUOTA_EXCEEDED / PERMIT_EXCEEDED errors, and nothing is counted. Any other
     * document (an import declaration, an invoice) is not counted and gives no findings.
     */
    public List<Finding> count(CanonicalDocument document, Agreement agreement) {
        if (!(document.body() instanceof CustomsDeclaration declaration)
                || !AgreementRules.isPakistanExport(declaration)) {
            return List.of();
        }
        String key = declarationKey(document, declaration);
        Optional<Counted> earlier = counted(agreement.id(), key);
        if (earlier.isPresent()) {
            return duplicate(document, declaration, agreement, earlier.get());
        }
        LocalDate date = rules.dateOf(declaration);
        Map<Allowance, Charge> charges = charges(declaration, agreement, date);
        for (int attempt = 1; ; attempt++) {
            for (Allowance allowance : charges.keySet()) {
                ensureRow(agreement.id(), allowance);
            }
            try {
                return tx.execute(status -> {
                    List<Finding> exceeded = countOnce(document, declaration, agreement, key, date, charges);
                    if (!exceeded.isEmpty()) {
                        status.setRollbackOnly();
                    }
                    return exceeded;
                });
            } catch (DuplicateKeyException countedMeanwhile) {
                // the same declaration was counted by another document (or instance) while this one was on its way
                return counted(agreement.id(), key)
                        .map(c -> duplicate(document, declaration, agreement, c))
                        .orElseThrow(() -> countedMeanwhile);
            } catch (ConcurrencyFailureException deadlockOrTimeout) {
                // rolled back entirely: nothing of this attempt is left, so it is safe to start over
                if (attempt >= ATTEMPTS) {
                    throw deadlockOrTimeout;
                }
            }
        }
    }

    /** True when this declaration has been counted under this agreement (from this document or another). */
    public boolean isCounted(CanonicalDocument document, Agreement agreement) {
        return document.body() instanceof CustomsDeclaration declaration
                && counted(agreement.id(), declarationKey(document, declaration))
                        .isPresent();
    }

    /** The tonnes used of every quota and permit of an agreement that has been counted against, quotas first. */
    public List<Usage> usage(String agreementId) {
        return jdbc.query(
                "SELECT allowance_kind, allowance_id, used_tonnes FROM allowance_usage"
                        + " WHERE agreement_id = ? ORDER BY allowance_kind DESC, allowance_id",
                (rs, n) -> new Usage(
                        Kind.valueOf(rs.getString(1)),
                        rs.getString(2),
                        rs.getBigDecimal(3).setScale(SCALE, RoundingMode.HALF_UP)),
                agreementId);
    }

    /** The tonnes used of one quota or permit (zero when nothing was counted against it). */
    public BigDecimal used(String agreementId, Kind kind, String id) {
        return usage(agreementId).stream()
                .filter(u -> u.kind() == kind && u.id().equals(id))
                .findFirst()
                .map(Usage::usedTonnes)
                .orElse(BigDecimal.ZERO.setScale(SCALE));
    }

    private List<Finding> countOnce(
            CanonicalDocument document,
            CustomsDeclaration declaration,
            Agreement agreement,
            String key,
            LocalDate date,
            Map<Allowance, Charge> charges) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        jdbc.update(
                "INSERT INTO allowance_counts (agreement_id, declaration_key, document_id, declaration_date,"
                        + " counted_at) VALUES (?, ?, ?, ?, ?)",
                agreement.id(),
                key,
                document.documentId(),
                Date.valueOf(date),
                now);
        List<Finding> exceeded = new ArrayList<>();
        // one order for every declaration, so two of them never wait on each other's rows (no deadlock)
        for (Map.Entry<Allowance, Charge> entry : charges.entrySet()) {
            Allowance allowance = entry.getKey();
            Charge charge = entry.getValue();
            int updated = jdbc.update(
                    "UPDATE allowance_usage SET used_tonnes = used_tonnes + ?, updated_at = ?"
                            + " WHERE agreement_id = ? AND allowance_kind = ? AND allowance_id = ?"
                            + " AND used_tonnes + ? <= ?",
                    charge.tonnes,
                    now,
                    agreement.id(),
                    allowance.kind.name(),
                    allowance.id,
                    charge.tonnes,
                    charge.limit);
            if (updated == 0) {
                BigDecimal used = jdbc.queryForObject(
                        "SELECT used_tonnes FROM allowance_usage WHERE agreement_id = ?"
                                + " AND allowance_kind = ? AND allowance_id = ?",
                        BigDecimal.class,
                        agreement.id(),
                        allowance.kind.name(),
                        allowance.id);
                exceeded.add(exceededFinding(document, declaration, agreement, allowance, charge, used));
            } else {
                jdbc.update(
                        "INSERT INTO allowance_count_lines (agreement_id, declaration_key, allowance_kind,"
                                + " allowance_id, tonnes) VALUES (?, ?, ?, ?, ?)",
                        agreement.id(),
                        key,
                        allowance.kind.name(),
                        allowance.id,
                        charge.tonnes);
            }
        }
        if (exceeded.isEmpty()) {
            // in this transaction: an exceeded declaration rolls back, entry and all
            audit.append(
                    "quota.counted",
                    document.documentId(),
                    "agreement " + agreement.id() + ", declaration "
                            + key + " of " + date + ": "
                            + charges.entrySet().stream()
                                    .map(e -> e.getKey().kind + " " + e.getKey().id + " +"
                                            + e.getValue().tonnes.toPlainString() + " t")
                                    .toList());
        }
        return exceeded;
    }

    private Finding exceededFinding(
            CanonicalDocument document,
            CustomsDeclaration declaration,
            Agreement agreement,
            Allowance allowance,
            Charge charge,
            BigDecimal used) {
        String name = AgreementRules.documentName(document);
        String tonnes = Amounts.computed(charge.tonnes) + " t";
        String after = Amounts.computed(used.add(charge.tonnes)) + " t";
        String usedNow = Amounts.computed(used) + " t";
        String limit = Amounts.computed(charge.limit) + " t";
        if (allowance.kind == Kind.QUOTA) {
            return Finding.error(
                    FindingCode.QUOTA_EXCEEDED,
                    charge.field,
                    name + ": quota " + allowance.id
                            + " of agreement " + agreement.id() + " for " + charge.subject + " (" + charge.period
                            + ") has "
                            + usedNow + " used; this declaration's " + tonnes + " would bring it to " + after
                            + ", above its limit of " + limit + ". Nothing of this declaration was counted.");
        }
        return Finding.error(
                FindingCode.PERMIT_EXCEEDED,
                charge.field,
                name + ": export permit " + allowance.id
                        + " (" + charge.period + ") has " + usedNow + " used; this declaration's " + tonnes
                        + " would bring it to " + after + ", above the " + limit
                        + " it allows. Nothing of this declaration"
                        + " was counted.");
    }

    /** The tonnes each quota and permit receives from this declaration, summed over its lines. */
    private Map<Allowance, Charge> charges(CustomsDeclaration declaration, Agreement agreement, LocalDate date) {
        Map<Allowance, Charge> charges =
                new TreeMap<>(Comparator.comparing((Allowance a) -> a.kind).thenComparing(a -> a.id));
        List<Agreement.Permit> permits = rules.permitsByLine(declaration, agreement);
        for (int i = 0; i < declaration.lines().size(); i++) {
            CustomsDeclaration.Line line = declaration.lines().get(i);
            Optional<BigDecimal> tonnes = Amounts.lineTonnes(line, SCALE);
            if (tonnes.isEmpty()) {
                continue;
            }
            String field = "body.lines[" + i + "].quantity";
            Optional<Agreement.Commodity> commodity = agreement.commodityOfHs(line.hsCode());
            Optional<Agreement.Quota> quota = commodity.flatMap(c -> agreement.quotas().stream()
                    .filter(q -> q.commodity().equals(c.code()) && !date.isBefore(q.from()) && !date.isAfter(q.to()))
                    .findFirst());
            quota.ifPresent(q -> charges.computeIfAbsent(
                            new Allowance(Kind.QUOTA, q.id()),
                            a -> new Charge(q.tonnes(), field, q.commodity(), q.from() + " to " + q.to()))
                    .add(tonnes.get()));
            Agreement.Permit permit = permits.get(i);
            if (permit != null && permit.tonnes() != null) {
                charges.computeIfAbsent(
                                new Allowance(Kind.PERMIT, permit.number()),
                                a -> new Charge(
                                        permit.tonnes(),
                                        field,
                                        null,
                                        "valid from " + permit.validFrom()
                                                + (permit.validTo() != null ? " to " + permit.validTo() : "")))
                        .add(tonnes.get());
            }
        }
        return charges;
    }

    /**
     * How the ledger knows a declaration (under its agreement): {@code <jurisdiction>|<exporter>|<number>}, the
     * exporter by its NTN (else its first id as {@code SCHEME:value}, else its name). A declaration number is unique
     * only within one customs administration, and one exporter's number must never stand in for another's. A
     * declaration not yet numbered is known by its document id: each such document is counted on its own.
     */
    static String declarationKey(CanonicalDocument document, CustomsDeclaration declaration) {
        if (declaration.declarationNo() == null || declaration.declarationNo().isBlank()) {
            return document.documentId();
        }
        String exporter = exporterKey(declaration.exporter());
        return Objects.toString(declaration.jurisdiction(), "") + "|"
                + (exporter.length() <= 64 ? exporter : exporter.substring(0, 64)) + "|"
                + declaration.declarationNo().trim();
    }

    private static String exporterKey(Party exporter) {
        if (exporter == null) {
            return "";
        }
        Optional<PartyId> id = exporter.ids().stream()
                .filter(i -> "NTN".equals(i.scheme()))
                .findFirst()
                .or(() -> exporter.ids().stream().findFirst());
        if (id.isPresent()) {
            return id.get().scheme() + ":" + id.get().value().trim();
        }
        return Objects.toString(exporter.name(), "").trim().toUpperCase(Locale.ROOT);
    }

    /** The document a declaration was counted from, and when. */
    private record Counted(String documentId, Instant at) {}

    private Optional<Counted> counted(String agreementId, String key) {
        return jdbc
                .query(
                        "SELECT document_id, counted_at FROM allowance_counts WHERE agreement_id = ?"
                                + " AND declaration_key = ?",
                        (rs, n) ->
                                new Counted(rs.getString(1), rs.getTimestamp(2).toInstant()),
                        agreementId,
                        key)
                .stream()
                .findFirst();
    }

    /**
     * Nothing, when the declaration was counted from this very document (it is being processed again); else the
     * refusal of a second document carrying a declaration already counted.
     */
    private static List<Finding> duplicate(
            CanonicalDocument document, CustomsDeclaration declaration, Agreement agreement, Counted earlier) {
        if (document.documentId().equals(earlier.documentId())) {
            return List.of();
        }
        Party party = declaration.exporter();
        String exporter = party == null
                ? ""
                : " of " + party.name()
                        + (party.ids().isEmpty()
                                ? ""
                                : " (" + exporterKey(party).replace(':', ' ') + ")");
        return List.of(Finding.error(
                FindingCode.DUPLICATE_DECLARATION,
                "body.declarationNo",
                AgreementRules.documentName(document) + exporter + " in " + declaration.jurisdiction()
                        + " was already counted against the quotas and permits of agreement " + agreement.id()
                        + " from document " + earlier.documentId() + " on "
                        + earlier.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + ". The same declaration sent again as another"
                        + " document is refused, so that it is counted once; nothing was counted again."));
    }

    /**
     * The usage row a conditional update needs, created with 0 t in a transaction of its own. When two declarations
     * create it at once, one insert fails on the key (on PostgreSQL that aborts its transaction, hence its own): the
     * row is there either way.
     */
    private void ensureRow(String agreementId, Allowance allowance) {
        Integer n = jdbc.queryForObject(
                "SELECT count(*) FROM allowance_usage WHERE agreement_id = ?"
                        + " AND allowance_kind = ? AND allowance_id = ?",
                Integer.class,
                agreementId,
                allowance.kind.name(),
                allowance.id);
        if (n != null && n > 0) {
            return;
        }
        try {
            tx.executeWithoutResult(s -> jdbc.update(
                    "INSERT INTO allowance_usage (agreement_id, allowance_kind,"
                            + " allowance_id, used_tonnes, updated_at) VALUES (?, ?, ?, ?, ?)",
                    agreementId,
                    allowance.kind.name(),
                    allowance.id,
                    BigDecimal.ZERO,
                    Timestamp.from(Instant.now(clock))));
        } catch (DuplicateKeyException createdMeanwhile) {
            // another declaration created it first: exactly what was needed
        }
    }

    /** A quota or permit, by kind and id. */
    private record Allowance(Kind kind, String id) {}

    /** What one declaration adds to one allowance: the tonnes, the limit, and how a finding names it. */
    private static final class Charge {
        private final BigDecimal limit;
        private final String field;
        private final String subject;
        private final String period;
        private BigDecimal tonnes = BigDecimal.ZERO.setScale(SCALE);

        Charge(BigDecimal limit, String field, String subject, String period) {
            this.limit = limit;
            this.field = field;
            this.subject = subject;
            this.period = period;
        }

        void add(BigDecimal more) {
            tonnes = tonnes.add(more);
        }
    }
}
