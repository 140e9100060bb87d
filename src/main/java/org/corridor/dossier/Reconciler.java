package org.corridor.dossier;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.corridor.agreement.Agreement;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Invoice;
import org.corridor.canonical.PackingList;
import org.corridor.canonical.Quantity;
import org.corridor.canonical.ShippingDocument;
import org.corridor.canonical.TransportEvent;
import org.corridor.problem.Finding;
import org.corridor.problem.FindingCode;
import org.corridor.problem.Severity;

/**
 * Checks the documents of one shipment against each other: the same lots, containers, seals and HS codes
 * everywhere, weights within the agreement's tolerance, dry = wet × (1 − H2O/100), the lots adding up to the
 * declared quantity, moisture measured recently enough before loading, one currency — and which required documents
 * are still missing. Each check runs only when the documents on both sides are there. Pure: no database, no clock.
 */
final class Reconciler {

    /** The order documents are compared and named in: the weight list first, it is the most detailed. */
    private static final List<DocumentKind> ORDER = List.of(
            DocumentKind.PACKING_LIST,
            DocumentKind.BILL_OF_LADING,
            DocumentKind.SHIPPING_INSTRUCTION,
            DocumentKind.CUSTOMS_DECLARATION,
            DocumentKind.ASSAY_CERTIFICATE,
            DocumentKind.INVOICE,
            DocumentKind.TRANSPORT_EVENT);

    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final BigDecimal THOUSAND = new BigDecimal("1000");

    /** The findings of the whole dossier: reconciliation first, then the documents still missing. */
    public List<Finding> reconcile(List<CanonicalDocument> documents, Agreement agreement) {
        return reconcileByDocument(documents, agreement).stream()
                .map(DossierFinding::finding)
                .toList();
    }

    /** The same findings, each with the document it is about. */
    public List<DossierFinding> reconcileByDocument(List<CanonicalDocument> documents, Agreement agreement) {
        List<CanonicalDocument> docs = sorted(documents);
        List<DossierFinding> out = new ArrayList<>();
        lots(docs, out);
        containers(docs, out);
        seals(docs, out);
        hsCodes(docs, out);
        weights(docs, agreement, out);
        dryWeights(docs, agreement, out);
        lotSums(docs, out);
        moistureAge(docs, agreement, out);
        currency(docs, out);
        completeness(docs, agreement, out);
        return out;
    }

    /** Documents in comparison order (by kind, then number), so findings never depend on arrival order. */
    static List<CanonicalDocument> sorted(List<CanonicalDocument> documents) {
        return documents.stream()
                .sorted(Comparator.comparingInt((CanonicalDocument d) -> rank(d.kind()))
                        .thenComparing(d -> Objects.toString(number(d), ""))
                        .thenComparing(d -> Objects.toString(d.documentId(), "")))
                .toList();
    }

    private static int rank(DocumentKind kind) {
        int i = ORDER.indexOf(kind);
        return i < 0 ? ORDER.size() : i;
    }

    // --- lots, containers, HS codes: every value in every document that carries such values ---

    private void lots(List<CanonicalDocument> docs, List<DossierFinding> out) {
        Map<CanonicalDocument, Map<String, String>> byDoc = new LinkedHashMap<>();
        for (CanonicalDocument d : docs) {
            Map<String, String> lots = new LinkedHashMap<>();
            if (d.body() instanceof PackingList p) {
                for (int i = 0; i < p.packages().size(); i++) {
                    putFirst(lots, p.packages().get(i).lotNo(), "body.packages[" + i + "].lotNo");
                }
            } else if (d.body() instanceof ShippingDocument s) {
                for (int i = 0; i < s.goods().size(); i++) {
                    for (String lot : s.goods().get(i).lotNos()) {
                        putFirst(lots, lot, "body.goods[" + i + "].lotNos");
                    }
                }
            } else if (d.body() instanceof AssayCertificate a) {
                for (int i = 0; i < a.results().size(); i++) {
                    putFirst(lots, a.results().get(i).lotNo(), "body.results[" + i + "].lotNo");
                }
            } else {
                continue;
            }
            if (!lots.isEmpty()) {
                byDoc.put(d, lots);
            }
        }
        sameEverywhere(byDoc, FindingCode.LOT_MISMATCH, "Lot", Set.of(), out);
    }

