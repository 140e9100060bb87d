package org.corridor.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.corridor.agreement.Agreement;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Invoice;
import org.corridor.canonical.Quantity;
import org.corridor.rules.AgreementRules;

/**
 * The public figures of one agreement, per commodity and month, as its disclosure policy allows: computed from the
 * shipments' canonical documents and the quota ledger, never from anything else, so that what is not public cannot
 * slip in. A cell standing for fewer shipments than the policy's minimum publishes nothing but that it is withheld.
 */
public record TransparencyReport(
        String agreementRef,
        int agreementVersion,
        String title,
        String note,
        int minimumShipments,
        Instant asOf,
        long auditHeadSeq,
        String auditHeadHash,
        List<Cell> cells,
        List<QuotaRow> quotas,
        List<PermitRow> permits,
        List<RefusalRow> refusals) {

    /** One commodity in one month: shipment count and sums, or withheld (then every figure is null). */
    public record Cell(
            String commodity,
            String month,
            boolean withheld,
            Integer shipments,
            BigDecimal wetTonnes,
            BigDecimal dryTonnes,
            Map<String, BigDecimal> declaredValue,
            Map<String, Integer> documentsByKind,
            Map<String, BigDecimal> permitTonnes,
            Times dropToDelivered,
            Times acknowledgement,
            Map<String, List<String>> publicValues) {}

    /**
     * How long something took, over the documents of a cell: how many were measured, how many are still waiting
     * (not delivered to every recipient, or no acknowledgement yet), and the median and 95th percentile in seconds
     * (nearest rank; null when none was measured).
     */
    public record Times(int measured, int waiting, BigDecimal p50Seconds, BigDecimal p95Seconds) {}

    /** One export permit of the agreement: its validity, its limit (null: none), tonnes used (null when withheld). */
    public record PermitRow(
            String number,
            String issuer,
            LocalDate validFrom,
            LocalDate validTo,
            BigDecimal allowedTonnes,
            boolean withheld,
            BigDecimal usedTonnes) {}

    /**
     * The agreement's documents refused in one month (received then), for one commodity (null: not known, the
     * document was refused before its commodity was), by reason code; withheld when fewer than the policy's minimum.
     */
    public record RefusalRow(
            String commodity, String month, boolean withheld, Integer documents, Map<String, Integer> byReason) {}

    /** One quota period: allowed tonnes, used tonnes (null when withheld: too few shipments counted against it). */
    public record QuotaRow(
            String quotaId,
            String commodity,
            LocalDate from,
            LocalDate to,
            BigDecimal allowedTonnes,
            boolean withheld,
            BigDecimal usedTonnes) {}

    /** One shipment of the agreement: its documents (a dossier's) and how they went through the gateway. */
    public record Shipment(String shipmentRef, List<CanonicalDocument> documents, Flow flow) {
        public Shipment(String shipmentRef, List<CanonicalDocument> documents) {
            this(shipmentRef, documents, Flow.NONE);
        }
    }

    /**
     * The times of one shipment's documents: from the drop of each document's file to its delivery to the last of its
     * recipients, and from each delivery that owes an acknowledgement to the acknowledgement; with how many are still
     * waiting for either.
     */
    public record Flow(
            List<Duration> dropToDelivered, int notDelivered, List<Duration> acknowledged, int notAcknowledged) {
        public static final Flow NONE = new Flow(List.of(), 0, List.of(), 0);
    }

    /** One refused document of the agreement: its commodity (null: unknown), the month it came in, the reason code. */
    public record Refusal(String commodity, YearMonth month, String reasonCode) {}

    /**
     * What a report is computed from: the agreement's shipments, its refused documents, and the tonnes the allowance
     * ledger has counted per quota id and per permit number.
     */
    public record Facts(
            List<Shipment> shipments,
            List<Refusal> refusals,
            Map<String, BigDecimal> quotaUsed,
            Map<String, BigDecimal> permitUsed) {}

    private static final int TONNES_SCALE = 3;

    /** The report of this agreement from its shipments and the used tonnes per quota id. */
    public static TransparencyReport compute(
            Agreement agreement, AgreementRules rules, Facts facts, Instant asOf, long headSeq, String headHash) {
        List<Shipment> shipments = facts.shipments();
        // each shipment's tonnes per permit, worked out once: the cells and the permit rows both use them
        Map<Shipment, Map<String, BigDecimal>> tonnesByPermit = new IdentityHashMap<>();
        shipments.forEach(s -> tonnesByPermit.put(s, permitTonnes(s, rules, agreement)));
        Agreement.Disclosure policy =
                agreement.disclosure() != null ? agreement.disclosure() : new Agreement.Disclosure(Map.of(), null);
        int minimum = policy.minimum();
        Map<String, List<Shipment>> byCell = new TreeMap<>();
        for (Shipment s : shipments) {
            String commodity = commodityOf(s);
            YearMonth month = monthOf(s);
            if (commodity == null || month == null) {
                // a shipment without declaration or commodity yet is counted once it has both
                continue;
            }
            byCell.computeIfAbsent(commodity + "\u0000" + month, k -> new ArrayList<>())
                    .add(s);
        }
        List<Cell> cells = new ArrayList<>();
        byCell.forEach((key, list) -> {
            String[] parts = key.split("\u0000");
            if (list.size() < minimum) {
                cells.add(new Cell(parts[0], parts[1], true, null, null, null, null, null, null, null, null, null));
            } else {
                cells.add(cell(parts[0], parts[1], list, policy, tonnesByPermit));
            }
        });
        List<QuotaRow> quotas = new ArrayList<>();
        for (Agreement.Quota q : agreement.quotas()) {
            long counted = shipments.stream()
                    .filter(s -> q.commodity().equals(commodityOf(s)))
                    .filter(s -> {
                        LocalDate d = declarationDate(s);
                        return d != null && !d.isBefore(q.from()) && !d.isAfter(q.to());
                    })
                    .count();
            BigDecimal used = facts.quotaUsed().getOrDefault(q.id(), BigDecimal.ZERO);
            // no shipment at all stands for nobody: an unused quota is published as such
            boolean withheld = counted > 0 && counted < minimum;
            quotas.add(new QuotaRow(
                    q.id(),
                    q.commodity(),
                    q.from(),
                    q.to(),
                    q.tonnes(),
                    withheld,
                    withheld ? null : used.setScale(TONNES_SCALE, RoundingMode.HALF_UP)));
        }
        List<PermitRow> permits = new ArrayList<>();
        for (Agreement.Permit p : agreement.permits()) {
            List<Map<String, BigDecimal>> using = shipments.stream()
                    .map(tonnesByPermit::get)
                    .filter(t -> t.containsKey(p.number()))
                    .toList();
            // a permit without a limit is not in the ledger: its tonnes are the shipments'
            BigDecimal used = facts.permitUsed().containsKey(p.number())
                    ? facts.permitUsed().get(p.number())
                    : using.stream().map(t -> t.get(p.number())).reduce(BigDecimal.ZERO, BigDecimal::add);
            boolean withheld = !using.isEmpty() && using.size() < minimum;
            permits.add(new PermitRow(
                    p.number(),
                    p.issuer(),
                    p.validFrom(),
                    p.validTo(),
                    p.tonnes(),
                    withheld,
                    withheld ? null : used.setScale(TONNES_SCALE, RoundingMode.HALF_UP)));
        }
        return new TransparencyReport(
                agreement.id(),
                agreement.version(),
                agreement.title(),
                policy.note(),
                minimum,
                asOf,
                headSeq,
                headHash,
                List.copyOf(cells),
                List.copyOf(quotas),
                List.copyOf(permits),
                refusals(facts.refusals(), minimum));
    }

    /** Refused documents per commodity and month, by reason code; withheld below the minimum. */
    private static List<RefusalRow> refusals(List<Refusal> refusals, int minimum) {
        Map<List<String>, Map<String, Integer>> byCell =
                new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        for (Refusal r : refusals) {
            // unknown commodity sorts last ("~" after the codes' capitals)
            List<String> key = List.of(r.month().toString(), r.commodity() == null ? "~" : r.commodity());
            byCell.computeIfAbsent(key, k -> new TreeMap<>()).merge(r.reasonCode(), 1, Integer::sum);
        }
        List<RefusalRow> rows = new ArrayList<>();
        byCell.forEach((key, reasons) -> {
            int documents =
                    reasons.values().stream().mapToInt(Integer::intValue).sum();
            String commodity = key.get(1).equals("~") ? null : key.get(1);
            rows.add(
                    documents < minimum
                            ? new RefusalRow(commodity, key.get(0), true, null, null)
                            : new RefusalRow(commodity, key.get(0), false, documents, reasons));
        });
        return List.copyOf(rows);
    }

    /** A shipment's tonnes per permit (its export declaration's lines), empty without a Pakistan export declaration. */
    private static Map<String, BigDecimal> permitTonnes(Shipment s, AgreementRules rules, Agreement agreement) {
        CustomsDeclaration declaration = declaration(s);
        if (declaration == null || !AgreementRules.isPakistanExport(declaration)) {
            return Map.of();
        }
        return rules.tonnesByPermit(declaration, agreement);
    }

    /** Nearest-rank median and 95th percentile of these durations, in seconds to the tenth. */
    static Times times(List<Duration> durations, int waiting) {
        List<Duration> sorted = durations.stream().sorted().toList();
        return new Times(sorted.size(), waiting, percentile(sorted, 50), percentile(sorted, 95));
    }

    private static BigDecimal percentile(List<Duration> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return BigDecimal.valueOf(sorted.get(Math.max(rank, 1) - 1).toMillis())
                .movePointLeft(3)
                .setScale(1, RoundingMode.HALF_UP);
    }

    private static Cell cell(
            String commodity,
            String month,
            List<Shipment> list,
            Agreement.Disclosure policy,
            Map<Shipment, Map<String, BigDecimal>> tonnesByPermit) {
        BigDecimal wet = BigDecimal.ZERO;
        BigDecimal dry = BigDecimal.ZERO;
        Map<String, BigDecimal> value = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, List<String>> publicValues = new TreeMap<>();
        Map<String, BigDecimal> permitTonnes = new TreeMap<>();
        List<Duration> delivered = new ArrayList<>();
        List<Duration> acknowledged = new ArrayList<>();
        int notDelivered = 0;
        int notAcknowledged = 0;
        boolean valuePublic = policy.publishable(DocumentKind.CUSTOMS_DECLARATION, "body.totalValue")
                && policy.publishable(DocumentKind.CUSTOMS_DECLARATION, "body.currency");
        for (Shipment s : list) {
            for (CanonicalDocument d : s.documents()) {
                kinds.merge(d.kind().name(), 1, Integer::sum);
                publicFields(d, policy, publicValues);
            }
            tonnesByPermit.get(s).forEach((number, t) -> permitTonnes.merge(number, t, BigDecimal::add));
            delivered.addAll(s.flow().dropToDelivered());
            acknowledged.addAll(s.flow().acknowledged());
            notDelivered += s.flow().notDelivered();
            notAcknowledged += s.flow().notAcknowledged();
            CustomsDeclaration declaration = declaration(s);
            for (CustomsDeclaration.Line line : declaration.lines()) {
                wet = wet.add(tonnes(line.quantity(), "WET"));
                dry = dry.add(tonnes(line.quantity(), "DRY"));
            }
            BigDecimal invoiceDry = s.documents().stream()
                    .filter(d -> d.body() instanceof Invoice)
                    .flatMap(d -> ((Invoice) d.body()).lines().stream())
                    .map(l -> tonnes(l.quantity(), "DRY"))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            // the declaration gives wet tonnes; the dry ones come from the invoice (priced on dry weight)
            dry = dry.add(invoiceDry);
            if (valuePublic && declaration.totalValue() != null && declaration.currency() != null) {
                value.merge(declaration.currency(), declaration.totalValue(), BigDecimal::add);
            }
        }
        Map<String, List<String>> sortedPublic = new TreeMap<>();
        publicValues.forEach((k, v) -> sortedPublic.put(k, List.copyOf(new TreeSet<>(v))));
        return new Cell(
                commodity,
                month,
                false,
                list.size(),
                wet.setScale(TONNES_SCALE, RoundingMode.HALF_UP),
                dry.setScale(TONNES_SCALE, RoundingMode.HALF_UP),
                value,
                kinds,
                scaled(permitTonnes),
                times(delivered, notDelivered),
                times(acknowledged, notAcknowledged),
                sortedPublic);
    }

    private static Map<String, BigDecimal> scaled(Map<String, BigDecimal> tonnes) {
        Map<String, BigDecimal> out = new TreeMap<>();
        tonnes.forEach((k, v) -> out.put(k, v.setScale(TONNES_SCALE, RoundingMode.HALF_UP)));
        return out;
    }

    /** The public fields' values, as text, by {@code KIND body.path}; only paths the policy lists as public. */
    private static void publicFields(CanonicalDocument d, Agreement.Disclosure policy, Map<String, List<String>> into) {
        List<String> paths = policy.publicFields().getOrDefault(d.kind(), List.of());
        JsonNode tree = paths.isEmpty() ? null : FieldPaths.tree(d);
        for (String path : paths) {
            List<String> values = FieldPaths.values(tree, path);
            if (!values.isEmpty()) {
                into.computeIfAbsent(d.kind().name() + " " + path, k -> new ArrayList<>())
                        .addAll(values);
            }
        }
    }

    private static BigDecimal tonnes(Quantity q, String basis) {
        if (q == null || q.value() == null || !basis.equalsIgnoreCase(Objects.toString(q.basis(), ""))) {
            return BigDecimal.ZERO;
        }
        String unit = Objects.toString(q.unit(), "").toUpperCase(java.util.Locale.ROOT);
        return switch (unit) {
            case "T", "TNE", "MT", "DMT", "WMT" -> q.value();
            case "KG", "KGM" -> q.value().movePointLeft(3);
            default -> BigDecimal.ZERO;
        };
    }

    static String commodityOf(Shipment s) {
        for (CanonicalDocument d : s.documents()) {
            if (d.enrichment() != null && d.enrichment().commodity() != null) {
                return d.enrichment().commodity();
            }
            if (d.body() instanceof AssayCertificate a && a.commodity() != null) {
                return a.commodity();
            }
        }
        return null;
    }

    private static CustomsDeclaration declaration(Shipment s) {
        return s.documents().stream()
                .filter(d -> d.body() instanceof CustomsDeclaration)
                .map(d -> (CustomsDeclaration) d.body())
                .findFirst()
                .orElse(null);
    }

    private static LocalDate declarationDate(Shipment s) {
        CustomsDeclaration d = declaration(s);
        return d == null ? null : d.declarationDate();
    }

    /** The month a shipment counts in: its export declaration's date (the date quotas are counted on). */
    static YearMonth monthOf(Shipment s) {
        LocalDate d = declarationDate(s);
        return d == null ? null : YearMonth.from(d);
    }

    /**
     * This report with only the cells and refusals of one month (and every quota and permit: they run over periods,
     * not months).
     */
    public TransparencyReport month(YearMonth month) {
        return new TransparencyReport(
                agreementRef,
                agreementVersion,
                title,
                note,
                minimumShipments,
                asOf,
                auditHeadSeq,
                auditHeadHash,
                cells.stream().filter(c -> c.month().equals(month.toString())).toList(),
                quotas,
                permits,
                refusals.stream()
                        .filter(r -> r.month().equals(month.toString()))
                        .toList());
    }
}
