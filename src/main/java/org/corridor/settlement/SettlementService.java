package org.corridor.settlement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.agreement.PricingTerms;
import org.corridor.base.FileNames;
import org.corridor.base.FileWrites;
import org.corridor.base.FolderLayout;
import org.corridor.base.Leadership;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.canonical.Invoice;
import org.corridor.canonical.ShipmentDossier;
import org.corridor.dossier.DossierService;
import org.corridor.settlement.price.PricePoint;
import org.corridor.settlement.price.PriceStore;
import org.corridor.settlement.price.PricesStored;
import org.corridor.settlement.price.QpAverage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles each shipment whose commodity the agreement prices: a <b>provisional</b> invoice once the dossier has the
 * bill of lading's weight, the seller's assay and a price on the B/L date; a <b>final</b> one (final invoice, debit or
 * credit note for the balance) once the buyer's assay (and the umpire's, when the two split beyond the limit) is in
 * and the quotational period has closed with prices in it. A stage whose inputs are missing waits, with the reason,
 * and is looked at again when a document joins the dossier, when prices arrive, and every few minutes (a closing
 * quotational period, a restart).
 *
 * <p>An invoice is issued by writing it as canonical JSON into the gateway's own intake ({@code inbox/settlement}):
 * from there it is archived, tracked, filed in its dossier and delivered to whom the agreement names for INVOICE, in
 * that partner's format, like any document. The file's bytes depend on the inputs only, so writing it again after a
 * crash gives the same document id, which the intake and delivery already take once: the buyer gets each invoice
 * exactly once. The stage's row is locked while it is decided, so two documents of one shipment arriving together do
 * not both issue it.
 */
@Component
public class SettlementService {

    static final String PROVISIONAL = SettlementState.Stage.PROVISIONAL.name();
    static final String FINAL = SettlementState.Stage.FINAL.name();
    static final String WAITING = SettlementState.State.WAITING.name();
    static final String ISSUING = SettlementState.State.ISSUING.name();
    static final String ISSUED = SettlementState.State.ISSUED.name();
    /** The inbox the gateway's own invoices go through. */
    public static final String INBOX = "settlement";

    private static final Logger LOG = LoggerFactory.getLogger(SettlementService.class);
    private static final String INVOICE_PREFIX = "STL-";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final DossierService dossiers;
    private final AgreementCatalog agreements;
    private final PriceStore prices;
    private final FolderLayout folders;
    private final Clock clock;
    private final Leadership leadership;
    private final ObjectMapper json = CanonicalJson.mapper();

    SettlementService(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            DossierService dossiers,
            AgreementCatalog agreements,
            PriceStore prices,
            FolderLayout folders,
            Leadership leadership,
            Clock clock) {
        this.jdbc = jdbc;
        this.leadership = leadership;
        this.tx = tx;
        this.dossiers = dossiers;
        this.agreements = agreements;
        this.prices = prices;
        this.folders = folders;
        this.clock = clock;
    }

    /**
     * Brings the shipment's settlement as far as its dossier and the prices allow, under this agreement (null: the
     * dossier's own); returns its stages, none when its commodity is not priced by the agreement.
     */
    public List<SettlementState> settle(String shipmentRef, Agreement agreement) {
        Optional<String> named = dossiers.resolve(shipmentRef);
        if (named.isEmpty()) {
            return List.of();
        }
        String name = named.get();
        if (!begun(name)) {
            // a settlement begins with the shipment's loading: until a bill of lading is in the dossier there is
            // nothing to wait for yet (and the many dossiers of lone certificates cost one query here)
            return List.of();
        }
        adoptAliases(name);
        Optional<ShipmentDossier> dossier = dossiers.dossier(name);
        if (dossier.isEmpty()) {
            return List.of();
        }
        Agreement terms =
                agreement != null ? agreement : agreementOf(dossier.get()).orElse(null);
        if (terms == null) {
            return List.of();
        }
        Optional<SettlementInputs> inputs =
                SettlementInputs.of(name, dossier.get().documents(), terms).filter(i -> i.terms() != null);
        if (inputs.isEmpty()) {
            return List.of();
        }
        open(inputs.get());
        List<Pending> pending = tx.execute(status -> decide(inputs.get()));
        for (Pending p : pending == null ? List.<Pending>of() : pending) {
            issue(p);
        }
        return states(name);
    }

