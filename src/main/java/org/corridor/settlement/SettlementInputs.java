package org.corridor.settlement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.PricingTerms;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.PackingList;
import org.corridor.canonical.ShippingDocument;
import org.corridor.rules.Amounts;

/**
 * What a shipment's dossier gives its settlement: the commodity and its pricing terms, the bill of lading's wet
 * weight and date, and each party's assay (seller, buyer, umpire) as one value per analyte. A certificate's lots are
 * averaged weighted by the packing list's net wet weight of each lot when the packing list names every lot, else
 * plainly; the steps say which.
 */
record SettlementInputs(
        String shipmentRef,
        Agreement agreement,
        String commodity,
        PricingTerms terms,
        BigDecimal wmt,
        LocalDate blDate,
        String blNo,
        String contractRef,
        Map<String, RoleAssay> assays) {

    static final String SELLER = "SELLER";
    static final String BUYER = "BUYER";
    static final String UMPIRE = "UMPIRE";
    static final String MOISTURE = "H2O";

    /** One party's assay: per analyte a value in its unit, the certificates it came from, the latest issue date. */
    record RoleAssay(
            String role,
            Map<String, Measured> values,
            List<String> certificates,
            LocalDate issued,
            String how,
            Set<String> lots,
            boolean weighted) {

        /** Several lots and no weight for each: a plain mean would depend on which document came first. */
        boolean lacksLotWeights() {
            return lots.size() > 1 && !weighted;
        }
    }

    /** A value and its canonical unit (PCT, PPM, G_PER_T). */
    record Measured(BigDecimal value, String unit) {}

    /** The inputs of a dossier under this agreement; empty when its commodity has no pricing terms. */
    static Optional<SettlementInputs> of(String shipmentRef, List<CanonicalDocument> documents, Agreement agreement) {
        String commodity = null;
        BigDecimal wetKg = null;
        LocalDate blDate = null;
        String blNo = null;
        String contractRef = null;
        Map<String, BigDecimal> lotWetKg = new LinkedHashMap<>();
        for (CanonicalDocument d : documents) {
            if (d.body() instanceof AssayCertificate a) {
                commodity = commodity == null ? a.commodity() : commodity;
                contractRef = contractRef == null ? a.contractRef() : contractRef;
            }
            if (d.body() instanceof org.corridor.canonical.Invoice i && contractRef == null) {
                contractRef = i.contractRef();
            }
            if (d.kind() == DocumentKind.BILL_OF_LADING && d.body() instanceof ShippingDocument s) {
                BigDecimal sum = BigDecimal.ZERO;
                boolean any = false;
                for (ShippingDocument.Goods g : s.goods()) {
                    if (g.netWeightKg() != null) {
                        sum = sum.add(g.netWeightKg());
                        any = true;
                    }
                    if (commodity == null && g.hsCode() != null) {
                        commodity = agreement
                                .commodityOfHs(g.hsCode())
                                .map(Agreement.Commodity::code)
                                .orElse(null);
                    }
                }
                wetKg = any ? sum : null;
                blDate = s.shippedOnBoardDate();
                blNo = s.blNo() != null ? s.blNo() : s.documentNo();
            }
            if (d.body() instanceof PackingList p) {
                for (PackingList.Package pk : p.packages()) {
                    if (pk.lotNo() != null && pk.netKg() != null) {
                        lotWetKg.merge(pk.lotNo(), pk.netKg(), BigDecimal::add);
                    }
                }
            }
        }
        if (lotWetKg.isEmpty()) {
            lotWetKg.putAll(singleLotLines(documents));
        }
        if (commodity == null) {
            return Optional.empty();
        }
        Optional<PricingTerms> terms = agreement.commodity(commodity).map(Agreement.Commodity::pricing);
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        Map<String, RoleAssay> assays = new LinkedHashMap<>();
        for (String role : List.of(SELLER, BUYER, UMPIRE)) {
            assay(role, documents, lotWetKg).ifPresent(a -> assays.put(role, a));
        }
        // the wet tonnes as the B/L states them (kg to t, exact); the calculation rounds its DMT
        BigDecimal wmt = wetKg == null ? null : wetKg.movePointLeft(3);
        return Optional.of(new SettlementInputs(
                shipmentRef, agreement, commodity, terms.get(), wmt, blDate, blNo, contractRef, assays));
    }

    /** The B/L's goods lines that carry exactly one lot: that lot's net wet kg (when no packing list weighs them). */
    private static Map<String, BigDecimal> singleLotLines(List<CanonicalDocument> documents) {
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        for (CanonicalDocument d : documents) {
            if (d.kind() == DocumentKind.BILL_OF_LADING && d.body() instanceof ShippingDocument s) {
                for (ShippingDocument.Goods g : s.goods()) {
                    if (g.lotNos().size() == 1 && g.netWeightKg() != null) {
                        weights.merge(g.lotNos().get(0), g.netWeightKg(), BigDecimal::add);
                    }
                }
            }
        }
        return weights;
    }

    /** A result's role: as the lab states it, SELLER when it states none (the exporter's lab certifies the lot). */
    private static String role(AssayResult r) {
        return r.sampleRole() == null || r.sampleRole().isBlank()
                ? SELLER
                : r.sampleRole().strip().toUpperCase(Locale.ROOT);
    }

    private static Optional<RoleAssay> assay(
            String role, List<CanonicalDocument> documents, Map<String, BigDecimal> lotWetKg) {
        // analyte -> lot -> values (a lot measured twice is averaged first)
        Map<String, Map<String, List<BigDecimal>>> byAnalyte = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        List<String> certificates = new ArrayList<>();
        LocalDate issued = null;
        for (CanonicalDocument d : documents) {
            if (!(d.body() instanceof AssayCertificate a)) {
                continue;
            }
            boolean used = false;
            for (AssayResult r : a.results()) {
                if (!role.equals(role(r)) || r.value() == null || r.analyte() == null) {
                    continue;
                }
                String unit = units.putIfAbsent(r.analyte(), r.unit());
                BigDecimal value =
                        unit == null || unit.equals(r.unit()) ? r.value() : convert(r.value(), r.unit(), unit);
                if (value == null) {
                    continue;
                }
                byAnalyte
                        .computeIfAbsent(r.analyte(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.lotNo() == null ? "" : r.lotNo(), k -> new ArrayList<>())
                        .add(value);
                used = true;
            }
            if (used) {
                certificates.add(a.certificateNo());
                if (a.issueDate() != null && (issued == null || a.issueDate().isAfter(issued))) {
                    issued = a.issueDate();
                }
            }
        }
        if (byAnalyte.isEmpty()) {
            return Optional.empty();
        }
        Set<String> lots = new LinkedHashSet<>();
        byAnalyte.values().forEach(m -> lots.addAll(m.keySet()));
        boolean weighted = !lotWetKg.isEmpty() && lotWetKg.keySet().containsAll(lots);
        Map<String, Measured> values = new LinkedHashMap<>();
        byAnalyte.forEach((analyte, perLot) -> {
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal weight = BigDecimal.ZERO;
            for (Map.Entry<String, List<BigDecimal>> lot : perLot.entrySet()) {
                BigDecimal mean = mean(lot.getValue());
                BigDecimal w = weighted ? lotWetKg.get(lot.getKey()) : BigDecimal.ONE;
                sum = sum.add(mean.multiply(w));
                weight = weight.add(w);
            }
            values.put(analyte, new Measured(sum.divide(weight, 4, RoundingMode.HALF_UP), units.get(analyte)));
        });
        String how = lots.size() <= 1
                ? "one lot"
                : weighted
                        ? lots.size() + " lots, weighted by the packing list's net wet kg per lot"
                        : lots.size() + " lots, plain mean (no weight for every lot)";
        return Optional.of(
                new RoleAssay(role, values, List.copyOf(certificates), issued, how, Set.copyOf(lots), weighted));
    }

    private static BigDecimal mean(List<BigDecimal> values) {
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(values.size()), 6, RoundingMode.HALF_UP);
    }

    /** A value in another unit (a grade: PCT, PPM, G_PER_T); the value as it is when it names no unit; else null. */
    static BigDecimal convert(BigDecimal value, String from, String to) {
        return from == null || to == null
                ? value
                : Amounts.convert(value, from, to).orElse(null);
    }

    /**
     * The role's values the terms need, each in the unit the terms state it in: the paid analyte (payable or grade) in
     * PCT, a penalty element in its penalty unit, H2O in PCT. Analytes the terms do not use are left out.
     */
    Map<String, BigDecimal> forTerms(String role) {
        RoleAssay a = assays.get(role);
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        if (a == null) {
            return out;
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        paidAnalyte().ifPresent(x -> wanted.put(x, "PCT"));
        if (terms.gradeAdjustments() != null) {
            terms.gradeAdjustments().forEach(g -> wanted.putIfAbsent(g.analyte(), "PCT"));
        }
        if (terms.penalties() != null) {
            terms.penalties().forEach(p -> wanted.putIfAbsent(p.analyte(), p.unit() == null ? "PCT" : p.unit()));
        }
        wanted.forEach((analyte, unit) -> {
            Measured m = a.values().get(analyte);
            if (m != null) {
                BigDecimal v = convert(m.value(), m.unit(), unit);
                if (v != null) {
                    out.put(analyte, v);
                }
            }
        });
        return out;
    }

    /** The role's moisture (H2O, per cent as received), if it measured one. */
    Optional<BigDecimal> moisture(String role) {
        RoleAssay a = assays.get(role);
        return a == null
                ? Optional.empty()
                : Optional.ofNullable(a.values().get(MOISTURE)).map(m -> convert(m.value(), m.unit(), "PCT"));
    }

    /** The analyte the price pays for: the payable metal of a concentrate, the graded metal or oxide otherwise. */
    Optional<String> paidAnalyte() {
        if (terms.payable() != null && terms.payable().analyte() != null) {
            return Optional.of(terms.payable().analyte());
        }
        if (terms.gradeAdjustments() != null && !terms.gradeAdjustments().isEmpty()) {
            return Optional.of(terms.gradeAdjustments().get(0).analyte());
        }
        return Optional.empty();
    }

    /** Whether this commodity is weighed wet (a concentrate: its DMT needs the moisture). */
    boolean needsMoisture() {
        return agreement.commodity(commodity).map(c -> c.moisture() != null).orElse(false)
                || assays.values().stream().anyMatch(a -> a.values().containsKey(MOISTURE));
    }
}
