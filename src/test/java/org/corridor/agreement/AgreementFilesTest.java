package org.corridor.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.corridor.support.TestReferenceData.AGREEMENT_FILES;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.PartyId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgreementFilesTest {

    private static final Path SAMPLE = Path.of("sample-docs", "agreements", "PK-US-CM-2025.yaml");

    /** A small agreement that passes every check; the tests below break it one fault at a time. */
    private static final String VALID = """
            id: TEST-AGR
            version: 1
            effectiveFrom: 2025-01-01
            effectiveTo: 2025-12-31
            parties:
              - id: LAB1
                name: Test Laboratory
                country: PK
              - id: BUYER1
                name: Test Buyer
                country: US
            commodities:
              - code: CU_CONC
            distribution:
              - { kind: ASSAY_CERTIFICATE, partner: BUYER1, format: CANONICAL_JSON }
            """;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    // --- the sample agreement ---

    @Test
    void readsSampleAgreementHeader() {
        Agreement agreement = AGREEMENT_FILES.read(SAMPLE);

        assertThat(agreement.id()).isEqualTo("PK-US-CM-2025");
        assertThat(agreement.version()).isEqualTo(1);
        assertThat(agreement.type()).isEqualTo("MOU");
        assertThat(agreement.effectiveFrom()).isEqualTo(LocalDate.of(2025, 9, 8));
        assertThat(agreement.effectiveTo()).isEqualTo(LocalDate.of(2030, 9, 7));
    }

    @Test
    void readsSampleAgreementPartiesAndCommodities() {
        Agreement agreement = AGREEMENT_FILES.read(SAMPLE);

        assertThat(agreement.parties())
                .extracting(Agreement.AgreementParty::id)
                .containsExactly("FWOPK", "USSMUS", "KHILAB", "OCEANCAR", "PKAGENT", "USBROKER");
        assertThat(agreement.commodities())
                .extracting(Agreement.Commodity::code)
                .containsExactly("CU_CONC", "SB_CONC", "SB_INGOT", "NDPR_OXIDE");
        assertThat(agreement.commodities().get(0).hsExport()).containsExactly("260300");
        assertThat(agreement.covers("CU_CONC")).isTrue();
        assertThat(agreement.covers("OTHER")).isFalse();
    }

    @Test
    void readsSampleAgreementDistributionOfAssayCertificates() {
        Agreement agreement = AGREEMENT_FILES.read(SAMPLE);

        assertThat(agreement.recipientsOf(DocumentKind.ASSAY_CERTIFICATE))
                .containsExactly(
                        new Agreement.Distribution(
                                DocumentKind.ASSAY_CERTIFICATE, "USSMUS", OutputFormat.CANONICAL_JSON),
                        new Agreement.Distribution(
                                DocumentKind.ASSAY_CERTIFICATE, "FWOPK", OutputFormat.CANONICAL_JSON));
        assertThat(agreement.recipientsOf(DocumentKind.ACKNOWLEDGEMENT))
                .as("acknowledgements are matched, not distributed")
                .isEmpty();
    }

    @Test
    void readsWhichRolesMayIssueEachKindOfTheSampleAgreement() {
        Agreement agreement = AGREEMENT_FILES.read(SAMPLE);

        assertThat(agreement.issuersOf(DocumentKind.ASSAY_CERTIFICATE)).containsExactly("LABORATORY");
        assertThat(agreement.issuersOf(DocumentKind.CUSTOMS_RESPONSE)).containsExactly("CUSTOMS_AGENT");
        assertThat(agreement.issuersOf(DocumentKind.BILL_OF_LADING)).containsExactly("CARRIER");
        assertThat(agreement.issuersOf(DocumentKind.INVOICE)).containsExactly("EXPORTER", "SHIPPER");
        assertThat(agreement.issuersOf(DocumentKind.SHIPMENT_DOSSIER))
                .as("made by the gateway")
                .isEmpty();
    }

    @Test
    void refusesIssuersThatNameARoleNoPartyHoldsOrKindsNobodySends() throws IOException {
        String roles =
                VALID.replace("    name: Test Laboratory\n", "    name: Test Laboratory\n    roles: [LABORATORY]\n");
        assertRefused(
                "issuer-role.yaml",
                roles + "issuers:\n  ASSAY_CERTIFICATE: [LAB]\n",
                "issuers.ASSAY_CERTIFICATE: role \"LAB\" is not the role of any party");
        assertRefused(
                "issuer-none.yaml",
                roles + "issuers:\n  ASSAY_CERTIFICATE: []\n",
                "issuers.ASSAY_CERTIFICATE: name the roles that may issue it");
        assertRefused(
                "issuer-dossier.yaml",
                roles + "issuers:\n  SHIPMENT_DOSSIER: [LABORATORY]\n",
                "issuers.SHIPMENT_DOSSIER: a shipment dossier is made by the gateway");
        Path fine = write("issuer-ok.yaml", roles + "issuers:\n  ASSAY_CERTIFICATE: [LABORATORY]\n");
        assertThat(AGREEMENT_FILES.read(fine).issuersOf(DocumentKind.ASSAY_CERTIFICATE))
                .containsExactly("LABORATORY");
    }

    @Test
    void sampleAgreementIsInForceOnlyBetweenItsDates() {
        Agreement agreement = AGREEMENT_FILES.read(SAMPLE);

        assertThat(agreement.inForceOn(LocalDate.of(2025, 10, 6))).isTrue();
        assertThat(agreement.inForceOn(LocalDate.of(2031, 1, 1))).isFalse();
        assertThat(agreement.inForceOn(LocalDate.of(2025, 9, 8)))
                .as("first day")
                .isTrue();
        assertThat(agreement.inForceOn(LocalDate.of(2030, 9, 7))).as("last day").isTrue();
        assertThat(agreement.inForceOn(LocalDate.of(2025, 9, 7)))
                .as("day before")
                .isFalse();
        assertThat(agreement.inForceOn(LocalDate.of(2030, 9, 8)))
                .as("day after")
                .isFalse();
    }

    @Test
    void findsPartyByIdEdiIdOtherIdOrNameIgnoringCase() {
        Agreement agreement = AGREEMENT_FILES.read(SAMPLE);

        assertThat(agreement.findParty("KHILAB"))
                .map(Agreement.AgreementParty::name)
                .hasValue("Karachi Minerals Testing Laboratory");
        assertThat(agreement.findParty("khilab"))
                .map(Agreement.AgreementParty::id)
                .hasValue("KHILAB");
        assertThat(agreement.findParty("PNAC-TL-0417"))
                .map(Agreement.AgreementParty::id)
                .hasValue("KHILAB");
        assertThat(agreement.findParty("  karachi MINERALS testing laboratory "))
                .map(Agreement.AgreementParty::id)
                .hasValue("KHILAB");
        assertThat(agreement.findParty("ASOC"))
                .map(Agreement.AgreementParty::id)
                .hasValue("OCEANCAR");
        assertThat(agreement.findParty("Lahore Minerals Laboratory")).isEmpty();
    }

    @Test
    void readsPartyIdentifiersWithSchemes() {
        Agreement agreement = AGREEMENT_FILES.read(SAMPLE);

        assertThat(agreement.findParty("KHILAB")).get().satisfies(p -> {
            assertThat(p.country()).isEqualTo("PK");
            assertThat(p.roles()).containsExactly("LABORATORY");
            assertThat(p.ids()).containsExactly(new PartyId("EDI", "KHILAB"), new PartyId("LAB", "PNAC-TL-0417"));
        });
    }

    // --- listing ---

    @Test
    void listsOnlyYamlFilesSortedByName() throws IOException {
        write("b.yml", VALID);
        write("a.yaml", VALID);
        write("notes.txt", "not an agreement");

        assertThat(AgreementFiles.list(dir)).containsExactly(dir.resolve("a.yaml"), dir.resolve("b.yml"));
    }

    @Test
    void listsNothingForMissingFolder() {
        assertThat(AgreementFiles.list(dir.resolve("absent"))).isEmpty();
    }

    // --- refused files ---

    @Test
    void readsTheValidBaseAgreementUsedByTheRefusalTests() throws IOException {
        Agreement agreement = AGREEMENT_FILES.read(write("valid.yaml", VALID));

        assertThat(agreement.id()).isEqualTo("TEST-AGR");
        assertThat(agreement.parties()).hasSize(2);
    }

    @Test
    void refusesUnknownFieldNamingItAndItsLine() throws IOException {
        Path file = write("unknown-field.yaml", VALID.replace("version: 1\n", "version: 1\ncolour: blue\n"));

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageStartingWith("unknown-field.yaml: ")
                .hasMessageMatching("unknown-field\\.yaml: unknown field \"colour\" at line \\d+");
    }

    @Test
    void refusesUnknownFieldAtTheLineOfTheField() throws IOException {
        Path file = write("unknown-field.yaml", VALID.replace("version: 1\n", "version: 1\ncolour: blue\n"));

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessage("unknown-field.yaml: unknown field \"colour\" at line 3");
    }

    @Test
    void refusesUnknownFieldInsideAParty() throws IOException {
        Path file = write("party-field.yaml", VALID.replace("    country: US\n", "    country: US\n    vat: 1\n"));

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageStartingWith("party-field.yaml: ")
                .hasMessageMatching("party-field\\.yaml: unknown field \"vat\" at line \\d+");
    }

    @Test
    void refusesDistributionToPartnerThatIsNotAParty() throws IOException {
        Path file = write("stranger.yaml", VALID.replace("partner: BUYER1", "partner: STRANGER"));

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageStartingWith("stranger.yaml: ")
                .hasMessageContaining("distribution names partner \"STRANGER\", which is not a party");
    }

    @Test
    void refusesPartyListedTwice() throws IOException {
        Path file = write("twice.yaml", VALID.replace("- id: BUYER1", "- id: LAB1"));

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageStartingWith("twice.yaml: ")
                .hasMessageContaining("party \"LAB1\" is listed twice");
    }

    @Test
    void refusesAgreementWithoutId() throws IOException {
        Path file = write("no-id.yaml", VALID.replace("id: TEST-AGR\n", ""));

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageStartingWith("no-id.yaml: ")
                .hasMessageContaining("\"id\" is missing");
    }

    @Test
    void refusesAgreementEndingBeforeItStarts() throws IOException {
        Path file = write("backwards.yaml", VALID.replace("effectiveTo: 2025-12-31", "effectiveTo: 2024-12-31"));

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageStartingWith("backwards.yaml: ")
                .hasMessageContaining("\"effectiveTo\" is before \"effectiveFrom\"");
    }

    @Test
    void refusesAgreementWithoutEffectiveFrom() throws IOException {
        Path file = write("no-start.yaml", VALID.replace("effectiveFrom: 2025-01-01\n", ""));

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageStartingWith("no-start.yaml: ")
                .hasMessageContaining("\"effectiveFrom\" is missing");
    }

    @Test
    void refusesVersionBelowOne() throws IOException {
        Path file = write("version-zero.yaml", VALID.replace("version: 1", "version: 0"));

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageStartingWith("version-zero.yaml: ")
                .hasMessageContaining("\"version\" must be 1 or more");
    }

    @Test
    void listsEveryFaultOfAFileInOneMessage() throws IOException {
        Path file =
                write("many.yaml", VALID.replace("id: TEST-AGR\n", "").replace("partner: BUYER1", "partner: STRANGER"));

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageContaining("\"id\" is missing")
                .hasMessageContaining("partner \"STRANGER\"");
    }

    @Test
    void refusesBrokenYamlSyntax() throws IOException {
        Path file = write("broken.yaml", "id: [TEST-AGR\nversion: 1\n");

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageStartingWith("broken.yaml: not a readable agreement");
    }

    @Test
    void refusesFileThatIsNotYamlAtAll() throws IOException {
        Path file = dir.resolve("scan.yaml");
        Files.write(file, new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '7', '\n', 0x00, 0x01, (byte) 0xE2, 0x02});

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageStartingWith("scan.yaml: not a readable agreement");
    }

    @Test
    void refusesPlainProseInsteadOfAnAgreement() throws IOException {
        Path file = write("letter.yaml", "Dear partner, please find the agreement attached.\n");

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageStartingWith("letter.yaml: not a readable agreement");
    }

    @Test
    void refusesEmptyFile() throws IOException {
        Path file = write("empty.yaml", "");

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageStartingWith("empty.yaml: not a readable agreement");
    }

    // --- refused files: quality limits, quotas, permits, ports, documents, disclosure ---

    /** The base agreement with every section issue 5 added; each test below breaks one value. */
    private static final String FULL = VALID + """
            ports:
              loading: [PKBQM]
              discharge: [USHOU]
            quotas:
              - { id: Q-2025, commodity: CU_CONC, from: 2025-01-01, to: 2025-12-31, tonnes: 100 }
            permits:
              - { number: P-1, issuer: MoC, hsCodes: ["2603"], validFrom: 2025-01-01, validTo: 2025-06-30, tonnes: 80 }
            requiredDocuments:
              - CUSTOMS_DECLARATION
              - [SHIPPING_INSTRUCTION, BILL_OF_LADING]
            disclosure:
              publicFields:
                CUSTOMS_DECLARATION: [body.declarationDate, "body.lines[].hsCode"]
            """;

    private static final String LIMITS = """
              - code: CU_CONC
                qualityLimits:
                  - { analyte: As, unit: PCT, basis: DRY, penalty: 0.20, rejection: 0.50 }
            """;

    private String fullWith(String from, String to) {
        String full = FULL.replace("  - code: CU_CONC\n", LIMITS);
        assertThat(full).contains(from);
        return full.replace(from, to);
    }

    private void assertRefused(String name, String content, String reason) throws IOException {
        Path file = write(name, content);
        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageStartingWith(name + ": ")
                .hasMessageContaining(reason);
    }

    // --- pricing terms (issue 17) ---

    @Test
    void readsTheSampleCopperPricingTerms() {
        PricingTerms cu =
                AGREEMENT_FILES.read(SAMPLE).commodity("CU_CONC").orElseThrow().pricing();

        assertThat(cu.currency()).isEqualTo("USD");
        assertThat(cu.price()).isEqualTo(new PricingTerms.PriceRef("CU", "USD_PER_T", "LME"));
        assertThat(cu.basis()).isEqualTo(PricingTerms.PAYABLE_METAL);
        assertThat(cu.payable().percent()).isEqualByComparingTo("96.5");
        assertThat(cu.payable().minimumDeduction()).isEqualByComparingTo("1.0");
        assertThat(cu.tcPerDmt()).isEqualByComparingTo("80");
        assertThat(cu.rcPerLb()).isEqualByComparingTo("0.08");
        assertThat(cu.penalties()).singleElement().satisfies(p -> {
            assertThat(p.analyte()).isEqualTo("As");
            assertThat(p.threshold()).isEqualByComparingTo("0.20");
            assertThat(p.step()).isEqualByComparingTo("0.1");
            assertThat(p.ratePerDmt()).isEqualByComparingTo("2.50");
        });
        assertThat(cu.provisionalPct()).isEqualByComparingTo("90");
        assertThat(cu.quotationalPeriod().range(LocalDate.of(2025, 10, 17)))
                .isEqualTo(new PricingTerms.QuotationalPeriod.Period(
                        LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 30)));
        assertThat(cu.splittingLimit("Cu")).isEqualByComparingTo("0.20");
        assertThat(cu.balance()).isEqualTo(PricingTerms.FINAL_INVOICE);
    }

    @Test
    void readsTheSampleContainedPricingTerms() {
        Agreement sample = AGREEMENT_FILES.read(SAMPLE);

        for (String code : java.util.List.of("SB_CONC", "SB_INGOT", "NDPR_OXIDE")) {
            assertThat(sample.commodity(code).orElseThrow().pricing().basis())
                    .as(code)
                    .isEqualTo(PricingTerms.CONTAINED);
        }
        PricingTerms ndpr = sample.commodity("NDPR_OXIDE").orElseThrow().pricing();
        assertThat(ndpr.price().unit()).isEqualTo("USD_PER_KG");
        assertThat(ndpr.payable().analyte()).isEqualTo("TREO");
        assertThat(ndpr.gradeAdjustments())
                .singleElement()
                .satisfies(g -> assertThat(g.base()).isEqualByComparingTo("99.0"));
    }

    /** The base agreement with copper pricing terms; each refusal test breaks one value. */
    private static final String PRICED = VALID.replace("  - code: CU_CONC\n", """
              - code: CU_CONC
                pricing:
                  currency: USD
                  price: { metal: CU, unit: USD_PER_T, source: LME }
                  basis: PAYABLE_METAL
                  payable: { analyte: Cu, percent: 96.5, minimumDeduction: 1.0 }
                  tcPerDmt: 80
                  rcPerLb: 0.08
                  penalties:
                    - { analyte: As, unit: PCT, threshold: 0.20, step: 0.1, ratePerDmt: 2.50 }
                  provisionalPct: 90
                  quotationalPeriod: { monthOffset: 1 }
                  splittingLimits:
                    - { analyte: Cu, limit: 0.20 }
            """);

    private static String pricedWith(String from, String to) {
        assertThat(PRICED).contains(from);
        return PRICED.replace(from, to);
    }

    @Test
    void readsTheBasePricedAgreement() throws IOException {
        assertThat(AGREEMENT_FILES
                        .read(write("priced.yaml", PRICED))
                        .commodity("CU_CONC")
                        .orElseThrow()
                        .pricing()
                        .tcPerDmt())
                .isEqualByComparingTo("80");
    }

    @Test
    void refusesPayableMetalPricingWithoutPayable() throws IOException {
        assertRefused(
                "no-payable.yaml",
                pricedWith("      payable: { analyte: Cu, percent: 96.5, minimumDeduction: 1.0 }\n", ""),
                "commodity CU_CONC, pricing: \"payable\" is missing, expected the paid analyte with its percent"
                        + " ({ analyte: Cu, percent: 96.5 })");
    }

    @Test
    void refusesNegativePenaltyRate() throws IOException {
        assertRefused(
                "negative-rate.yaml",
                pricedWith("ratePerDmt: 2.50", "ratePerDmt: -2.50"),
                "commodity CU_CONC, pricing, penalty for As: \"ratePerDmt\" -2.50 is below 0");
    }

    @Test
    void refusesNegativeTreatmentCharge() throws IOException {
        assertRefused(
                "negative-tc.yaml",
                pricedWith("tcPerDmt: 80", "tcPerDmt: -80"),
                "commodity CU_CONC, pricing: \"tcPerDmt\" -80 is below 0");
    }

    @Test
    void refusesUnknownPriceUnit() throws IOException {
        assertRefused(
                "price-unit.yaml",
                pricedWith("unit: USD_PER_T", "unit: USD_PER_OZ"),
                "commodity CU_CONC, pricing: \"price.unit\" is \"USD_PER_OZ\", expected one of"
                        + " [USD_PER_T, USD_PER_KG, USD_PER_LB]");
    }

    @Test
    void refusesUnknownPenaltyUnit() throws IOException {
        assertRefused(
                "penalty-unit.yaml",
                pricedWith("unit: PCT", "unit: G_PER_T"),
                "commodity CU_CONC, pricing, penalty for As: \"unit\" is \"G_PER_T\", expected one of [PCT, PPM]");
    }

    @Test
    void refusesUnknownBasis() throws IOException {
        assertRefused(
                "pricing-basis.yaml",
                pricedWith("basis: PAYABLE_METAL", "basis: FIXED"),
                "commodity CU_CONC, pricing: \"basis\" is \"FIXED\", expected one of [PAYABLE_METAL, CONTAINED]");
    }

    @Test
    void refusesPenaltyStepOfZero() throws IOException {
        assertRefused(
                "zero-step.yaml",
                pricedWith("step: 0.1", "step: 0"),
                "commodity CU_CONC, pricing, penalty for As: \"step\" is 0, expected more than 0");
    }

    @Test
    void refusesUnknownPricingField() throws IOException {
        Path file = write("pricing-field.yaml", pricedWith("tcPerDmt: 80", "tcPerWmt: 80"));
        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageMatching("pricing-field\\.yaml: unknown field \"tcPerWmt\" at line \\d+");
    }

    @Test
    void readsTheFullBaseAgreement() throws IOException {
        Agreement agreement = AGREEMENT_FILES.read(write("full.yaml", fullWith("", "")));

        assertThat(agreement.commodity("CU_CONC").orElseThrow().qualityLimits()).hasSize(1);
        assertThat(agreement.quotas()).hasSize(1);
        assertThat(agreement.permits()).hasSize(1);
        assertThat(agreement.requiredDocuments()).hasSize(2);
    }

    @Test
    void refusesQualityLimitOfUnknownAnalyte() throws IOException {
        assertRefused(
                "analyte.yaml",
                fullWith("analyte: As", "analyte: Xx"),
                "commodity CU_CONC, quality limit for"
                        + " Xx: analyte \"Xx\" is not in the analyte table (reference/analytes.csv)");
    }

    @Test
    void refusesQualityLimitInAnUnknownUnit() throws IOException {
        assertRefused(
                "unit.yaml",
                fullWith("unit: PCT", "unit: \"%\""),
                "commodity CU_CONC, quality limit for As:" + " \"unit\" is \"%\", expected one of [PCT, PPM, G_PER_T]");
    }

    @Test
    void refusesQualityLimitOnAnUnknownBasis() throws IOException {
        assertRefused(
                "basis.yaml",
                fullWith("basis: DRY", "basis: WET"),
                "commodity CU_CONC, quality limit for As:"
                        + " \"basis\" is \"WET\", expected one of [DRY, AS_RECEIVED] or none (any basis)");
    }

    @Test
    void refusesPenaltyAboveRejection() throws IOException {
        assertRefused(
                "penalty.yaml",
                fullWith("penalty: 0.20", "penalty: 0.60"),
                "commodity CU_CONC, quality limit" + " for As: \"penalty\" 0.60 is above \"rejection\" 0.50");
    }

    @Test
    void refusesQuotaForACommodityTheAgreementDoesNotCover() throws IOException {
        assertRefused(
                "quota-commodity.yaml",
                fullWith("commodity: CU_CONC, from", "commodity: SB_CONC, from"),
                "quota \"Q-2025\": commodity \"SB_CONC\" is not a commodity of the agreement");
    }

    @Test
    void refusesQuotaEndingBeforeItStarts() throws IOException {
        assertRefused(
                "quota-dates.yaml",
                fullWith("to: 2025-12-31, tonnes: 100", "to: 2024-12-31, tonnes: 100"),
                "quota \"Q-2025\": \"to\" 2024-12-31 is before \"from\" 2025-01-01");
    }

    @Test
    void refusesQuotaOfNoTonnes() throws IOException {
        assertRefused(
                "quota-tonnes.yaml",
                fullWith("tonnes: 100", "tonnes: 0"),
                "quota \"Q-2025\": \"tonnes\" is 0, expected more than 0");
    }

    @Test
    void refusesQuotaIdUsedTwice() throws IOException {
        String twice = "  - { id: Q-2025, commodity: CU_CONC, from: 2025-01-01, to: 2025-12-31, tonnes: 100 }\n";
        assertRefused("quota-twice.yaml", fullWith(twice, twice + twice), "quota \"Q-2025\" is listed twice");
    }

    @Test
    void refusesPermitValidToBeforeValidFrom() throws IOException {
        assertRefused(
                "permit-dates.yaml",
                fullWith("validTo: 2025-06-30", "validTo: 2024-06-30"),
                "permit P-1: \"validTo\" 2024-06-30 is before \"validFrom\" 2025-01-01");
    }

    @Test
    void refusesPermitHsCodeThatIsNotDigits() throws IOException {
        assertRefused(
                "permit-hs.yaml",
                fullWith("hsCodes: [\"2603\"]", "hsCodes: [\"2603.00\"]"),
                "permit P-1: HS code \"2603.00\" is not 2 to 10 digits");
    }

    @Test
    void refusesPermitWithoutNumber() throws IOException {
        assertRefused("permit-number.yaml", fullWith("number: P-1, ", ""), "every permit needs a \"number\"");
    }

    @Test
    void refusesPortThatIsNotAKnownLocode() throws IOException {
        assertRefused(
                "port.yaml",
                fullWith("discharge: [USHOU]", "discharge: [USHOU, Houston]"),
                "ports.discharge: \"Houston\" is not a UN/LOCODE of the place table (reference/locodes.csv)");
    }

    @Test
    void refusesUnknownRequiredDocumentKindInWords() throws IOException {
        Path file = write("documents.yaml", fullWith("  - CUSTOMS_DECLARATION\n", "  - CUSTOMS_DECLARATON\n"));

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageStartingWith("documents.yaml: \"requiredDocuments[0]\" at line ")
                .hasMessageContaining(": \"CUSTOMS_DECLARATON\" is not a document kind; use one of [ASSAY_CERTIFICATE,"
                        + " CUSTOMS_DECLARATION,");
    }

    @Test
    void refusesUnknownDistributionKindNamingTheField() throws IOException {
        Path file = write("kind.yaml", fullWith("kind: ASSAY_CERTIFICATE", "kind: ASSAY"));

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageMatching("kind\\.yaml: \"distribution\\[0]\\.kind\" at line \\d+: \"ASSAY\" is not one of"
                        + " \\[ASSAY_CERTIFICATE, .*]");
    }

    @Test
    void refusesAnUnknownFormatNamingTheFileTheFieldAndTheFormatsThereAre() throws IOException {
        Path file = write(
                "format.yaml", fullWith("partner: BUYER1, format: CANONICAL_JSON }", "partner: BUYER1, format: PDF }"));

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageMatching(
                        "format\\.yaml: \"distribution\\[\\d+]\\.format\" at line \\d+: \"PDF\" is not one of"
                                + " CANONICAL_JSON, PSW_WORKSHEET_JSON, PSW_WORKSHEET_CSV, EDIFACT, X12, US_BROKER_DATA_SET");
    }

    @Test
    void readsFormatsWhateverTheirCase() throws IOException {
        Path file = write(
                "format-case.yaml",
                fullWith("partner: BUYER1, format: CANONICAL_JSON }", "partner: BUYER1, format: canonical_json }"));

        assertThat(AGREEMENT_FILES.read(file).recipientsOf(DocumentKind.ASSAY_CERTIFICATE))
                .extracting(Agreement.Distribution::format)
                .containsExactly(OutputFormat.CANONICAL_JSON);
    }

    @Test
    void refusesTheBrokersDataSetForASingleDocument() throws IOException {
        Path file = write(
                "per-shipment.yaml",
                fullWith("partner: BUYER1, format: CANONICAL_JSON }", "partner: BUYER1, format: US_BROKER_DATA_SET }"));

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageContaining("per-shipment.yaml: ")
                .hasMessageContaining("as US_BROKER_DATA_SET, which is"
                        + " written from a whole shipment: name it for SHIPMENT_DOSSIER");
    }

    @Test
    void refusesDisclosureOfAnUnknownDocumentKind() throws IOException {
        Path file = write("disclosure-kind.yaml", fullWith("    CUSTOMS_DECLARATION: [", "    DECLARATION: ["));

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageStartingWith("disclosure-kind.yaml: ")
                .hasMessageContaining("DECLARATION");
    }

    @Test
    void refusesDisclosureFieldThatIsNotAPath() throws IOException {
        assertRefused(
                "disclosure-field.yaml",
                fullWith("body.declarationDate", "declaration date"),
                "disclosure.publicFields.CUSTOMS_DECLARATION: \"declaration date\" is not a field path such as"
                        + " body.lines[].hsCode");
    }

    @Test
    void refusesMalformedDateNamingTheField() throws IOException {
        Path file = write("date.yaml", fullWith("validFrom: 2025-01-01", "validFrom: 2025-13-01"));

        assertThatThrownBy(() -> AGREEMENT_FILES.read(file))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageStartingWith("date.yaml: ")
                .hasMessageContaining("permits[0].validFrom");
    }
}
