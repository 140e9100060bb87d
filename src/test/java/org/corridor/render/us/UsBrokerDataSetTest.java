package org.corridor.render.us;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.corridor.support.TestReferenceData.REFERENCE;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.base.Hashing;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.ShippingDocument;
import org.corridor.canonical.Source;
import org.corridor.canonical.Vessel;
import org.corridor.cli.CorridorCli;
import org.corridor.process.DocumentPipeline;
import org.corridor.support.SamplePipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UsBrokerDataSetTest {

    private static final Path SAMPLES = Path.of("sample-docs");
    private static final UsBrokerDataSet DATA_SET = new UsBrokerDataSet(REFERENCE);
    private static DefaultCamelContext camel;
    private static DocumentPipeline pipeline;

    @BeforeAll
    static void pipeline() {
        camel = new DefaultCamelContext();
        pipeline = SamplePipeline.create(camel);
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    private static List<CanonicalDocument> parse(String... files) throws IOException {
        List<CanonicalDocument> all = new ArrayList<>();
        for (String file : files) {
            Path path = SAMPLES.resolve(file);
            byte[] content = Files.readAllBytes(path);
            String sha = Hashing.sha256Hex(content);
            all.addAll(pipeline.toCanonical(content, path.getFileName().toString(), sha, CorridorCli.idFor(sha)));
        }
        return all;
    }

    private static List<CanonicalDocument> copperShipment() throws IOException {
        return parse(
                "assay/KHILAB-CU-2025-0147.csv",
                "packing/FWO-PL-2025-0147.txt",
                "shipping/ASOC-BL-2025-0147.xml",
                "customs/PSW-SD-FWO-2025-0147.json");
    }

    /*
     * Copper shipment 0147 worked by hand from the samples.
     *
     * Packing list net wet kg per lot:
     *   L01 = 1522.20 + 1515.60 + 1527.10 + 1518.40 + 1523.70 + 1513.70 + 1520.20 + 1525.40 = 12166.30
     *   L02 = 1517.25 + 1523.50 + 1514.00 + 1526.40 + 1519.55 + 1516.40                     =  9117.10
     *   total (= trailer)                                                                 = 21283.40
     * H2O (AS_RECEIVED) L01 8.4, L02 8.6, weighted by net wet kg:
     *   (12166.30 × 8.4 + 9117.10 × 8.6) / 21283.40 = (102196.920 + 78407.060) / 21283.40
     *   = 180603.980 / 21283.40 = 8.485673… → 8.4857 (4 dp HALF_UP)
     * dry tonnes = 21283.40 / 1000 × (1 − 0.084857) = 21.2834 × 0.915143 = 19.47735… → 19.477 (3 dp)
     * lot dry kg (grade weights): L01 12166.30 × 0.916 = 11144.3308; L02 9117.10 × 0.914 = 8333.0294;
     *   sum 19477.3602
     * Cu % = (11144.3308 × 24.12 + 8333.0294 × 23.87) / 19477.3602
     *      = (268801.258896 + 198909.411778) / 19477.3602 = 24.013042… → 24.0130
     *   Cu kg = 19.477 × 24.0130 × 10 = 4677.012… → 4677
     * Pb % = (11144.3308 × 0.42 + 8333.0294 × 0.47) / 19477.3602 = 0.441391… → 0.4414
     *   Pb kg = 19.477 × 0.4414 × 10 = 85.971… → 86
     * Zn % = (11144.3308 × 1.15 + 8333.0294 × 1.28) / 19477.3602 = 1.205618… → 1.2056
     *   Zn kg = 19.477 × 1.2056 × 10 = 234.814… → 235
     * Ag g/t = (11144.3308 × 61.8 + 8333.0294 × 58.4) / 19477.3602 = 60.345372… → 60.3454
     *   Ag g = 19.477 × 60.3454 = 1175.347… → 1175
     * Au g/t = (11144.3308 × 3.45 + 8333.0294 × 3.12) / 19477.3602 = 3.308815… → 3.3088
     *   Au g = 19.477 × 3.3088 = 64.445… → 64
     */
    @Test
    void copperShipmentEntryLinesMatchTheHandComputation() throws IOException {
        UsBrokerDataSet.DataSet ds = DATA_SET.render(copperShipment());

        assertThat(ds.assay().netWetKg()).isEqualByComparingTo("21283.40");
        assertThat(ds.assay().h2oPct()).isEqualByComparingTo("8.4857");
        assertThat(ds.assay().dryTonnes()).isEqualByComparingTo("19.477");
        assertThat(ds.assay().lots())
                .extracting(UsBrokerDataSet.Lot::netWetKg)
                .usingComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .containsExactly(new BigDecimal("12166.30"), new BigDecimal("9117.10"));

        assertThat(ds.entryLines())
                .extracting(UsBrokerDataSet.EntryLine::hts)
                .containsExactly("2603000010", "2603000020", "2603000030", "2603000040", "2603000050");
        assertThat(ds.entryLines())
                .extracting(UsBrokerDataSet.EntryLine::unit)
                .containsExactly("KG", "KG", "KG", "G", "G");
        assertThat(ds.entryLines())
                .extracting(l -> l.quantity().toPlainString())
                .containsExactly("4677", "86", "235", "1175", "64");

        UsBrokerDataSet.EntryLine cu = ds.entryLines().get(0);
        assertThat(cu.basis().get("netWetKg")).isEqualByComparingTo("21283.40");
        assertThat(cu.basis().get("h2oPct")).isEqualByComparingTo("8.4857");
        assertThat(cu.basis().get("dryTonnes")).isEqualByComparingTo("19.477");
        assertThat(cu.basis().get("cuPct")).isEqualByComparingTo("24.0130");
        assertThat(ds.entryLines().get(1).basis().get("pbPct")).isEqualByComparingTo("0.4414");
        assertThat(ds.entryLines().get(2).basis().get("znPct")).isEqualByComparingTo("1.2056");
        assertThat(ds.entryLines().get(3).basis().get("agGPerT")).isEqualByComparingTo("60.3454");
        assertThat(ds.entryLines().get(4).basis().get("auGPerT")).isEqualByComparingTo("3.3088");
        assertThat(ds.entryLines())
                .allSatisfy(l -> assertThat(l.originCountry()).isEqualTo("PK"));
    }

    @Test
    void copperShipmentIsfCarriesTheImporterElementsAndTheCarriersTwo() throws IOException {
        UsBrokerDataSet.Isf isf = DATA_SET.render(copperShipment()).isf();

        assertThat(isf).isNotNull();
        assertThat(isf.seller().value().name()).isEqualTo("Frontier Works Organisation");
        assertThat(isf.seller().source()).isEqualTo("CUSTOMS_DECLARATION.exporter");
        assertThat(isf.buyer().value().name()).isEqualTo("US Strategic Metals");
        assertThat(isf.importerOfRecord().value().ids()).contains(new PartyId("EIN", "43-1987265"));
        assertThat(isf.consignee().value().name()).isEqualTo("US Strategic Metals");
        assertThat(isf.manufacturer().value().name()).isEqualTo("Frontier Works Organisation");
        assertThat(isf.shipTo().value().place()).isEqualTo("USSTL");
        assertThat(isf.countryOfOrigin().value()).isEqualTo("PK");
        assertThat(isf.hts6().value()).containsExactly("260300");
        assertThat(isf.containerStuffingLocation().value()).isEqualTo("PKBQM");
        assertThat(isf.containerStuffingLocation().note()).contains("port of loading");
        assertThat(isf.consolidator().value().name()).isEqualTo("Arabian Sea Ocean Carrier");
        assertThat(isf.vesselStowPlan()).isEqualTo("carrier-filed");
        assertThat(isf.containerStatusMessages()).isEqualTo("carrier-filed");
        assertThat(isf.blNo()).isEqualTo("ASOC-BL-2025-0147");
        assertThat(isf.containers())
                .extracting(UsBrokerDataSet.Container::containerNo)
                .containsExactly("TGHU8144721", "MSKU6039155");
    }

    @Test
    void jsonFormKeepsDecimalsAndBasis() throws IOException {
        JsonNode json = DATA_SET.renderJson(copperShipment());

        JsonNode cu = json.get("entryLines").get(0);
        assertThat(cu.get("hts").asText()).isEqualTo("2603000010");
        assertThat(cu.get("quantity").decimalValue()).isEqualByComparingTo("4677");
        assertThat(cu.get("basis").get("dryTonnes").decimalValue()).isEqualByComparingTo("19.477");
        assertThat(cu.get("basis").get("netWetKg").toString()).isEqualTo("21283.40");
        assertThat(cu.get("basis").get("cuPct").toString()).isEqualTo("24.0130");
        assertThat(json.get("isf").get("vesselStowPlan").asText()).isEqualTo("carrier-filed");
        assertThat(DATA_SET.renderJsonText(copperShipment())).contains("\"netWetKg\" : 21283.40");
    }

    @Test
    void bulkShipmentWithoutContainersHasNoIsf() {
        // one lot, 1,000,000 kg wet, H2O 8.0 → dry 1000 × 0.92 = 920.000 t; Cu 25.00 % → 920 × 25 × 10 = 230000 kg;
        // Ag 50 g/t → 920 × 50 = 46000 g
        List<CanonicalDocument> bulk = List.of(
                doc(
                        DocumentKind.ASSAY_CERTIFICATE,
                        assay(
                                "CU_CONC",
                                "L1",
                                result("L1", "S1", "SELLER", "Cu", "25.00", "PCT", "DRY"),
                                result("L1", "S1", "SELLER", "Ag", "50", "G_PER_T", "DRY"),
                                result("L1", "S1", "SELLER", "H2O", "8.0", "PCT", "AS_RECEIVED"))),
                doc(DocumentKind.BILL_OF_LADING, billOfLading("2603.00", new BigDecimal("1000000.00"), List.of())));

        UsBrokerDataSet.DataSet ds = DATA_SET.render(bulk);

        assertThat(ds.isf()).isNull();
        assertThat(ds.assay().netWetKgSource()).isEqualTo("BILL_OF_LADING.goods.netWeightKg");
        assertThat(ds.assay().dryTonnes()).isEqualByComparingTo("920.000");
        assertThat(ds.entryLines())
                .extracting(UsBrokerDataSet.EntryLine::hts)
                .containsExactly("2603000010", "2603000040");
        assertThat(ds.entryLines())
                .extracting(l -> l.quantity().toPlainString())
                .containsExactly("230000", "46000");
        assertThat(ds.notes()).anyMatch(n -> n.contains("bulk"));
    }

    @Test
    void ndprMixtureBelowNinetyPercentIsHeading20() {
        // Nd2O3/TREO 75.1 %, Pr6O11/TREO 24.6 %: max 75.1 < 90 → a mixture → 2846.90.20; 10000 kg net
        UsBrokerDataSet.DataSet ds = DATA_SET.render(ndpr("75.1", "24.6"));

        UsBrokerDataSet.EntryLine line = ds.entryLines().get(0);
        assertThat(line.hts()).isEqualTo("28469020");
        assertThat(line.quantity()).isEqualByComparingTo("10000");
        assertThat(line.basis().get("maxSingleOxideOfTreoPct")).isEqualByComparingTo("75.1");
    }

    @Test
    void ndprWithOneOxideAtNinetyPercentIsHeading80() {
        // Nd2O3/TREO 90.0 %: a single oxide ≥ 90 % → not a mixture → 2846.90.80
        assertThat(DATA_SET.render(ndpr("90.0", "9.8")).entryLines().get(0).hts())
                .isEqualTo("28469080");
        // just below the line: 89.99 % → still a mixture
        assertThat(DATA_SET.render(ndpr("89.99", "9.8")).entryLines().get(0).hts())
                .isEqualTo("28469020");
    }

    @Test
    void antimonyConcentrateReportsSbContentKg() {
        // 20000 kg wet, H2O 6.2 → 20 × 0.938 = 18.760 t; Sb 58.6 % → 18.760 × 58.6 × 10 = 10993.36 → 10993 kg
        List<CanonicalDocument> sb = List.of(
                doc(
                        DocumentKind.ASSAY_CERTIFICATE,
                        assay(
                                "SB_CONC",
                                "SB1",
                                result("SB1", "S1", "SELLER", "Sb", "58.6", "PCT", "DRY"),
                                result("SB1", "S1", "SELLER", "H2O", "6.2", "PCT", "AS_RECEIVED"))),
                doc(
                        DocumentKind.BILL_OF_LADING,
                        billOfLading(
                                "2617.10",
                                new BigDecimal("20000.00"),
                                List.of(new ShippingDocument.Equipment("TGHU8144721", "22G1", List.of("S1"), null)))));

        UsBrokerDataSet.EntryLine line = DATA_SET.render(sb).entryLines().get(0);
        assertThat(line.hts()).isEqualTo("2617100000");
        assertThat(line.unit()).isEqualTo("KG");
        assertThat(line.quantity()).isEqualByComparingTo("10993");
    }

    @Test
    void missingAssayIsRefusedNamingWhatIsMissing() throws IOException {
        List<CanonicalDocument> noAssay = parse(
                "packing/FWO-PL-2025-0147.txt", "shipping/ASOC-BL-2025-0147.xml", "customs/PSW-SD-FWO-2025-0147.json");

        assertThatThrownBy(() -> DATA_SET.render(noAssay))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing ASSAY_CERTIFICATE");
    }

    @Test
    void missingMoistureOfALotIsRefusedNamingTheLot() {
        List<CanonicalDocument> noH2o = List.of(
                doc(
                        DocumentKind.ASSAY_CERTIFICATE,
                        assay("CU_CONC", "L1", result("L1", "S1", "SELLER", "Cu", "25.00", "PCT", "DRY"))),
                doc(DocumentKind.BILL_OF_LADING, billOfLading("2603.00", new BigDecimal("1000.00"), List.of())));

        assertThatThrownBy(() -> DATA_SET.render(noH2o))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing AS_RECEIVED H2O for lot L1");
    }

    // ---------------------------------------------------------------- synthetic documents

    private static List<CanonicalDocument> ndpr(String nd, String pr) {
        return List.of(
                doc(
                        DocumentKind.ASSAY_CERTIFICATE,
                        assay(
                                "NDPR_OXIDE",
                                "R1",
                                result("R1", "S1", "SELLER", "TREO", "99.2", "PCT", "DRY"),
                                result("R1", "S1", "SELLER", "Nd2O3/TREO", nd, "PCT", "DRY"),
                                result("R1", "S1", "SELLER", "Pr6O11/TREO", pr, "PCT", "DRY"))),
                doc(
                        DocumentKind.BILL_OF_LADING,
                        billOfLading(
                                "2846.90",
                                new BigDecimal("10000.00"),
                                List.of(new ShippingDocument.Equipment("CAIU7153209", "22G1", List.of("S9"), null)))));
    }

    private static AssayResult result(
            String lot, String sample, String role, String analyte, String value, String unit, String basis) {
        return new AssayResult(
                lot, sample, role, analyte, new BigDecimal(value), null, unit, basis, "M", LocalDate.of(2025, 10, 1));
    }

    private static AssayCertificate assay(String commodity, String lot, AssayResult... results) {
        return new AssayCertificate(
                "CERT-" + lot, LocalDate.of(2025, 10, 2), Party.named("LAB"), commodity, "C-1", List.of(results));
    }

    private static ShippingDocument billOfLading(
            String hs, BigDecimal netKg, List<ShippingDocument.Equipment> equipment) {
        Party shipper = new Party("Frontier Works Organisation", "PK", List.of());
        Party consignee = new Party("US Strategic Metals", "US", List.of(new PartyId("EIN", "43-1987265")));
        return new ShippingDocument(
                "BL-1",
                "BKG-1",
                "BL-1",
                shipper,
                consignee,
                consignee,
                Party.named("Carrier"),
                new Vessel("V", "1234567", "1"),
                "PKBQM",
                "USHOU",
                "USHOU",
                LocalDate.of(2025, 10, 12),
                "PREPAID",
                List.of(new ShippingDocument.Goods(1, "goods", hs, 1, "VR", netKg, netKg, List.of())),
                equipment);
    }

    private static CanonicalDocument doc(DocumentKind kind, org.corridor.canonical.DocumentBody body) {
        return CanonicalDocument.of("D-" + kind, (Source) null, kind, body);
    }
}