    private void containers(List<CanonicalDocument> docs, List<DossierFinding> out) {
        Map<CanonicalDocument, Map<String, String>> byDoc = new LinkedHashMap<>();
        Set<CanonicalDocument> partial = new LinkedHashSet<>();
        for (CanonicalDocument d : docs) {
            Map<String, String> containers = new LinkedHashMap<>();
            if (d.body() instanceof PackingList p) {
                for (int i = 0; i < p.packages().size(); i++) {
                    putFirst(containers, p.packages().get(i).containerNo(), "body.packages[" + i + "].containerNo");
                }
            } else if (d.body() instanceof ShippingDocument s) {
                for (int i = 0; i < s.equipment().size(); i++) {
                    putFirst(containers, s.equipment().get(i).containerNo(), "body.equipment[" + i + "].containerNo");
                }
            } else if (d.body() instanceof CustomsDeclaration c) {
                for (int i = 0; i < c.containers().size(); i++) {
                    putFirst(containers, c.containers().get(i).containerNo(), "body.containers[" + i + "].containerNo");
                }
            } else if (d.body() instanceof TransportEvent e) {
                // an event is about one container of the shipment: it need not name the others
                putFirst(containers, e.containerNo(), "body.containerNo");
                partial.add(d);
            }
            if (!containers.isEmpty()) {
                byDoc.put(d, containers);
            }
        }
        sameEverywhere(byDoc, FindingCode.CONTAINER_MISMATCH, "Container", partial, out);
    }

    private void hsCodes(List<CanonicalDocument> docs, List<DossierFinding> out) {
        Map<CanonicalDocument, Map<String, String>> byDoc = new LinkedHashMap<>();
        for (CanonicalDocument d : docs) {
            Map<String, String> codes = new LinkedHashMap<>();
            if (d.body() instanceof CustomsDeclaration c) {
                for (int i = 0; i < c.lines().size(); i++) {
                    putFirst(codes, hs6(c.lines().get(i).hsCode()), "body.lines[" + i + "].hsCode");
                }
            } else if (d.body() instanceof ShippingDocument s) {
                for (int i = 0; i < s.goods().size(); i++) {
                    putFirst(codes, hs6(s.goods().get(i).hsCode()), "body.goods[" + i + "].hsCode");
                }
            } else if (d.body() instanceof Invoice inv) {
                for (int i = 0; i < inv.lines().size(); i++) {
                    putFirst(codes, hs6(inv.lines().get(i).hsCode()), "body.lines[" + i + "].hsCode");
                }
            }
            if (!codes.isEmpty()) {
                byDoc.put(d, codes);
            }
        }
        sameEverywhere(byDoc, FindingCode.HS_MISMATCH, "HS code", Set.of(), out);
    }

    /**
     * One finding per value that some documents have and others lack, naming both sides. It is about the documents
     * that have the value when they are fewer than those without it (a wrong lot on one document), else about the
     * first document without it (a lot missing from one document).
     */
    private void sameEverywhere(
            Map<CanonicalDocument, Map<String, String>> byDoc,
            FindingCode code,
            String what,
            Set<CanonicalDocument> partial,
            List<DossierFinding> out) {
        if (byDoc.size() < 2) {
            return;
        }
        Set<String> union = new LinkedHashSet<>();
        byDoc.values().forEach(m -> union.addAll(m.keySet()));
        for (String value : union) {
            List<CanonicalDocument> with = byDoc.entrySet().stream()
                    .filter(e -> e.getValue().containsKey(value))
                    .map(Map.Entry::getKey)
                    .toList();
            List<CanonicalDocument> without = byDoc.keySet().stream()
                    .filter(d -> !byDoc.get(d).containsKey(value) && !partial.contains(d))
                    .toList();
            if (without.isEmpty()) {
                continue;
            }
            boolean blameWith = with.size() < without.size() || with.stream().allMatch(partial::contains);
            CanonicalDocument about = blameWith ? with.get(0) : without.get(0);
            String field = blameWith ? byDoc.get(about).get(value) : null;
            String text =
                    what + " " + value + " is in " + labels(with, "and") + " but not in " + labels(without, "or") + ".";
            out.add(new DossierFinding(about.documentId(), Finding.error(code, field, text)));
        }
    }

