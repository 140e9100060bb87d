package org.corridor.render.us;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.PackingList;
import org.corridor.canonical.Party;
import org.corridor.canonical.ReferenceData;
import org.corridor.canonical.ShippingDocument;
import org.corridor.canonical.Vessel;

/**
 * The data set a US customs broker needs for one shipment: the importer's ISF 10+2 elements and the entry summary lines
 * with their statistical reporting quantities, derived from the shipment's canonical documents. A pure function: no
 * I/O, no clock, no reference data lookups; every derived figure carries the inputs it was computed from
 * ({@code basis}) so a broker can check it by hand. See docs/mig/us-broker-data-set.md.
 *
 * <p>Arithmetic is BigDecimal throughout. Rounding (all HALF_UP): weighted H2O % to 4 decimals, dry tonnes to 3
 * decimals (whole kg), weighted grades to 4 decimals, reporting quantities to whole kg / g. Each step uses the rounded
 * figure printed in its basis, so the basis reproduces the result exactly.
 */
public final class UsBrokerDataSet {

    /** What the carrier, not the importer, files for the "+2" of ISF 10+2. */
    public static final String CARRIER_FILED = "carrier-filed";
    /** A single rare-earth oxide at or above this share of TREO is not a mixture (HTS 2846.90.80). */
    public static final BigDecimal SINGLE_OXIDE_THRESHOLD_PCT = new BigDecimal("90");

    static final int H2O_SCALE = 4;
    static final int DRY_TONNES_SCALE = 3;
    static final int GRADE_SCALE = 4;
    private static final RoundingMode HALF_UP = RoundingMode.HALF_UP;
    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final BigDecimal THOUSAND = new BigDecimal("1000");
    private static final BigDecimal TEN = BigDecimal.TEN;
    private static final BigDecimal TEN_THOUSAND = new BigDecimal("10000");

    /** The canonical Jackson configuration, with a node factory that keeps decimals as written (21283.40). */
    private static final ObjectMapper JSON =
            CanonicalJson.mapper().copy().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final ReferenceData reference;

    /** A data set builder reporting content on the US entry lines {@code reference} lists. */
    public UsBrokerDataSet(ReferenceData reference) {
        this.reference = reference;
    }

    // ---------------------------------------------------------------- output records

    /** The whole data set: ISF (null for bulk), the assay figures used, the entry lines and notes. */
    public record DataSet(String blNo, Isf isf, AssayBasis assay, List<EntryLine> entryLines, List<String> notes) {}

    /** One ISF element: its value, the document field it came from, and a note where it is an approximation. */
    public record Sourced<T>(T value, String source, String note) {
        static <T> Sourced<T> of(T value, String source) {
            return new Sourced<>(value, source, null);
        }
    }

    /** Ship-to party: the party and the place the goods are delivered to. */
    public record ShipTo(Party party, String place) {}

    /** A container as the ISF lists it. */
    public record Container(String containerNo, String sizeType, List<String> seals) {}

    /** The importer's 10 elements, the carrier's 2 (marked carrier-filed) and the B/L they attach to. */
    public record Isf(
            Sourced<Party> seller,
            Sourced<Party> buyer,
            Sourced<Party> importerOfRecord,
            Sourced<Party> consignee,
            Sourced<Party> manufacturer,
            Sourced<ShipTo> shipTo,
            Sourced<String> countryOfOrigin,
            Sourced<List<String>> hts6,
            Sourced<String> containerStuffingLocation,
            Sourced<Party> consolidator,
            String vesselStowPlan,
            String containerStatusMessages,
            String blNo,
            String bookingNo,
            Vessel vessel,
            List<Container> containers) {}

    /** One lot as used in the computation: its net wet kg, H2O %, dry kg and the grades taken from its sample. */
    public record Lot(
            String lotNo,
            String sampleId,
            String sampleRole,
            BigDecimal netWetKg,
            BigDecimal h2oPct,
            BigDecimal dryKg,
            Map<String, BigDecimal> grades) {}

