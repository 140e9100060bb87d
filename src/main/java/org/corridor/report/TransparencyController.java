package org.corridor.report;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public transparency report, no login: {@code GET /transparency/{agreementRef}} (HTML), {@code .csv},
 * {@code .json} and {@code .pdf} (the same figures; the PDF is the page printed), optionally {@code ?month=YYYY-MM}.
 */
@RestController
class TransparencyController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final TransparencySource source;

    TransparencyController(TransparencySource source) {
        this.source = source;
    }

    @GetMapping("/transparency/{name:[A-Za-z0-9_.-]+}")
    ResponseEntity<?> report(@PathVariable String name, @RequestParam(required = false) String month) {
        String ref = name;
        String format = "html";
        for (String ext : new String[] {"csv", "json", "pdf", "html"}) {
            if (name.endsWith("." + ext)) {
                ref = name.substring(0, name.length() - ext.length() - 1);
                format = ext;
            }
        }
        Optional<YearMonth> only;
        try {
            only = month == null ? Optional.empty() : Optional.of(YearMonth.parse(month));
        } catch (DateTimeParseException e) {
            return ResponseEntity.badRequest()
                    .contentType(TEXT)
                    .body("month: \"" + month + "\" is not a month written YYYY-MM, such as 2025-10\n");
        }
        Optional<TransparencyReport> report = source.report(ref);
        if (report.isEmpty()) {
            return ResponseEntity.status(404).contentType(TEXT).body("no agreement " + ref + "\n");
        }
        TransparencyReport r = only.map(m -> report.get().month(m)).orElse(report.get());
        String agreement = ref;
        // the page's links keep the month it shows
        String page = ReportFormats.html(
                r, ext -> agreement + "." + ext + only.map(m -> "?month=" + m).orElse(""));
        return switch (format) {
            case "csv" ->
                ResponseEntity.ok()
                        .contentType(CSV)
                        .header("Content-Disposition", "attachment; filename=\"" + ref + ".csv\"")
                        .body(ReportFormats.csv(r));
            case "pdf" ->
                ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_PDF)
                        .header(
                                "Content-Disposition",
                                "inline; filename=\"" + ref
                                        + only.map(m -> "-" + m).orElse("") + ".pdf\"")
                        .body(ReportPdf.pdf(page));
            case "json" ->
                ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ReportFormats.json(r));
            default -> ResponseEntity.ok().contentType(HTML).body(page);
        };
    }
}