    private void seals(List<CanonicalDocument> docs, List<DossierFinding> out) {
        // container -> (document -> seals it names for that container, and where)
        Map<String, Map<CanonicalDocument, Set<String>>> seals = new LinkedHashMap<>();
        Map<String, Map<CanonicalDocument, String>> fields = new LinkedHashMap<>();
        for (CanonicalDocument d : docs) {
            if (d.body() instanceof ShippingDocument s) {
                for (int i = 0; i < s.equipment().size(); i++) {
                    ShippingDocument.Equipment e = s.equipment().get(i);
                    for (String seal : e.seals()) {
                        addSeal(seals, fields, e.containerNo(), d, seal, "body.equipment[" + i + "].seals");
                    }
                }
            } else if (d.body() instanceof PackingList p) {
                for (int i = 0; i < p.packages().size(); i++) {
                    PackingList.Package pk = p.packages().get(i);
                    addSeal(seals, fields, pk.containerNo(), d, pk.sealNo(), "body.packages[" + i + "].sealNo");
                }
            } else if (d.body() instanceof CustomsDeclaration c) {
                for (int i = 0; i < c.containers().size(); i++) {
                    CustomsDeclaration.Container k = c.containers().get(i);
                    addSeal(seals, fields, k.containerNo(), d, k.sealNo(), "body.containers[" + i + "].sealNo");
                }
            }
        }
        // a document naming fewer seals (one) agrees when they are among the other's (the carrier adds its own)
        seals.forEach((container, byDoc) -> {
            List<CanonicalDocument> named = new ArrayList<>(byDoc.keySet());
            for (int i = 0; i < named.size(); i++) {
                for (int j = i + 1; j < named.size(); j++) {
                    Set<String> a = byDoc.get(named.get(i));
                    Set<String> b = byDoc.get(named.get(j));
                    if (!a.containsAll(b) && !b.containsAll(a)) {
                        CanonicalDocument about = named.get(j);
                        out.add(new DossierFinding(
                                about.documentId(),
                                Finding.error(
                                        FindingCode.SEAL_MISMATCH,
                                        fields.get(container).get(about),
                                        "Container " + container + " has seal "
                                                + String.join(", ", b) + " in the " + label(about) + " but seal "
                                                + String.join(", ", a) + " in the " + label(named.get(i)) + ".")));
                    }
                }
            }
        });
    }

    private static void addSeal(
            Map<String, Map<CanonicalDocument, Set<String>>> seals,
            Map<String, Map<CanonicalDocument, String>> fields,
            String container,
            CanonicalDocument d,
            String seal,
            String field) {
        if (container == null || seal == null || seal.isBlank()) {
            return;
        }
        seals.computeIfAbsent(container, c -> new LinkedHashMap<>())
                .computeIfAbsent(d, x -> new LinkedHashSet<>())
                .add(seal.trim());
        fields.computeIfAbsent(container, c -> new LinkedHashMap<>()).putIfAbsent(d, field);
    }

    // --- weights ---

    /** A document's total gross and net kilograms, and the fields they come from. */
    private record Weights(
            CanonicalDocument document, BigDecimal grossKg, BigDecimal netKg, String grossField, String netField) {}

    private void weights(List<CanonicalDocument> docs, Agreement agreement, List<DossierFinding> out) {
        List<Weights> sides = new ArrayList<>();
        first(docs, DocumentKind.PACKING_LIST).ifPresent(d -> {
            PackingList p = (PackingList) d.body();
            BigDecimal gross = p.totals() != null && p.totals().grossKg() != null
                    ? p.totals().grossKg()
                    : sum(p.packages(), PackingList.Package::grossKg);
            BigDecimal net = p.totals() != null && p.totals().netKg() != null
                    ? p.totals().netKg()
                    : sum(p.packages(), PackingList.Package::netKg);
            sides.add(new Weights(d, gross, net, "body.totals.grossKg", "body.totals.netKg"));
        });
        first(docs, DocumentKind.BILL_OF_LADING)
                .or(() -> first(docs, DocumentKind.SHIPPING_INSTRUCTION))
                .ifPresent(d -> {
                    ShippingDocument s = (ShippingDocument) d.body();
                    sides.add(new Weights(
                            d,
                            sum(s.goods(), ShippingDocument.Goods::grossWeightKg),
                            sum(s.goods(), ShippingDocument.Goods::netWeightKg),
                            "body.goods[].grossWeightKg",
                            "body.goods[].netWeightKg"));
                });
        first(docs, DocumentKind.CUSTOMS_DECLARATION).ifPresent(d -> {
            CustomsDeclaration c = (CustomsDeclaration) d.body();
            sides.add(new Weights(
                    d,
                    sum(c.lines(), CustomsDeclaration.Line::grossWeightKg),
                    sum(c.lines(), CustomsDeclaration.Line::netWeightKg),
                    "body.lines[].grossWeightKg",
                    "body.lines[].netWeightKg"));
        });
        if (sides.size() < 2) {
            return;
        }
        Weights reference = sides.get(0);
        for (Weights other : sides.subList(1, sides.size())) {
            compareWeight(
                    "gross",
                    reference.grossKg(),
                    other.grossKg(),
                    reference,
                    other,
                    other.grossField(),
                    agreement,
                    out);
            compareWeight("net", reference.netKg(), other.netKg(), reference, other, other.netField(), agreement, out);
        }
    }