    /** Whether the shipment's settlement has begun: a bill of lading in its dossier, or stages already decided. */
    private boolean begun(String shipmentRef) {
        Integer found = jdbc.queryForObject(
                "SELECT (SELECT COUNT(*) FROM dossier_documents WHERE shipment_ref = ? AND kind = 'BILL_OF_LADING' AND"
                        + " replaced_by IS NULL) + (SELECT COUNT(*) FROM settlements WHERE shipment_ref = ?)",
                Integer.class,
                shipmentRef,
                shipmentRef);
        return found != null && found > 0;
    }

    /**
     * A dossier renamed (its provisional name replaced by the shipment reference a document declared) or merged into
     * another keeps its settlement: the stages decided under an earlier name move to the name, unless the name has
     * stages of its own. Otherwise an invoice issued under the old name would be issued again under the new one.
     */
    private void adoptAliases(String name) {
        jdbc.update(
                "UPDATE settlements SET shipment_ref = ? WHERE shipment_ref IN (SELECT alias FROM dossier_aliases"
                        + " WHERE shipment_ref = ?) AND NOT EXISTS (SELECT 1 FROM settlements s WHERE s.shipment_ref ="
                        + " ?)",
                name,
                name,
                name);
    }

    /**
     * The periodic sweep: a quotational period that closed, an invoice a crash left half issued. In a cluster only
     * the leader sweeps (the others would find the same stages and wait on the same row locks).
     */
    @Scheduled(
            initialDelayString = "${corridor.settlement.sweep-initial-delay-ms:10000}",
            fixedDelayString = "${corridor.settlement.sweep-interval-ms:300000}")
    void sweep() {
        if (leadership.leads()) {
            settleWaiting();
        }
    }

    /** The stages still waiting, looked at again: prices arrived, a quotational period closed, the gateway restarted. */
    public void settleWaiting() {
        List<String> waiting = jdbc.queryForList(
                "SELECT DISTINCT shipment_ref FROM settlements WHERE state IN (?, ?) ORDER BY shipment_ref",
                String.class,
                WAITING,
                ISSUING);
        for (String shipment : waiting) {
            try {
                settle(shipment, null);
            } catch (RuntimeException e) {
                // one shipment's trouble must not keep the others waiting; it is tried again next time
                LOG.warn("Settlement of shipment {} not decided: {}", shipment, e.toString());
            }
        }
    }

    /**
     * Prices arrived (committed): the shipments that wait are looked at now. The prices are stored whatever happens
     * here; a settlement that cannot be decided now is left to the sweep, never held against the price file.
     */
    @EventListener
    void pricesArrived(PricesStored event) {
        LOG.info("Prices stored for {}; settling the shipments that wait", event.metals());
        try {
            settleWaiting();
        } catch (RuntimeException e) {
            LOG.warn(
                    "Settlements not looked at after the prices for {}: {}; the sweep tries again",
                    event.metals(),
                    e.toString());
        }
    }

    /** The shipment's stages as they stand (provisional first). */
    public List<SettlementState> states(String shipmentRef) {
        return jdbc.query(
                "SELECT * FROM settlements WHERE shipment_ref = ? ORDER BY CASE stage WHEN 'PROVISIONAL' THEN 0"
                        + " ELSE 1 END",
                (rs, i) -> new SettlementState(
                        rs.getString("shipment_ref"),
                        rs.getString("stage"),
                        rs.getString("agreement_ref"),
                        rs.getString("commodity"),
                        rs.getString("state"),
                        rs.getString("reason"),
                        rs.getString("invoice_no"),
                        rs.getString("invoice_type"),
                        rs.getString("currency"),
                        rs.getBigDecimal("amount"),
                        rs.getString("invoice_file"),
                        tree(rs.getString("calculation")),
                        offset(rs.getObject("updated_at"))),
                shipmentRef);
    }