    /** The shipment-level figures every entry line is computed from. */
    public record AssayBasis(
            String certificateNo,
            String commodity,
            String netWetKgSource,
            BigDecimal netWetKg,
            BigDecimal h2oPct,
            BigDecimal dryTonnes,
            List<Lot> lots) {}

    /** One entry summary line per HTS statistical number, with its reporting quantity and the inputs. */
    public record EntryLine(
            int lineNo,
            String hts,
            String htsDisplay,
            String description,
            String originCountry,
            BigDecimal quantity,
            String unit,
            String formula,
            Map<String, BigDecimal> basis) {}

    // ---------------------------------------------------------------- entry points

    /** The data set as JSON (decimals written as written, absent values omitted). */
    public JsonNode renderJson(List<CanonicalDocument> shipment) {
        return JSON.valueToTree(render(shipment));
    }

    /** The data set as pretty-printed JSON text. */
    public String renderJsonText(List<CanonicalDocument> shipment) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(render(shipment));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the US broker data set as JSON", e);
        }
    }

    /**
     * Builds the data set from one shipment's canonical documents.
     *
     * @throws IllegalArgumentException naming what is missing (assay certificate, B/L, lot weights, H2O, an analyte)
     */
    public DataSet render(List<CanonicalDocument> shipment) {
        if (shipment == null || shipment.isEmpty()) {
            throw new IllegalArgumentException("empty shipment: no canonical documents");
        }
        AssayCertificate assay = body(shipment, AssayCertificate.class, DocumentKind.ASSAY_CERTIFICATE)
                .orElseThrow(
                        () -> new IllegalArgumentException(
                                "missing ASSAY_CERTIFICATE: the entry lines' reporting quantities need the assay grades and H2O"));
        ShippingDocument bl = body(shipment, ShippingDocument.class, DocumentKind.BILL_OF_LADING)
                .orElseThrow(() -> new IllegalArgumentException(
                        "missing BILL_OF_LADING: the ISF and the B/L number need the carrier's bill of lading"));
        Optional<PackingList> packing = body(shipment, PackingList.class, DocumentKind.PACKING_LIST);
        Optional<CustomsDeclaration> customs =
                body(shipment, CustomsDeclaration.class, DocumentKind.CUSTOMS_DECLARATION);

        List<String> notes = new ArrayList<>();
        String origin = originCountry(customs, bl);
        Isf isf = bl.equipment().isEmpty() ? null : isf(bl, customs, origin);
        if (isf == null) {
            notes.add("No equipment on the B/L: bulk cargo, ISF not required.");
        }
        Commodity commodity = Commodity.of(assay.commodity());
        AssayBasis basis = assayBasis(assay, commodity, bl, packing, notes);
        List<EntryLine> lines = entryLines(commodity, basis, origin, notes);
        return new DataSet(bl.blNo() != null ? bl.blNo() : bl.documentNo(), isf, basis, lines, List.copyOf(notes));
    }

    // ---------------------------------------------------------------- ISF

    private static Isf isf(ShippingDocument bl, Optional<CustomsDeclaration> customs, String origin) {
        Sourced<Party> seller = customs.map(CustomsDeclaration::exporter)
                .map(p -> Sourced.of(p, "CUSTOMS_DECLARATION.exporter"))
                .orElse(Sourced.of(bl.shipper(), "BILL_OF_LADING.shipper"));
        Sourced<Party> buyer = customs.map(CustomsDeclaration::consignee)
                .map(p -> Sourced.of(p, "CUSTOMS_DECLARATION.consignee"))
                .orElse(Sourced.of(bl.consignee(), "BILL_OF_LADING.consignee"));
        Sourced<Party> importer = new Sourced<>(
                bl.consignee(),
                "BILL_OF_LADING.consignee",
                "the B/L consignee is taken as importer of record; its EIN is the IOR number");
        Sourced<Party> consignee = Sourced.of(bl.consignee(), "BILL_OF_LADING.consignee");
        Sourced<Party> manufacturer = new Sourced<>(
                seller.value(),
                seller.source(),
                "the exporter is the producer of the concentrate / oxide (manufacturer or supplier)");
        Sourced<ShipTo> shipTo = new Sourced<>(
                new ShipTo(bl.consignee(), bl.placeOfDelivery()),
                "BILL_OF_LADING.consignee + placeOfDelivery",
                "consignee at the B/L place of delivery");
        Sourced<String> coo = Sourced.of(
                origin,
                customs.isPresent() && customs.get().lines().stream().anyMatch(l -> l.originCountry() != null)
                        ? "CUSTOMS_DECLARATION.lines.originCountry"
                        : "BILL_OF_LADING.shipper.country");
        Set<String> hts6 = new LinkedHashSet<>();
        bl.goods().stream()
                .map(ShippingDocument.Goods::hsCode)
                .filter(h -> h != null && h.length() >= 6)
                .forEach(h -> hts6.add(h.substring(0, 6)));
        String htsSource = "BILL_OF_LADING.goods.hsCode";
        if (hts6.isEmpty() && customs.isPresent()) {
            customs.get().lines().stream()
                    .map(CustomsDeclaration.Line::hsCode)
                    .filter(h -> h != null && h.length() >= 6)
                    .forEach(h -> hts6.add(h.substring(0, 6)));
            htsSource = "CUSTOMS_DECLARATION.lines.hsCode";
        }
        Sourced<String> stuffing = new Sourced<>(
                bl.portOfLoading(),
                "BILL_OF_LADING.portOfLoading",
                "nearest available fact: the documents do not name the stuffing place; port of loading given");
        Sourced<Party> consolidator = new Sourced<>(
                bl.carrier(),
                "BILL_OF_LADING.carrier",
                "no consolidator/NVOCC in the documents: the carrier stuffed-and-carried FCL");
        List<Container> containers = bl.equipment().stream()
                .map(e -> new Container(e.containerNo(), e.sizeType(), e.seals()))
                .toList();
        return new Isf(
                seller,
                buyer,
                importer,
                consignee,
                manufacturer,
                shipTo,
                coo,
                Sourced.of(List.copyOf(hts6), htsSource),
                stuffing,
                consolidator,
                CARRIER_FILED,
                CARRIER_FILED,
                bl.blNo() != null ? bl.blNo() : bl.documentNo(),
                bl.bookingNo(),
                bl.vessel(),
                containers);
    }

    private static String originCountry(Optional<CustomsDeclaration> customs, ShippingDocument bl) {
        if (customs.isPresent()) {
            for (CustomsDeclaration.Line line : customs.get().lines()) {
                if (line.originCountry() != null) {
                    return line.originCountry();
                }
            }
        }
        return bl.shipper() != null ? bl.shipper().country() : null;
    }

    // ---------------------------------------------------------------- assay and weights

    /** The commodities the broker data set knows how to report, from the assay's commodity code. */
    enum Commodity {
        CU_CONC(true),
        SB_CONC(true),
        NDPR_OXIDE(false);

        final boolean needsMoisture;

        Commodity(boolean needsMoisture) {
            this.needsMoisture = needsMoisture;
        }

        static Commodity of(String code) {
            if (code == null) {
                throw new IllegalArgumentException("missing ASSAY_CERTIFICATE.commodity: cannot choose HTS lines");
            }
            try {
                return valueOf(code);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unsupported commodity " + code
                        + " for the US broker data set (supported: CU_CONC, SB_CONC, NDPR_OXIDE)");
            }
        }

        List<String> analytes() {
            return switch (this) {
                case CU_CONC -> List.of("Cu", "Pb", "Zn", "Ag", "Au");
                case SB_CONC -> List.of("Sb");
                case NDPR_OXIDE -> List.of("Nd2O3/TREO", "Pr6O11/TREO");
            };
        }
    }

    private static AssayBasis assayBasis(
            AssayCertificate assay,
            Commodity commodity,
            ShippingDocument bl,
            Optional<PackingList> packing,
            List<String> notes) {
        // lots in assay order; one sample per lot: the SELLER sample if there is one, else the first in source order
        Map<String, String> sampleOfLot = new LinkedHashMap<>();
        Map<String, String> roleOfLot = new LinkedHashMap<>();
        for (AssayResult r : assay.results()) {
            if (r.lotNo() == null) {
                continue;
            }
            String current = roleOfLot.get(r.lotNo());
            if (current == null || (!"SELLER".equals(current) && "SELLER".equals(r.sampleRole()))) {
                sampleOfLot.put(r.lotNo(), r.sampleId());
                roleOfLot.put(r.lotNo(), r.sampleRole());
            }
        }
        if (sampleOfLot.isEmpty()) {
            throw new IllegalArgumentException("ASSAY_CERTIFICATE " + assay.certificateNo() + " has no lot results");
        }

        String source;
        BigDecimal totalWet;
        Map<String, BigDecimal> wetOfLot = new LinkedHashMap<>();
        if (packing.isPresent() && !packing.get().packages().isEmpty()) {
            PackingList pl = packing.get();
            for (PackingList.Package p : pl.packages()) {
                wetOfLot.merge(p.lotNo(), p.netKg(), BigDecimal::add);
            }
            totalWet = pl.totals() != null && pl.totals().netKg() != null
                    ? pl.totals().netKg()
                    : wetOfLot.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            source = "PACKING_LIST.totals.netKg";
            for (String lot : sampleOfLot.keySet()) {
                if (!wetOfLot.containsKey(lot)) {
                    throw new IllegalArgumentException(
                            "missing net weight of assayed lot " + lot + ": not on PACKING_LIST " + pl.packingListNo());
                }
            }
        } else {
            totalWet = bl.goods().stream()
                    .map(ShippingDocument.Goods::netWeightKg)
                    .reduce((a, b) -> a == null || b == null ? null : a.add(b))
                    .orElse(null);
            if (totalWet == null) {
                throw new IllegalArgumentException(
                        "missing net weight: no PACKING_LIST and no netWeightKg on the BILL_OF_LADING goods");
            }
            source = "BILL_OF_LADING.goods.netWeightKg";
            if (sampleOfLot.size() == 1) {
                wetOfLot.put(sampleOfLot.keySet().iterator().next(), totalWet);
            } else {
                BigDecimal share = totalWet.divide(BigDecimal.valueOf(sampleOfLot.size()), 2, HALF_UP);
                sampleOfLot.keySet().forEach(lot -> wetOfLot.put(lot, share));
                notes.add("No packing list: lot weights unknown, lots weighted equally (B/L net weight / lots).");
            }
        }

        List<Lot> lots = new ArrayList<>();
        BigDecimal wetSum = BigDecimal.ZERO;
        BigDecimal wetTimesH2o = BigDecimal.ZERO;
        for (Map.Entry<String, String> e : sampleOfLot.entrySet()) {
            String lot = e.getKey();
            String sample = e.getValue();
            BigDecimal wet = wetOfLot.get(lot);
            BigDecimal h2o = null;
            BigDecimal dry = wet;
            if (commodity.needsMoisture) {
                AssayResult moisture = result(assay, lot, sample, "H2O")
                        .filter(r -> r.basis() == null || "AS_RECEIVED".equals(r.basis()))
                        .orElseThrow(() -> new IllegalArgumentException("missing AS_RECEIVED H2O for lot " + lot
                                + " (sample " + sample + ") on ASSAY_CERTIFICATE " + assay.certificateNo()));
                h2o = moisture.value();
                dry = wet.multiply(BigDecimal.ONE.subtract(h2o.divide(HUNDRED)));
                wetTimesH2o = wetTimesH2o.add(wet.multiply(h2o));
            }
            wetSum = wetSum.add(wet);
            Map<String, BigDecimal> grades = new LinkedHashMap<>();
            for (String analyte : commodity.analytes()) {
                Optional<AssayResult> r = result(assay, lot, sample, analyte);
                if (r.isPresent()) {
                    grades.put(analyte, normalised(r.get(), commodity));
                    if (r.get().qualifier() != null) {
                        notes.add(analyte + " of lot " + lot + " is at a detection limit ("
                                + r.get().qualifier() + r.get().value() + "): the limit is used as the grade.");
                    }
                }
            }
            lots.add(new Lot(lot, sample, roleOfLot.get(lot), wet, h2o, dry, grades));
        }
        BigDecimal h2oPct = null;
        BigDecimal dryTonnes = null;
        if (commodity.needsMoisture) {
            h2oPct = wetTimesH2o.divide(wetSum, H2O_SCALE, HALF_UP);
            dryTonnes = totalWet.divide(THOUSAND)
                    .multiply(BigDecimal.ONE.subtract(h2oPct.divide(HUNDRED)))
                    .setScale(DRY_TONNES_SCALE, HALF_UP);
        }
        return new AssayBasis(
                assay.certificateNo(), assay.commodity(), source, totalWet, h2oPct, dryTonnes, List.copyOf(lots));
    }

    private static Optional<AssayResult> result(AssayCertificate assay, String lot, String sample, String analyte) {
        return assay.results().stream()
                .filter(r -> lot.equals(r.lotNo())
                        && analyte.equals(r.analyte())
                        && (sample == null || sample.equals(r.sampleId())))
                .findFirst();
    }

    /** Percent analytes to PCT and precious metals to G_PER_T (1 ppm = 1 g/t = 0.0001 %). */
    private static BigDecimal normalised(AssayResult r, Commodity commodity) {
        boolean gramsPerTonne = "Ag".equals(r.analyte()) || "Au".equals(r.analyte());
        String unit = r.unit();
        if (gramsPerTonne) {
            if ("G_PER_T".equals(unit) || "PPM".equals(unit)) {
                return r.value();
            }
        } else {
            if ("PCT".equals(unit)) {
                return r.value();
            }
            if ("PPM".equals(unit)) {
                return r.value().divide(TEN_THOUSAND);
            }
        }
        throw new IllegalArgumentException(
                "unexpected unit " + unit + " for " + r.analyte() + " of lot " + r.lotNo() + " (" + commodity + ")");
    }

    /** Dry-weight average of one analyte over the lots (weights: dry kg; NdPr: net kg), 4 decimals HALF_UP. */
    private static Optional<BigDecimal> weightedGrade(AssayBasis basis, String analyte) {
        long reporting = basis.lots().stream()
                .filter(l -> l.grades().containsKey(analyte))
                .count();
        if (reporting == 0) {
            return Optional.empty();
        }
        if (reporting < basis.lots().size()) {
            String missing = basis.lots().stream()
                    .filter(l -> !l.grades().containsKey(analyte))
                    .map(Lot::lotNo)
                    .toList()
                    .toString();
            throw new IllegalArgumentException(
                    "missing " + analyte + " for lot(s) " + missing + " on ASSAY_CERTIFICATE " + basis.certificateNo());
        }
        BigDecimal num = BigDecimal.ZERO;
        BigDecimal den = BigDecimal.ZERO;
        for (Lot lot : basis.lots()) {
            num = num.add(lot.dryKg().multiply(lot.grades().get(analyte)));
            den = den.add(lot.dryKg());
        }
        return Optional.of(num.divide(den, GRADE_SCALE, HALF_UP));
    }

    // ---------------------------------------------------------------- entry lines

    private List<EntryLine> entryLines(Commodity commodity, AssayBasis basis, String origin, List<String> notes) {
        List<EntryLine> lines = new ArrayList<>();
        if (commodity == Commodity.NDPR_OXIDE) {
            // classified by the assay (a mixture or a single oxide), not reported by content
            lines.add(ndprLine(basis, origin));
        }
        // concentrates: one line per content the US reports them by (reference/us-hts-content-lines.csv)
        for (ReferenceData.HtsContentLine line : reference.htsContentLines(commodity.name())) {
            contentLine(lines, basis, line, origin, notes);
        }
        return List.copyOf(lines);
    }

    private static void contentLine(
            List<EntryLine> lines,
            AssayBasis basis,
            ReferenceData.HtsContentLine line,
            String origin,
            List<String> notes) {
        String analyte = line.analyte();
        String display = line.display();
        String unit = line.unit();
        String gradeKey = line.gradeKey();
        boolean required = line.required();
        Optional<BigDecimal> grade = weightedGrade(basis, analyte);
        if (grade.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException("missing " + analyte + " on ASSAY_CERTIFICATE "
                        + basis.certificateNo() + ": needed for HTS " + display);
            }
            notes.add(analyte + " not assayed: no line for HTS " + display + ".");
            return;
        }
        boolean percent = "KG".equals(unit);
        BigDecimal quantity = basis.dryTonnes()
                .multiply(grade.get())
                .multiply(percent ? TEN : BigDecimal.ONE)
                .setScale(0, HALF_UP);
        Map<String, BigDecimal> b = new LinkedHashMap<>();
        b.put("netWetKg", basis.netWetKg());
        b.put("h2oPct", basis.h2oPct());
        b.put("dryTonnes", basis.dryTonnes());
        b.put(gradeKey, grade.get());
        String formula = percent
                ? "dryTonnes × " + gradeKey + " × 10, rounded to whole kg HALF_UP"
                : "dryTonnes × " + gradeKey + ", rounded to whole g HALF_UP";
        lines.add(new EntryLine(
                lines.size() + 1, line.hts(), display, line.description(), origin, quantity, unit, formula, b));
    }

    private static EntryLine ndprLine(AssayBasis basis, String origin) {
        BigDecimal nd = weightedGrade(basis, "Nd2O3/TREO")
                .orElseThrow(() -> new IllegalArgumentException("missing Nd2O3/TREO on ASSAY_CERTIFICATE "
                        + basis.certificateNo() + ": needed to classify NdPr oxide (2846.90.20 vs 2846.90.80)"));
        BigDecimal pr = weightedGrade(basis, "Pr6O11/TREO")
                .orElseThrow(() -> new IllegalArgumentException("missing Pr6O11/TREO on ASSAY_CERTIFICATE "
                        + basis.certificateNo() + ": needed to classify NdPr oxide (2846.90.20 vs 2846.90.80)"));
        BigDecimal max = nd.max(pr);
        boolean single = max.compareTo(SINGLE_OXIDE_THRESHOLD_PCT) >= 0;
        Map<String, BigDecimal> b = new LinkedHashMap<>();
        b.put("netKg", basis.netWetKg());
        b.put("nd2o3OfTreoPct", nd);
        b.put("pr6o11OfTreoPct", pr);
        b.put("maxSingleOxideOfTreoPct", max);
        b.put("singleOxideThresholdPct", SINGLE_OXIDE_THRESHOLD_PCT);
        String hts = single ? "28469080" : "28469020";
        String display = single ? "2846.90.80" : "2846.90.20";
        String description = single
                ? "Rare-earth oxide, a single oxide ≥ 90 % of TREO (not a mixture)"
                : "Mixtures of rare-earth oxides (NdPr oxide, no single oxide ≥ 90 % of TREO)";
        return new EntryLine(
                1,
                hts,
                display,
                description,
                origin,
                basis.netWetKg().setScale(0, HALF_UP),
                "KG",
                "net kg rounded to whole kg HALF_UP; subheading by max(Nd2O3/TREO, Pr6O11/TREO) ≥ 90 → .80 else"
                        + " .20; statistical suffix (xx) to be added from the HTS reference table",
                b);
    }

    // ---------------------------------------------------------------- helpers

    private static <T> Optional<T> body(List<CanonicalDocument> shipment, Class<T> type, DocumentKind kind) {
        return shipment.stream()
                .filter(d -> d.kind() == kind && type.isInstance(d.body()))
                .map(d -> type.cast(d.body()))
                .findFirst();
    }
}