    private void compareWeight(
            String which,
            BigDecimal expected,
            BigDecimal actual,
            Weights reference,
            Weights other,
            String field,
            Agreement agreement,
            List<DossierFinding> out) {
        if (expected == null || actual == null || expected.signum() == 0) {
            return;
        }
        BigDecimal pct = percentDifference(expected, actual);
        if (pct.compareTo(agreement.weightTolerance()) > 0) {
            out.add(new DossierFinding(
                    other.document().documentId(),
                    Finding.error(
                            FindingCode.WEIGHT_MISMATCH,
                            field,
                            "The " + which + " weight is " + kg(actual) + " kg in the " + label(other.document())
                                    + " but " + kg(expected) + " kg in the " + label(reference.document())
                                    + ", a difference of "
                                    + pct.toPlainString() + " % (the agreement " + agreement.id() + " allows "
                                    + agreement
                                            .weightTolerance()
                                            .stripTrailingZeros()
                                            .toPlainString() + " %).")));
        }
    }

    private static BigDecimal percentDifference(BigDecimal expected, BigDecimal actual) {
        return actual.subtract(expected).abs().multiply(HUNDRED).divide(expected.abs(), 2, RoundingMode.HALF_UP);
    }

    /**
     * Dry = wet × (1 − H2O/100), lot by lot: the packing list's net wet kilograms per lot with the assay's moisture
     * for that lot, against a dry quantity the declaration or the invoice states. On an invoice the goods' dry
     * quantity is the largest dry mass a line states: payable-metal lines state less, charge lines repeat it.
     */
    private void dryWeights(List<CanonicalDocument> docs, Agreement agreement, List<DossierFinding> out) {
        Optional<CanonicalDocument> packing = first(docs, DocumentKind.PACKING_LIST);
        Optional<CanonicalDocument> assay = first(docs, DocumentKind.ASSAY_CERTIFICATE);
        if (packing.isEmpty() || assay.isEmpty()) {
            return;
        }
        Map<String, BigDecimal> moisture =
                moistureByLot((AssayCertificate) assay.get().body());
        Map<String, BigDecimal> wet = netByLot((PackingList) packing.get().body());
        if (wet.isEmpty() || !moisture.keySet().containsAll(wet.keySet())) {
            return;
        }
        BigDecimal dryKg = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> lot : wet.entrySet()) {
            dryKg = dryKg.add(lot.getValue()
                    .multiply(BigDecimal.ONE.subtract(moisture.get(lot.getKey()).divide(HUNDRED))));
        }
        BigDecimal expectedKg = dryKg.setScale(2, RoundingMode.HALF_UP);
        for (CanonicalDocument d : docs) {
            String field = null;
            Quantity stated = null;
            if (d.body() instanceof CustomsDeclaration c) {
                for (int i = 0; i < c.lines().size(); i++) {
                    Quantity q = c.lines().get(i).quantity();
                    if (isMass(q) && "DRY".equals(q.basis())) {
                        stated = stated == null ? q : new Quantity(kgOf(stated).add(kgOf(q)), "KG", "DRY");
                        field = field == null ? "body.lines[" + i + "].quantity" : "body.lines[].quantity";
                    }
                }
            } else if (d.body() instanceof Invoice inv) {
                for (int i = 0; i < inv.lines().size(); i++) {
                    Quantity q = inv.lines().get(i).quantity();
                    if (isMass(q)
                            && "DRY".equals(q.basis())
                            && (stated == null || kgOf(q).compareTo(kgOf(stated)) > 0)) {
                        stated = q;
                        field = "body.lines[" + i + "].quantity";
                    }
                }
            }
            if (stated == null) {
                continue;
            }
            BigDecimal statedKg = kgOf(stated);
            BigDecimal pct = percentDifference(expectedKg, statedKg);
            if (pct.compareTo(agreement.weightTolerance()) > 0) {
                out.add(new DossierFinding(
                        d.documentId(),
                        Finding.error(
                                FindingCode.DRY_WEIGHT_MISMATCH,
                                field,
                                "The dry quantity is " + kg(statedKg) + " kg in the " + label(d)
                                        + " but the net wet weight of "
                                        + kg(wet.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                                        + " kg in the "
                                        + label(packing.get()) + " less the moisture of the " + label(assay.get())
                                        + " gives "
                                        + kg(expectedKg) + " kg, a difference of " + pct.toPlainString() + " %.")));
            }
        }
    }