    /** The partner invoices of the shipment checked against the calculation, oldest first. */
    public List<SettlementCheck> checks(String shipmentRef) {
        return jdbc.query(
                "SELECT * FROM settlement_checks WHERE shipment_ref = ? ORDER BY checked_at, document_id",
                (rs, i) -> new SettlementCheck(
                        rs.getString("document_id"),
                        rs.getString("shipment_ref"),
                        rs.getString("invoice_no"),
                        rs.getString("invoice_type"),
                        rs.getBigDecimal("stated_amount"),
                        rs.getBigDecimal("computed_amount"),
                        rs.getBigDecimal("difference"),
                        rs.getBigDecimal("tolerance"),
                        rs.getString("outcome"),
                        rs.getString("detail"),
                        offset(rs.getObject("checked_at"))),
                shipmentRef);
    }

    /** Whether the gateway issued this invoice number itself (its own invoices are not checked against themselves). */
    public boolean issuedHere(String invoiceNo) {
        return invoiceNo != null
                && invoiceNo.startsWith(INVOICE_PREFIX)
                && !jdbc.queryForList("SELECT stage FROM settlements WHERE invoice_no = ?", String.class, invoiceNo)
                        .isEmpty();
    }

    /**
     * A partner's provisional or final invoice (or note) for the shipment, checked against what the gateway
     * calculates for the same stage; empty for a commercial invoice, one the gateway issued, or an unpriced commodity.
     * Stored, so the dossier shows it; a difference beyond the agreement's tolerance comes back as {@code DIFFERS}.
     */
    public Optional<SettlementCheck> check(CanonicalDocument invoiceDocument, String shipmentRef, Agreement agreement) {
        if (!(invoiceDocument.body() instanceof Invoice invoice)
                || invoice.invoiceType() == null
                || invoice.invoiceType().equals("COMMERCIAL")
                || issuedHere(invoice.invoiceNo())) {
            return Optional.empty();
        }
        Optional<ShipmentDossier> dossier = dossiers.dossier(shipmentRef);
        if (dossier.isEmpty()) {
            return Optional.empty();
        }
        Optional<SettlementInputs> found =
                SettlementInputs.of(dossier.get().shipmentRef(), dossier.get().documents(), agreement);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SettlementInputs in = found.get();
        boolean provisional = invoice.invoiceType().equals("PROVISIONAL");
        Plan plan = provisional ? provisional(in) : finalPlan(in, provisionalIssued(in.shipmentRef()));
        BigDecimal tolerance = in.terms().invoiceTolerance() == null
                ? BigDecimal.ONE
                : in.terms().invoiceTolerance();
        BigDecimal stated = invoice.totalAmount();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String label = "invoice " + invoice.invoiceNo() + " (" + invoice.invoiceType() + ")";
        BigDecimal computed = null;
        BigDecimal difference = null;
        String outcome;
        String detail;
        if (plan.waiting() != null || stated == null) {
            outcome = SettlementCheck.Outcome.NOT_CHECKED.name();
            detail = "The " + label + " is not checked yet: "
                    + (stated == null ? "it states no total amount" : plan.waiting()) + ".";
        } else {
            computed = plan.amount();
            difference = stated.subtract(computed).setScale(2, RoundingMode.HALF_UP);
            boolean differs = difference.abs().compareTo(tolerance) > 0;
            outcome = (differs ? SettlementCheck.Outcome.DIFFERS : SettlementCheck.Outcome.AGREES).name();
            detail = "The " + label + " states " + money(stated) + " " + invoice.currency()
                    + "; the agreement's terms give " + money(computed) + " "
                    + in.terms().currency()
                    + (plan.invoiceType().equals(invoice.invoiceType()) ? "" : " as a " + plan.invoiceType())
                    + ": a difference of " + money(difference) + ", "
                    + (differs ? "more than" : "within") + " the tolerance of " + money(tolerance) + ".";
        }
        SettlementCheck check = new SettlementCheck(
                invoiceDocument.documentId(),
                in.shipmentRef(),
                invoice.invoiceNo(),
                invoice.invoiceType(),
                stated,
                computed,
                difference,
                tolerance,
                outcome,
                detail,
                now);
        store(check);
        return Optional.of(check);
    }

