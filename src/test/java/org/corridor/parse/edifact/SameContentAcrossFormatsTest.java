package org.corridor.parse.edifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.DocumentBody;
import org.corridor.detect.Detection;
import org.corridor.edi.EdiSchemas;
import org.corridor.formats.FormatCatalog;
import org.corridor.parse.ParsedMessage;
import org.corridor.parse.csv.AssayCsvParser;
import org.corridor.parse.edi.EdiDocumentParser;
import org.corridor.parse.json.PswStatusParser;
import org.corridor.parse.json.PswWorksheetParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract: the same business content in two formats parses to equal bodies. The EDIFACT samples carry the same
 * certificates, declaration and customs decision as the lab CSVs and the PSW worksheet and status files.
 */
class SameContentAcrossFormatsTest {

    private static final Path SAMPLES = Path.of("sample-docs");
    private static final Detection EDIFACT = new Detection(Detection.EDIFACT, null, null);
    private static DefaultCamelContext camel;
    private static AssayCsvParser labCsv;
    private final EdiDocumentParser edi = new EdiDocumentParser(new EdiSchemas(), FormatCatalog.ediMappers(REFERENCE));

    @BeforeAll
    static void start() {
        camel = new DefaultCamelContext();
        labCsv = new AssayCsvParser(camel, REFERENCE);
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    @Test
    void copperCertificateAsQalityEqualsTheLabCsv() throws IOException {
        List<DocumentBody> qality = bodies(edi.parse(read("edifact/KHILAB-QALITY-CU-2025-0147.edi"), EDIFACT));
        List<DocumentBody> csv = bodies(labCsv.parse(
                read("assay/KHILAB-CU-2025-0147.csv"), new Detection(Detection.CSV, Detection.LAB_CSV, "long")));

        assertThat(qality).hasSize(1);
        assertThat(qality).isEqualTo(csv);
    }

    @Test
    void ndprOxideCertificateAsQalityEqualsTheLabCsv() throws IOException {
        List<DocumentBody> qality = bodies(edi.parse(read("edifact/KHILAB-QALITY-REO-2025-0161.edi"), EDIFACT));
        List<DocumentBody> csv = bodies(labCsv.parse(
                read("assay/KHILAB-REO-2025-0161.csv"), new Detection(Detection.CSV, Detection.LAB_CSV, "long")));

        assertThat(qality).hasSize(2);
        assertThat(qality.get(0)).isEqualTo(csv.get(0));
    }

    @Test
    void exportDeclarationAsCusdecEqualsThePswWorksheet() throws IOException {
        List<DocumentBody> cusdec = bodies(edi.parse(read("edifact/PKAGENT-CUSDEC-PQEX-SB-0004471.edi"), EDIFACT));
        List<DocumentBody> worksheet = bodies(new PswWorksheetParser(REFERENCE)
                .parse(
                        read("customs/PSW-SD-FWO-2025-0147.json"),
                        new Detection(Detection.JSON, Detection.PSW_SD, "1")));

        assertThat(cusdec)
                .isEqualTo(worksheet.stream()
                        .map(SameContentAcrossFormatsTest::withoutInstrumentCurrency)
                        .toList());
        assertThat(((CustomsDeclaration) worksheet.get(0)).financialInstrument().currency())
                .isEqualTo("USD");
    }

    /** CUSDEC's FII has no place for the financial instrument's currency: only the worksheet carries it. */
    private static DocumentBody withoutInstrumentCurrency(DocumentBody body) {
        CustomsDeclaration d = (CustomsDeclaration) body;
        CustomsDeclaration.FinancialInstrument fi = d.financialInstrument();
        return new CustomsDeclaration(
                d.jurisdiction(),
                d.direction(),
                d.procedure(),
                d.declarationNo(),
                d.declarationDate(),
                d.exporter(),
                d.consignee(),
                d.declarant(),
                d.portOfLoading(),
                d.portOfDischarge(),
                d.destinationCountry(),
                d.incoterm(),
                d.currency(),
                d.invoiceNo(),
                d.totalValue(),
                new CustomsDeclaration.FinancialInstrument(fi.type(), fi.number(), fi.bank()),
                d.lines(),
                d.containers());
    }

    @Test
    void releaseAsCusresEqualsThePswStatus() throws IOException {
        List<DocumentBody> cusres = bodies(edi.parse(read("edifact/PKAGENT-CUSRES-PQEX-SB-0004471.edi"), EDIFACT));
        List<DocumentBody> status = bodies(new PswStatusParser()
                .parse(
                        read("customs/PSW-STATUS-FWO-2025-0147.json"),
                        new Detection(Detection.JSON, Detection.PSW_STATUS, "1")));

        assertThat(cusres).hasSize(2);
        assertThat(cusres.get(1)).isEqualTo(status.get(0));
    }

    private static byte[] read(String sample) throws IOException {
        return Files.readAllBytes(SAMPLES.resolve(sample));
    }

    private static List<DocumentBody> bodies(List<ParsedMessage> messages) {
        return messages.stream().map(ParsedMessage::body).toList();
    }
}