    /**
     * The lots add up to the declared quantity: the packing list's net kilograms of all lots against the wet (or
     * unqualified) mass quantity of the declaration's lines, equal at the precision the declaration states.
     */
    private void lotSums(List<CanonicalDocument> docs, List<DossierFinding> out) {
        Optional<CanonicalDocument> packing = first(docs, DocumentKind.PACKING_LIST);
        if (packing.isEmpty()) {
            return;
        }
        Map<String, BigDecimal> byLot = netByLot((PackingList) packing.get().body());
        BigDecimal lotsKg = byLot.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        for (CanonicalDocument d : docs) {
            if (!(d.body() instanceof CustomsDeclaration c)) {
                continue;
            }
            List<Quantity> quantities = c.lines().stream()
                    .map(CustomsDeclaration.Line::quantity)
                    .filter(q -> isMass(q) && !"DRY".equals(q.basis()))
                    .toList();
            if (quantities.isEmpty() || byLot.isEmpty()) {
                continue;
            }
            String unit = quantities.get(0).unit();
            int scale =
                    quantities.stream().mapToInt(q -> q.value().scale()).max().orElse(0);
            BigDecimal stated =
                    quantities.stream().map(q -> inUnit(kgOf(q), unit)).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal lots = inUnit(lotsKg, unit).setScale(Math.max(scale, 0), RoundingMode.HALF_UP);
            if (lots.compareTo(stated.setScale(Math.max(scale, 0), RoundingMode.HALF_UP)) != 0) {
                String lotList = byLot.entrySet().stream()
                        .map(e -> e.getKey() + " " + kg(e.getValue()) + " kg")
                        .collect(Collectors.joining(", "));
                out.add(new DossierFinding(
                        d.documentId(),
                        Finding.error(
                                FindingCode.LOT_SUM_MISMATCH,
                                quantities.size() == 1 ? "body.lines[0].quantity" : "body.lines[].quantity",
                                "The lots of the " + label(packing.get()) + " (" + lotList + ") add up to "
                                        + lots.toPlainString() + " " + unit + " but the " + label(d) + " declares "
                                        + stated.toPlainString() + " " + unit + ".")));
            }
        }
    }

    /** IMSBC Group A in bulk: the moisture of each lot measured at most maxAgeDays before loading. */
    private void moistureAge(List<CanonicalDocument> docs, Agreement agreement, List<DossierFinding> out) {
        Optional<CanonicalDocument> assay = first(docs, DocumentKind.ASSAY_CERTIFICATE);
        if (assay.isEmpty()) {
            return;
        }
        AssayCertificate certificate = (AssayCertificate) assay.get().body();
        Optional<Agreement.MoistureRule> rule = agreement
                .commodity(certificate.commodity())
                .map(Agreement.Commodity::moisture)
                .filter(Agreement.MoistureRule::bulk);
        Optional<Loading> loading = loading(docs);
        if (rule.isEmpty() || loading.isEmpty()) {
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < certificate.results().size(); i++) {
            AssayResult r = certificate.results().get(i);
            if (!"H2O".equals(r.analyte()) || r.analysisDate() == null || !seen.add(r.lotNo())) {
                continue;
            }
            long days = ChronoUnit.DAYS.between(r.analysisDate(), loading.get().date());
            if (days > rule.get().maxAgeDays()) {
                out.add(new DossierFinding(
                        assay.get().documentId(),
                        Finding.error(
                                FindingCode.MOISTURE_TOO_OLD,
                                "body.results[" + i + "].analysisDate",
                                "The moisture of lot " + r.lotNo() + " in the "
                                        + label(assay.get()) + " was measured on " + r.analysisDate() + ", " + days
                                        + " days before loading on "
                                        + loading.get().date() + " ("
                                        + label(loading.get().source())
                                        + "); the agreement " + agreement.id() + " allows at most "
                                        + rule.get().maxAgeDays()
                                        + " days for " + certificate.commodity() + ".")));
            }
        }
    }

