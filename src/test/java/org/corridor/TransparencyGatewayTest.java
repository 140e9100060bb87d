package org.corridor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.corridor.audit.AuditLog;
import org.corridor.canonical.CanonicalJson;
import org.corridor.cli.CorridorCli;
import org.corridor.report.ReportFormats;
import org.corridor.report.TransparencyReport;
import org.corridor.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The public transparency report served by the running gateway, without login, and written by the CLI. */
class TransparencyGatewayTest extends GatewayTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    AuditLog audit;

    @LocalServerPort
    int port;

    @TempDir
    Path out;

    @Test
    void servesTheReportToAnyoneAsHtmlCsvAndJsonWithTheAuditHead() throws Exception {
        long before = audit.head().seq();

        HttpResponse<String> page = get("/transparency/PK-US-CM-2025");
        HttpResponse<String> json = get("/transparency/PK-US-CM-2025.json");
        HttpResponse<String> csv = get("/transparency/PK-US-CM-2025.csv");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body())
                .contains(
                        "<h1>Transparency report: ",
                        "<svg id=\"chart-tonnes\"",
                        "<svg id=\"chart-quotas\"",
                        "id=\"audit-head\"",
                        "<a href=\"PK-US-CM-2025.csv\">CSV</a>");
        // one month's page links the same month's downloads
        assertThat(get("/transparency/PK-US-CM-2025?month=2025-10").body())
                .contains("<a href=\"PK-US-CM-2025.csv?month=2025-10\">CSV</a>")
                .contains("<a href=\"PK-US-CM-2025.pdf?month=2025-10\">PDF</a>");
        assertThat(json.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(json.body());
        assertThat(report.get("agreementRef").asText()).isEqualTo("PK-US-CM-2025");
        assertThat(report.get("minimumShipments").asInt()).isEqualTo(3);
        assertThat(report.get("auditHeadSeq").asLong()).isGreaterThanOrEqualTo(before);
        assertThat(report.get("auditHeadHash").asText()).hasSize(64);
        // every quota of the sample agreement, with its allowed tonnes as the agreement file gives them
        assertThat(report.get("quotas"))
                .extracting(q ->
                        q.get("quotaId").asText() + "=" + q.get("allowedTonnes").asText())
                .containsExactly("CU-2025=45", "CU-2026=1000", "SB-2025=60", "SBI-2025=20", "NDPR-2025=2");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body())
                .startsWith("section,commodity,period,figure,value\r\n")
                .contains("allowed_tonnes");
    }

    @Test
    void servesThePrintablePdfToAnyone() throws Exception {
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + port + "/transparency/PK-US-CM-2025.pdf?month=2025-10"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElse(""))
                .isEqualTo("inline; filename=\"PK-US-CM-2025-2025-10.pdf\"");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void answersAnUnknownAgreementAndABadMonthInWords() throws Exception {
        HttpResponse<String> unknown = get("/transparency/NO-SUCH-AGREEMENT.json");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no agreement NO-SUCH-AGREEMENT");
        HttpResponse<String> badMonth = get("/transparency/PK-US-CM-2025.csv?month=October");
        assertThat(badMonth.statusCode()).isEqualTo(400);
        assertThat(badMonth.body()).contains("\"October\" is not a month written YYYY-MM");
    }

    @Test
    void theCommandLineWritesTheMonthsFourFilesForPublicationFromOneAnswer() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new CorridorCli(new PrintStream(stdout, true), new PrintStream(err, true))
                .run(
                        "report",
                        "PK-US-CM-2025",
                        "--month",
                        "2025-10",
                        "--out",
                        out.toString(),
                        "--gateway",
                        "http://localhost:" + port);

        assertThat(exit).as(err.toString()).isZero();
        Path json = out.resolve("PK-US-CM-2025-2025-10.json");
        Path csv = out.resolve("PK-US-CM-2025-2025-10.csv");
        Path html = out.resolve("PK-US-CM-2025-2025-10.html");
        Path pdf = out.resolve("PK-US-CM-2025-2025-10.pdf");
        assertThat(stdout.toString().lines())
                .containsExactly(json.toString(), csv.toString(), html.toString(), pdf.toString());
        try (Stream<Path> files = Files.list(out)) {
            // nothing left under a temporary name
            assertThat(files).containsExactlyInAnyOrder(json, csv, html, pdf);
        }
        TransparencyReport report = CanonicalJson.mapper().readValue(Files.readString(json), TransparencyReport.class);
        assertThat(report.agreementRef()).isEqualTo("PK-US-CM-2025");
        assertThat(report.cells()).allSatisfy(c -> assertThat(c.month()).isEqualTo("2025-10"));
        // one answer: the page and the PDF show the JSON's own as-of time and audit head
        // its links are the files beside it
        assertThat(Files.readString(html))
                .isEqualTo(ReportFormats.html(report, ext -> "PK-US-CM-2025-2025-10." + ext))
                .contains("<a href=\"PK-US-CM-2025-2025-10.csv\">CSV</a>");
        assertThat(Files.readString(csv)).isEqualTo(ReportFormats.csv(report));
        byte[] printed = Files.readAllBytes(pdf);
        assertThat(new String(printed, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(printed)) {
            assertThat(new PDFTextStripper().getText(document).replaceAll("\\s", ""))
                    .contains(
                            report.auditHeadHash(),
                            report.asOf().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        int bad = new CorridorCli(new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true))
                .run("report", "PK-US-CM-2025", "--month", "10/2025", "--out", out.toString());
        assertThat(bad).isEqualTo(2);
        assertThat(err.toString()).contains("report: --month 10/2025 is not a month written YYYY-MM");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
