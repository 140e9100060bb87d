package org.corridor.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
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
        List<QuotaRow> quotas) {

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
            Map<String, List<String>> publicValues) {}

    /** One quota period: allowed tonnes, used tonnes (null when withheld: too few shipments counted against it). */
    public record QuotaRow(
            String quotaId,
            String commodity,
            LocalDate from,
            LocalDate to,
            BigDecimal allowedTonnes,
            boolean withheld,
            BigDecimal usedTonnes) {}

    /** One shipment of the agreement: its documents (a dossier's). */
    public record Shipment(String shipmentRef, List<CanonicalDocument> documents) {}

    private static final int TONNES_SCALE = 3;

    /** The report of this agreement from its shipments and the used tonnes per quota id. */
    public static TransparencyReport compute(
            Agreement agreement,
            List<Shipment> shipments,
            Map<String, BigDecimal> quotaUsed,
            Instant asOf,
            long headSeq,
            String headHash) {
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
                cells.add(new Cell(parts[0], parts[1], true, null, null, null, null, null, null));
            } else {
                cells.add(cell(parts[0], parts[1], list, policy));
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
            BigDecimal used = quotaUsed.get(q.id());
            boolean withheld = counted < minimum;
            quotas.add(new QuotaRow(
                    q.id(),
                    q.commodity(),
                    q.from(),
                    q.to(),
                    q.tonnes(),
                    withheld,
                    withheld || used == null ? null : used.setScale(TONNES_SCALE, RoundingMode.HALF_UP)));
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
                List.copyOf(quotas));
    }

    private static Cell cell(String commodity, String month, List<Shipment> list, Agreement.Disclosure policy) {
        BigDecimal wet = BigDecimal.ZERO;
        BigDecimal dry = BigDecimal.ZERO;
        Map<String, BigDecimal> value = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, List<String>> publicValues = new TreeMap<>();
        boolean valuePublic = policy.publishable(DocumentKind.CUSTOMS_DECLARATION, "body.totalValue")
                && policy.publishable(DocumentKind.CUSTOMS_DECLARATION, "body.currency");
        for (Shipment s : list) {
            for (CanonicalDocument d : s.documents()) {
                kinds.merge(d.kind().name(), 1, Integer::sum);
                publicFields(d, policy, publicValues);
            }
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
                sortedPublic);
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

    /** This report with only the cells of one month (and every quota: they run over periods, not months). */
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
                quotas);
    }
}