    private record Loading(LocalDate date, CanonicalDocument source) {}

    private static Optional<Loading> loading(List<CanonicalDocument> docs) {
        for (CanonicalDocument d : docs) {
            if (d.body() instanceof ShippingDocument s && s.shippedOnBoardDate() != null) {
                return Optional.of(new Loading(s.shippedOnBoardDate(), d));
            }
        }
        return docs.stream()
                .filter(d ->
                        d.body() instanceof TransportEvent e && "LOADED".equals(e.event()) && e.eventTime() != null)
                .map(d -> new Loading(((TransportEvent) d.body()).eventTime().toLocalDate(), d))
                .min(Comparator.comparing(Loading::date));
    }

    /** The invoice's currency against the currency of the declaration's financial instrument. */
    private void currency(List<CanonicalDocument> docs, List<DossierFinding> out) {
        Optional<CanonicalDocument> declaration = first(docs, DocumentKind.CUSTOMS_DECLARATION);
        if (declaration.isEmpty()) {
            return;
        }
        CustomsDeclaration c = (CustomsDeclaration) declaration.get().body();
        String instrument = instrumentCurrency(c);
        if (instrument == null) {
            return;
        }
        for (CanonicalDocument d : docs) {
            if (d.body() instanceof Invoice inv
                    && inv.currency() != null
                    && !inv.currency().equals(instrument)) {
                String what = c.financialInstrument() != null
                                && c.financialInstrument().number() != null
                        ? "the " + c.financialInstrument().type() + " "
                                + c.financialInstrument().number() + " of the " + label(declaration.get())
                        : "the " + label(declaration.get());
                out.add(new DossierFinding(
                        d.documentId(),
                        Finding.error(
                                FindingCode.CURRENCY_MISMATCH,
                                "body.currency",
                                "The " + label(d) + " is in " + inv.currency() + " but " + what + " is in " + instrument
                                        + ".")));
            }
        }
    }

    /** The financial instrument's currency; where the declaration names none (CUSDEC), its declared currency. */
    private static String instrumentCurrency(CustomsDeclaration declaration) {
        CustomsDeclaration.FinancialInstrument fi = declaration.financialInstrument();
        // a CUSDEC names no instrument currency: then the declared invoice currency stands for it
        return fi != null && fi.currency() != null ? fi.currency() : declaration.currency();
    }

    /** DOCUMENT_MISSING (INFO) for each required document not there yet. */
    private void completeness(List<CanonicalDocument> docs, Agreement agreement, List<DossierFinding> out) {
        for (Agreement.RequiredDocument required : agreement.requiredDocuments()) {
            if (docs.stream().noneMatch(d -> required.satisfiedBy(d.kind()))) {
                String names =
                        required.anyOf().stream().map(Reconciler::kindName).collect(Collectors.joining(" or "));
                out.add(new DossierFinding(
                        null,
                        Finding.of(
                                FindingCode.DOCUMENT_MISSING,
                                Severity.INFO,
                                null,
                                "The shipment has no " + names + " yet; the agreement " + agreement.id()
                                        + " requires one.")));
            }
        }
    }

    /** Which required documents are there: the dossier is complete when this is true and no error remains. */
    public static boolean allRequiredPresent(List<CanonicalDocument> docs, Agreement agreement) {
        return agreement.requiredDocuments().stream()
                .allMatch(r -> docs.stream().anyMatch(d -> r.satisfiedBy(d.kind())));
    }

    // --- helpers ---