    // --- deciding the stages ---

    /** What one stage can do now: wait (why), or issue this invoice of this amount. */
    private record Plan(
            String waiting,
            String invoiceType,
            BigDecimal amount,
            CanonicalDocument invoice,
            Map<String, Object> calculation) {

        static Plan waitFor(String reason) {
            return new Plan(reason, null, null, null, null);
        }
    }

    /** An invoice committed as ISSUING: to write into the intake, then to mark ISSUED. */
    private record Pending(
            String shipmentRef,
            String stage,
            String invoiceNo,
            String fileName,
            String json,
            OffsetDateTime at,
            String summary) {}

    /**
     * Decides both stages under the rows' lock; an invoice that is due is committed as ISSUING (its bytes and the
     * instant its file carries) and returned to be written after the commit, so that a crash at any point writes the
     * very same file again.
     */
    private List<Pending> decide(SettlementInputs in) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        jdbc.queryForList(
                        "SELECT stage, state, invoice_no, invoice_file, invoice_json, issued_at FROM settlements WHERE"
                                + " shipment_ref = ? FOR UPDATE",
                        in.shipmentRef())
                .forEach(r -> rows.put((String) r.get("stage"), r));
        List<Pending> pending = new ArrayList<>();
        for (String stage : List.of(PROVISIONAL, FINAL)) {
            Map<String, Object> row = rows.get(stage);
            String state = (String) row.get("state");
            if (ISSUED.equals(state)) {
                continue;
            }
            if (ISSUING.equals(state)) {
                // committed before a crash (or by a decision running beside this one): the same file once more
                pending.add(new Pending(
                        in.shipmentRef(),
                        stage,
                        (String) row.get("invoice_no"),
                        (String) row.get("invoice_file"),
                        (String) row.get("invoice_json"),
                        offset(row.get("issued_at")),
                        stage.toLowerCase(Locale.ROOT) + " invoice " + row.get("invoice_no") + ", committed before"));
                continue;
            }
            Plan plan =
                    stage.equals(PROVISIONAL) ? provisional(in) : finalPlan(in, provisionalIssued(in.shipmentRef()));
            if (plan.waiting() != null) {
                jdbc.update(
                        "UPDATE settlements SET reason = ?, commodity = ?, updated_at = ? WHERE shipment_ref = ? AND"
                                + " stage = ? AND (reason IS NULL OR reason <> ?)",
                        truncate(plan.waiting()),
                        in.commodity(),
                        now(),
                        in.shipmentRef(),
                        stage,
                        truncate(plan.waiting()));
                continue;
            }
            String fileName = FileNames.forDisk("SETTLEMENT-" + in.shipmentRef() + "-" + stage + ".json");
            String json = CanonicalJson.write(plan.invoice());
            // whole seconds: every file system keeps them, so the file written again carries the very same time
            OffsetDateTime at = now().truncatedTo(ChronoUnit.SECONDS);
            Invoice invoice = (Invoice) plan.invoice().body();
            jdbc.update(
                    "UPDATE settlements SET state = ?, reason = NULL, invoice_no = ?, invoice_type = ?, currency = ?,"
                            + " amount = ?, invoice_file = ?, invoice_json = ?, issued_at = ?, calculation = ?,"
                            + " updated_at = ? WHERE shipment_ref = ? AND stage = ?",
                    ISSUING,
                    invoice.invoiceNo(),
                    invoice.invoiceType(),
                    invoice.currency(),
                    invoice.totalAmount(),
                    fileName,
                    json,
                    at,
                    text(plan.calculation()),
                    now(),
                    in.shipmentRef(),
                    stage);
            pending.add(new Pending(
                    in.shipmentRef(),
                    stage,
                    invoice.invoiceNo(),
                    fileName,
                    json,
                    at,
                    stage.toLowerCase(Locale.ROOT) + " invoice " + invoice.invoiceNo() + " ("
                            + invoice.invoiceType() + ") for " + money(invoice.totalAmount()) + " "
                            + invoice.currency()));
        }
        return pending;
    }

    /**
     * The shipment's two stage rows, WAITING until decided; each insert on its own, outside the decision's transaction:
     * a concurrent decision may have inserted them first, and on PostgreSQL a failed statement would end the transaction.
     */
    private void open(SettlementInputs in) {
        for (String stage : List.of(PROVISIONAL, FINAL)) {
            try {
                jdbc.update(
                        "INSERT INTO settlements (shipment_ref, stage, agreement_ref, commodity, state, currency,"
                                + " updated_at) SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM settlements"
                                + " WHERE shipment_ref = ? AND stage = ?)",
                        in.shipmentRef(),
                        stage,
                        in.agreement().id(),
                        in.commodity(),
                        WAITING,
                        in.terms().currency(),
                        now(),
                        in.shipmentRef(),
                        stage);
            } catch (DuplicateKeyException concurrent) {
                // a decision beside this one inserted it between the check and the insert: it is there
            }
        }
    }

    /** Writes a committed invoice into the intake and marks its stage ISSUED. */
    private void issue(Pending p) {
        // committed: from here a crash writes the very same file again
        LOG.info("Settlement of shipment {}: {} issued as {}", p.shipmentRef(), p.summary(), p.fileName());
        write(p.fileName(), p.json(), p.at());
        jdbc.update(
                "UPDATE settlements SET state = ?, updated_at = ? WHERE shipment_ref = ? AND stage = ? AND state = ?",
                ISSUED,
                now(),
                p.shipmentRef(),
                p.stage(),
                ISSUING);
    }

    /** The provisional stage: B/L weight and date, the seller's assay (and moisture), the price on the B/L date. */
    private Plan provisional(SettlementInputs in) {
        List<String> missing = new ArrayList<>();
        PricingTerms terms = in.terms();
        if (in.wmt() == null) {
            missing.add("the bill of lading's net weight");
        }
        if (in.blDate() == null) {
            missing.add("the bill of lading's shipped-on-board date");
        }
        Map<String, BigDecimal> seller = in.forTerms(SettlementInputs.SELLER);
        Optional<String> paid = in.paidAnalyte();
        if (paid.isPresent() && !seller.containsKey(paid.get())) {
            missing.add("the seller's assay of " + paid.get());
        }
        Optional<BigDecimal> moisture = in.moisture(SettlementInputs.SELLER);
        if (in.needsMoisture() && moisture.isEmpty()) {
            missing.add("the seller's moisture (H2O)");
        }
        Optional<PricePoint> price = Optional.empty();
        if (in.blDate() != null) {
            price = prices.latestOnOrBefore(
                    terms.price().metal(), terms.price().unit(), terms.price().source(), in.blDate());
            if (price.isEmpty()) {
                missing.add("a " + terms.price().source() + " " + terms.price().metal() + " price in "
                        + terms.price().unit() + " on or before the B/L date " + in.blDate());
            }
        }
        missingAnalytes(in, seller, "seller", missing);
        if (!missing.isEmpty()) {
            return Plan.waitFor("waiting for " + String.join(", ", missing));
        }
        SettlementCalculator.Calculation calc;
        try {
            calc = SettlementCalculator.calculate(
                    terms,
                    in.commodity(),
                    in.wmt(),
                    moisture.orElse(BigDecimal.ZERO),
                    seller,
                    price.get().price());
        } catch (SettlementException e) {
            return Plan.waitFor("cannot be calculated: " + e.getMessage());
        }
        LocalDate issued = latest(
                in.blDate(),
                price.get().date(),
                in.assays().get(SettlementInputs.SELLER).issued());
        String invoiceNo = INVOICE_PREFIX + in.shipmentRef() + "-P";
        CanonicalDocument invoice = SettlementInvoices.provisional(in, calc, invoiceNo, issued);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("stage", PROVISIONAL);
        record.put("inputs", inputs(in, SettlementInputs.SELLER));
        record.put(
                "price",
                Map.of(
                        "rule", "the price on the B/L date, or the last one before it",
                        "date", price.get().date().toString(),
                        "source", price.get().source(),
                        "metal", price.get().metal(),
                        "unit", price.get().unit(),
                        "price", price.get().price()));
        record.put("calculation", calc);
        return new Plan(null, "PROVISIONAL", calc.provisionalAmount(), invoice, record);
    }

    /**
     * The final stage: the provisional invoice issued, both exchange assays (and the umpire's if they split beyond the
     * limit), the quotational period closed with prices in it.
     */
    private Plan finalPlan(SettlementInputs in, Optional<Issued> provisional) {
        PricingTerms terms = in.terms();
        List<String> missing = new ArrayList<>();
        if (provisional.isEmpty()) {
            missing.add("the provisional invoice");
        }
        if (in.wmt() == null || in.blDate() == null) {
            missing.add("the bill of lading's net weight and date");
        }
        Map<String, BigDecimal> seller = in.forTerms(SettlementInputs.SELLER);
        Map<String, BigDecimal> buyer = in.forTerms(SettlementInputs.BUYER);
        Map<String, BigDecimal> umpire =
                in.assays().containsKey(SettlementInputs.UMPIRE) ? in.forTerms(SettlementInputs.UMPIRE) : null;
        Optional<String> paid = in.paidAnalyte();
        if (paid.isPresent() && !buyer.containsKey(paid.get())) {
            missing.add("the buyer's assay of " + paid.get());
        }
        if (paid.isPresent() && !seller.containsKey(paid.get())) {
            missing.add("the seller's assay of " + paid.get());
        }
        missingAnalytes(in, seller, "seller", missing);
        missingAnalytes(in, buyer, "buyer", missing);
        Optional<QpAverage> average = Optional.empty();
        PricingTerms.QuotationalPeriod.Period qp = null;
        if (in.blDate() != null) {
            qp = terms.quotationalPeriod().range(in.blDate());
            LocalDate today = LocalDate.now(clock);
            if (!today.isAfter(qp.to())) {
                missing.add("the quotational period " + qp.from() + " to " + qp.to() + " to close");
            } else {
                average = prices.average(
                        terms.price().metal(),
                        terms.price().unit(),
                        terms.price().source(),
                        qp.from(),
                        qp.to());
                if (average.isEmpty()) {
                    missing.add(terms.price().source() + " " + terms.price().metal() + " prices in "
                            + terms.price().unit() + " from " + qp.from() + " to " + qp.to());
                }
            }
        }
        if (!missing.isEmpty()) {
            return Plan.waitFor("waiting for " + String.join(", ", missing));
        }
        // exchange moisture like any analyte: split within the limit gives the mean, else the umpire decides
        Map<String, BigDecimal> sellerAll = withMoisture(seller, in.moisture(SettlementInputs.SELLER));
        Map<String, BigDecimal> buyerAll = withMoisture(buyer, in.moisture(SettlementInputs.BUYER));
        Map<String, BigDecimal> umpireAll =
                umpire == null ? null : withMoisture(umpire, in.moisture(SettlementInputs.UMPIRE));
        FinalAssay.Determination determination = FinalAssay.determine(terms, sellerAll, buyerAll, umpireAll);
        if (!determination.umpireNeeded().isEmpty()) {
            List<String> splits = determination.umpireNeeded().stream()
                    .map(a -> a + " (seller " + sellerAll.get(a) + ", buyer " + buyerAll.get(a) + ")")
                    .toList();
            return Plan.waitFor("waiting for the umpire's assay: the exchange results split beyond the limit for "
                    + String.join(", ", splits));
        }
        Map<String, BigDecimal> finalAssay = new LinkedHashMap<>(determination.finalAssay());
        BigDecimal moisture = finalAssay.remove(SettlementInputs.MOISTURE);
        if (moisture == null) {
            moisture = in.moisture(SettlementInputs.SELLER).orElse(BigDecimal.ZERO);
        }
        SettlementCalculator.Calculation calc;
        try {
            calc = SettlementCalculator.calculate(
                    terms,
                    in.commodity(),
                    in.wmt(),
                    moisture,
                    finalAssay,
                    average.get().average());
        } catch (SettlementException e) {
            return Plan.waitFor("cannot be calculated: " + e.getMessage());
        }
        Balance balance = Balance.of(terms, calc.net(), provisional.get().amount());
        LocalDate issued = latest(
                qp.to().plusDays(1),
                in.assays().get(SettlementInputs.BUYER).issued(),
                umpire == null ? null : in.assays().get(SettlementInputs.UMPIRE).issued());
        String suffix = switch (balance.invoiceType()) {
            case "CREDIT_NOTE" -> "-C";
            case "DEBIT_NOTE" -> "-D";
            default -> "-F";
        };
        String invoiceNo = INVOICE_PREFIX + in.shipmentRef() + suffix;
        CanonicalDocument invoice = SettlementInvoices.balance(
                in,
                calc,
                balance,
                invoiceNo,
                provisional.get().invoiceNo(),
                provisional.get().amount(),
                issued);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("stage", FINAL);
        Map<String, Object> inputs = inputs(in, SettlementInputs.SELLER);
        inputs.put("buyerAssay", assayInput(in, SettlementInputs.BUYER));
        if (umpire != null) {
            inputs.put("umpireAssay", assayInput(in, SettlementInputs.UMPIRE));
        }
        record.put("inputs", inputs);
        record.put("finalAssay", determination);
        record.put(
                "price",
                Map.of(
                        "rule",
                        "the mean of the prices in the quotational period " + qp.from() + " to " + qp.to(),
                        "average",
                        average.get()));
        record.put("calculation", calc);
        record.put(
                "balance",
                Map.of(
                        "provisionalInvoice", provisional.get().invoiceNo(),
                        "provisionalAmount", provisional.get().amount(),
                        "finalNet", calc.net(),
                        "balance", balance.balance(),
                        "invoiceType", balance.invoiceType(),
                        "amount", balance.amount()));
        return new Plan(null, balance.invoiceType(), balance.amount(), invoice, record);
    }

    /** The analytes the terms price or penalise that this party's assay lacks (the paid one is asked for apart). */
    private static void missingAnalytes(
            SettlementInputs in, Map<String, BigDecimal> assay, String party, List<String> missing) {
        SettlementInputs.RoleAssay measured = in.assays().get(party.toUpperCase(Locale.ROOT));
        if (measured != null && measured.lacksLotWeights()) {
            // each lot's result weighs by its tonnage; without them the figure would depend on the arrival order
            missing.add("the net weight of each of the " + party + "'s assayed lots "
                    + String.join(", ", new java.util.TreeSet<>(measured.lots()))
                    + " (the packing list, or B/L goods lines of one lot each)");
        }
        String paid = in.paidAnalyte().orElse(null);
        List<String> lacking = new ArrayList<>();
        if (in.terms().penalties() != null) {
            in.terms().penalties().stream()
                    .map(PricingTerms.Penalty::analyte)
                    .filter(a -> !a.equals(paid) && !assay.containsKey(a))
                    .forEach(lacking::add);
        }
        if (in.terms().gradeAdjustments() != null) {
            in.terms().gradeAdjustments().stream()
                    .map(PricingTerms.GradeAdjustment::analyte)
                    .filter(a -> !a.equals(paid) && !assay.containsKey(a) && !lacking.contains(a))
                    .forEach(lacking::add);
        }
        if (!lacking.isEmpty()) {
            missing.add(
                    "the " + party + "'s assay of " + String.join(", ", lacking) + " (the terms price or penalise it)");
        }
    }

    private static Map<String, BigDecimal> withMoisture(Map<String, BigDecimal> assay, Optional<BigDecimal> moisture) {
        Map<String, BigDecimal> all = new LinkedHashMap<>(assay);
        moisture.ifPresent(m -> all.put(SettlementInputs.MOISTURE, m));
        return all;
    }

    private record Issued(String invoiceNo, BigDecimal amount) {}

    private Optional<Issued> provisionalIssued(String shipmentRef) {
        return jdbc
                .query(
                        "SELECT invoice_no, amount FROM settlements WHERE shipment_ref = ? AND stage = ? AND state IN"
                                + " (?, ?)",
                        (rs, i) -> new Issued(rs.getString("invoice_no"), rs.getBigDecimal("amount")),
                        shipmentRef,
                        PROVISIONAL,
                        ISSUING,
                        ISSUED)
                .stream()
                .findFirst();
    }

    private static Map<String, Object> inputs(SettlementInputs in, String role) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("billOfLading", in.blNo());
        inputs.put("blDate", in.blDate() == null ? null : in.blDate().toString());
        inputs.put("wmt", in.wmt());
        inputs.put("sellerAssay", assayInput(in, role));
        return inputs;
    }

    private static Map<String, Object> assayInput(SettlementInputs in, String role) {
        SettlementInputs.RoleAssay a = in.assays().get(role);
        Map<String, Object> out = new LinkedHashMap<>();
        if (a == null) {
            return out;
        }
        out.put("certificates", a.certificates());
        out.put("averaged", a.how());
        out.put("values", in.forTerms(role));
        in.moisture(role).ifPresent(m -> out.put("H2O", m));
        return out;
    }

    private Optional<Agreement> agreementOf(ShipmentDossier dossier) {
        if (dossier.agreementRef() == null) {
            return Optional.empty();
        }
        return agreements
                .find(dossier.agreementRef(), LocalDate.now(clock))
                .or(() -> agreements.find(dossier.agreementRef()));
    }

    /**
     * Writes the invoice into the gateway's own inbox, whole or not at all (a temporary name, then a rename), with the
     * modification time its stage committed: the name, bytes and time make the intake's document id.
     */
    private void write(String fileName, String content, OffsetDateTime at) {
        Path inbox = folders.inbox(INBOX);
        Path target = inbox.resolve(fileName);
        try {
            Files.createDirectories(inbox);
            Path temporary = FileWrites.temporaryIn(inbox);
            Files.write(temporary, content.getBytes(StandardCharsets.UTF_8));
            Files.setLastModifiedTime(temporary, FileTime.from(at.toInstant()));
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the settlement invoice " + target, e);
        }
    }

    private void store(SettlementCheck c) {
        jdbc.update("DELETE FROM settlement_checks WHERE document_id = ?", c.documentId());
        jdbc.update(
                "INSERT INTO settlement_checks (document_id, shipment_ref, invoice_no, invoice_type, stated_amount,"
                        + " computed_amount, difference, tolerance, outcome, detail, checked_at) VALUES (?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?)",
                c.documentId(),
                c.shipmentRef(),
                c.invoiceNo(),
                c.invoiceType(),
                c.statedAmount(),
                c.computedAmount(),
                c.difference(),
                c.tolerance(),
                c.outcome(),
                truncate(c.detail()),
                c.checkedAt());
    }

    private static LocalDate latest(LocalDate... dates) {
        LocalDate latest = null;
        for (LocalDate d : dates) {
            if (d != null && (latest == null || d.isAfter(latest))) {
                latest = d;
            }
        }
        return latest;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode tree(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String money(BigDecimal amount) {
        return amount == null ? "" : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    private static OffsetDateTime offset(Object timestamp) {
        if (timestamp == null) {
            return null;
        }
        if (timestamp instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC);
        }
        return ((Timestamp) timestamp).toInstant().atOffset(ZoneOffset.UTC);
    }
}