    private static Optional<CanonicalDocument> first(List<CanonicalDocument> docs, DocumentKind kind) {
        return docs.stream().filter(d -> d.kind() == kind).findFirst();
    }

    private static Map<String, BigDecimal> moistureByLot(AssayCertificate certificate) {
        // the first H2O result of a lot (the seller's sample comes first in a certificate)
        Map<String, BigDecimal> h2o = new LinkedHashMap<>();
        for (AssayResult r : certificate.results()) {
            if ("H2O".equals(r.analyte()) && r.lotNo() != null && r.value() != null && r.qualifier() == null) {
                h2o.putIfAbsent(r.lotNo(), r.value());
            }
        }
        return h2o;
    }

    private static Map<String, BigDecimal> netByLot(PackingList packing) {
        Map<String, BigDecimal> byLot = new LinkedHashMap<>();
        for (PackingList.Package p : packing.packages()) {
            if (p.lotNo() != null && p.netKg() != null) {
                byLot.merge(p.lotNo(), p.netKg(), BigDecimal::add);
            }
        }
        return byLot;
    }

    private static boolean isMass(Quantity q) {
        return q != null && q.value() != null && ("T".equals(q.unit()) || "KG".equals(q.unit()));
    }

    private static BigDecimal kgOf(Quantity q) {
        return "T".equals(q.unit()) ? q.value().multiply(THOUSAND) : q.value();
    }

    private static BigDecimal inUnit(BigDecimal kg, String unit) {
        return "T".equals(unit) ? kg.divide(THOUSAND) : kg;
    }

    private static <T> BigDecimal sum(List<T> items, Function<T, BigDecimal> value) {
        List<BigDecimal> values =
                items.stream().map(value).filter(Objects::nonNull).toList();
        return values.isEmpty() ? null : values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String kg(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static void putFirst(Map<String, String> map, String value, String field) {
        if (value != null && !value.isBlank()) {
            map.putIfAbsent(value.trim(), field);
        }
    }

    private static String hs6(String code) {
        if (code == null) {
            return null;
        }
        String digits = code.replaceAll("[^0-9]", "");
        return digits.length() >= 6 ? digits.substring(0, 6) : digits.isEmpty() ? null : digits;
    }

    /** "the packing list P", "the packing list P and the bill of lading B", "the A, the B or the C". */
    private static String labels(List<CanonicalDocument> docs, String conjunction) {
        List<String> names = docs.stream().map(d -> "the " + label(d)).toList();
        return names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " " + conjunction + " "
                        + names.get(names.size() - 1);
    }

    /** How a clerk names the document: its kind and number ("packing list FWO-PL-2025-0147"). */
    public static String label(CanonicalDocument document) {
        String number = number(document);
        return kindName(document.kind()) + (number == null ? "" : " " + number);
    }

    static String kindName(DocumentKind kind) {
        return switch (kind) {
            case CUSTOMS_DECLARATION -> "export declaration";
            case ASSAY_CERTIFICATE -> "assay certificate";
            case PACKING_LIST -> "packing list";
            case SHIPPING_INSTRUCTION -> "shipping instruction";
            case BILL_OF_LADING -> "bill of lading";
            case INVOICE -> "invoice";
            case TRANSPORT_EVENT -> "transport event";
            case CUSTOMS_RESPONSE -> "customs response";
            case ACKNOWLEDGEMENT -> "acknowledgement";
            case SHIPMENT_DOSSIER -> "shipment dossier";
        };
    }

    /** The document's own number, by which a later document of the same kind replaces it. */
    public static String number(CanonicalDocument document) {
        if (document.body() instanceof AssayCertificate a) {
            return a.certificateNo();
        } else if (document.body() instanceof CustomsDeclaration c) {
            return c.declarationNo() != null ? c.declarationNo() : c.invoiceNo();
        } else if (document.body() instanceof PackingList p) {
            return p.packingListNo();
        } else if (document.body() instanceof ShippingDocument s) {
            return s.documentNo() != null ? s.documentNo() : s.blNo();
        } else if (document.body() instanceof Invoice i) {
            return i.invoiceNo();
        } else if (document.body() instanceof TransportEvent e) {
            return e.event() + " " + Objects.toString(e.containerNo(), Objects.toString(e.blNo(), ""))
                    + (e.eventTime() == null ? "" : " " + e.eventTime());
        }
        return document.documentId();
    }
}
