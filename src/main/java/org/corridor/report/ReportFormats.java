package org.corridor.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.corridor.canonical.CanonicalJson;

/**
 * The report's public files, all from the same {@link TransparencyReport}: JSON, CSV (one figure a line) and an HTML
 * page with its charts as inline SVG drawn here, on the server (no script, no CDN, prints as it shows).
 */
public final class ReportFormats {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private ReportFormats() {}

    /** The report as JSON, every figure as a plain number. */
    public static String json(TransparencyReport report) {
        try {
            return CanonicalJson.mapper()
                            .copy()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One figure a line: {@code section,commodity,month,figure,value}; a withheld cell is one line saying so. */
    public static String csv(TransparencyReport r) {
        StringBuilder out = new StringBuilder("section,commodity,period,figure,value\r\n");
        for (TransparencyReport.Cell c : r.cells()) {
            if (c.withheld()) {
                line(
                        out,
                        "cell",
                        c.commodity(),
                        c.month(),
                        "withheld",
                        "fewer than " + r.minimumShipments() + " shipments");
                continue;
            }
            line(
                    out,
                    "cell",
                    c.commodity(),
                    c.month(),
                    "shipments",
                    c.shipments().toString());
            line(
                    out,
                    "cell",
                    c.commodity(),
                    c.month(),
                    "wet_tonnes",
                    c.wetTonnes().toPlainString());
            line(
                    out,
                    "cell",
                    c.commodity(),
                    c.month(),
                    "dry_tonnes",
                    c.dryTonnes().toPlainString());
            c.declaredValue()
                    .forEach((currency, value) -> line(
                            out,
                            "cell",
                            c.commodity(),
                            c.month(),
                            "declared_value_" + currency,
                            value.toPlainString()));
            c.documentsByKind()
                    .forEach((kind, n) ->
                            line(out, "cell", c.commodity(), c.month(), "documents_" + kind, n.toString()));
            c.publicValues()
                    .forEach((field, values) ->
                            line(out, "cell", c.commodity(), c.month(), field, String.join(" | ", values)));
        }
        for (TransparencyReport.QuotaRow q : r.quotas()) {
            String period = q.from() + "/" + q.to();
            line(
                    out,
                    "quota " + q.quotaId(),
                    q.commodity(),
                    period,
                    "allowed_tonnes",
                    q.allowedTonnes().toPlainString());
            line(
                    out,
                    "quota " + q.quotaId(),
                    q.commodity(),
                    period,
                    "used_tonnes",
                    q.withheld()
                            ? "withheld: fewer than " + r.minimumShipments() + " shipments"
                            : q.usedTonnes().toPlainString());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String... fields) {
        List<String> cells = new ArrayList<>();
        for (String f : fields) {
            String text = f == null ? "" : f;
            // a spreadsheet must not take a figure for a formula
            if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9.]+")) {
                text = "'" + text;
            }
            cells.add(text.matches(".*[\",\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text);
        }
        out.append(String.join(",", cells)).append("\r\n");
    }

    /** The public page: heading, as-of time and audit head, tables, and the SVG charts. */
    public static String html(TransparencyReport r) {
        StringBuilder h = new StringBuilder();
        String ref = esc(r.agreementRef());
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Transparency report: ")
                .append(ref)
                .append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;")
                .append("margin:1em 0}td,th{border:1px solid #999;padding:.2em .5em;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}.withheld{color:#777}")
                .append("code{font-size:.85em;word-break:break-all}</style>\n</head>\n<body>\n");
        h.append("<h1>Transparency report: ")
                .append(esc(r.title()))
                .append(" (")
                .append(ref)
                .append(", version ")
                .append(r.agreementVersion())
                .append(")</h1>\n");
        h.append("<p id=\"as-of\">As of <time datetime=\"")
                .append(TIME.format(r.asOf()))
                .append("\">")
                .append(TIME.format(r.asOf()))
                .append("</time>, computed from audit log entry #")
                .append(r.auditHeadSeq())
                .append(", hash <code id=\"audit-head\">")
                .append(esc(r.auditHeadHash()))
                .append("</code>.</p>\n");
        if (r.note() != null) {
            h.append("<p>").append(esc(r.note())).append("</p>\n");
        }
        h.append("<p>No figure stands for fewer than ")
                .append(r.minimumShipments())
                .append(" shipments: smaller cells are withheld.</p>\n");
        h.append("<p>Downloads: <a href=\"")
                .append(ref)
                .append(".csv\">CSV</a>, <a href=\"")
                .append(ref)
                .append(".json\">JSON</a>, <a href=\"" + ref + ".pdf\">PDF</a>; the page prints as it shows.</p>\n");
        h.append("<h2>Shipments per commodity and month</h2>\n<table id=\"cells\">\n<tr><th>Commodity</th>")
                .append("<th>Month</th><th>Shipments</th><th>Wet t</th><th>Dry t</th><th>Declared value</th>")
                .append("<th>Documents</th></tr>\n");
        for (TransparencyReport.Cell c : r.cells()) {
            h.append("<tr data-commodity=\"")
                    .append(esc(c.commodity()))
                    .append("\" data-month=\"")
                    .append(esc(c.month()))
                    .append("\"><td>")
                    .append(esc(c.commodity()))
                    .append("</td><td>")
                    .append(esc(c.month()))
                    .append("</td>");
            if (c.withheld()) {
                h.append("<td class=\"withheld\" colspan=\"5\">withheld: fewer than ")
                        .append(r.minimumShipments())
                        .append(" shipments</td></tr>\n");
                continue;
            }
            StringBuilder value = new StringBuilder();
            c.declaredValue()
                    .forEach((cur, v) -> value.append(value.isEmpty() ? "" : "<br>")
                            .append(esc(cur))
                            .append(' ')
                            .append(v.toPlainString()));
            StringBuilder docs = new StringBuilder();
            c.documentsByKind()
                    .forEach((k, n) -> docs.append(docs.isEmpty() ? "" : "<br>")
                            .append(esc(k))
                            .append(' ')
                            .append(n));
            h.append("<td class=\"shipments\">")
                    .append(c.shipments())
                    .append("</td><td class=\"wet\">")
                    .append(c.wetTonnes().toPlainString())
                    .append("</td><td class=\"dry\">")
                    .append(c.dryTonnes().toPlainString())
                    .append("</td><td>")
                    .append(value)
                    .append("</td><td>")
                    .append(docs)
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append(tonnesChart(r));
        h.append("<h2>Quotas</h2>\n<table id=\"quotas\">\n<tr><th>Quota</th><th>Commodity</th><th>Period</th>")
                .append("<th>Allowed t</th><th>Used t</th></tr>\n");
        for (TransparencyReport.QuotaRow q : r.quotas()) {
            h.append("<tr data-quota=\"")
                    .append(esc(q.quotaId()))
                    .append("\"><td>")
                    .append(esc(q.quotaId()))
                    .append("</td><td>")
                    .append(esc(q.commodity()))
                    .append("</td><td>")
                    .append(q.from())
                    .append(" to ")
                    .append(q.to())
                    .append("</td><td class=\"allowed\">")
                    .append(q.allowedTonnes().toPlainString())
                    .append("</td>")
                    .append(
                            q.withheld()
                                    ? "<td class=\"withheld\">withheld</td>"
                                    : "<td class=\"used\">" + q.usedTonnes().toPlainString() + "</td>")
                    .append("</tr>\n");
        }
        h.append("</table>\n");
        h.append(quotaChart(r));
        h.append("<p>Daily audit heads: <a href=\"audit/heads\">/transparency/audit/heads</a>.</p>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** Wet tonnes per month, one bar per published cell. */
    private static String tonnesChart(TransparencyReport r) {
        List<TransparencyReport.Cell> shown =
                r.cells().stream().filter(c -> !c.withheld()).toList();
        BigDecimal max = shown.stream().map(TransparencyReport.Cell::wetTonnes).reduce(BigDecimal.ONE, BigDecimal::max);
        int bar = 28;
        int height = 30 + shown.size() * (bar + 6);
        StringBuilder s =
                new StringBuilder("<svg id=\"chart-tonnes\" xmlns=\"http://www.w3.org/2000/svg\" width=\"600\""
                        + " height=\"" + height + "\" role=\"img\" aria-label=\"Wet tonnes per commodity and month\">\n"
                        + "<title>Wet tonnes per commodity and month</title>\n");
        int y = 20;
        for (TransparencyReport.Cell c : shown) {
            int w = width(c.wetTonnes(), max, 380);
            s.append("<text x=\"0\" y=\"")
                    .append(y + 18)
                    .append("\" font-size=\"12\">")
                    .append(esc(c.commodity()))
                    .append(' ')
                    .append(esc(c.month()))
                    .append("</text>")
                    .append("<rect class=\"bar\" x=\"150\" y=\"")
                    .append(y)
                    .append("\" width=\"")
                    .append(w)
                    .append("\" height=\"")
                    .append(bar)
                    .append("\" fill=\"#3a6ea5\" data-value=\"")
                    .append(c.wetTonnes().toPlainString())
                    .append("\"/>")
                    .append("<text x=\"")
                    .append(155 + w)
                    .append("\" y=\"")
                    .append(y + 18)
                    .append("\" font-size=\"12\">")
                    .append(c.wetTonnes().toPlainString())
                    .append(" t</text>\n");
            y += bar + 6;
        }
        return s.append("</svg>\n").toString();
    }

    /** Each quota's used tonnes against its allowed tonnes. */
    private static String quotaChart(TransparencyReport r) {
        int bar = 22;
        StringBuilder s =
                new StringBuilder("<svg id=\"chart-quotas\" xmlns=\"http://www.w3.org/2000/svg\" width=\"600\""
                        + " height=\"" + (20 + r.quotas().size() * (bar + 8)) + "\" role=\"img\""
                        + " aria-label=\"Quota used against allowed\">\n<title>Quota used against allowed</title>\n");
        int y = 10;
        for (TransparencyReport.QuotaRow q : r.quotas()) {
            s.append("<text x=\"0\" y=\"")
                    .append(y + 15)
                    .append("\" font-size=\"12\">")
                    .append(esc(q.quotaId()))
                    .append("</text><rect x=\"150\" y=\"")
                    .append(y)
                    .append("\" width=\"380\" height=\"")
                    .append(bar)
                    .append("\" fill=\"#ddd\"/>");
            if (!q.withheld()) {
                s.append("<rect class=\"bar\" x=\"150\" y=\"")
                        .append(y)
                        .append("\" width=\"")
                        .append(width(q.usedTonnes(), q.allowedTonnes(), 380))
                        .append("\" height=\"")
                        .append(bar)
                        .append("\" fill=\"#3a6ea5\" data-value=\"")
                        .append(q.usedTonnes().toPlainString())
                        .append("\"/>");
            }
            s.append("\n");
            y += bar + 8;
        }
        return s.append("</svg>\n").toString();
    }

    private static int width(BigDecimal value, BigDecimal max, int full) {
        if (max.signum() <= 0) {
            return 0;
        }
        return value.multiply(BigDecimal.valueOf(full))
                .divide(max, 0, RoundingMode.HALF_UP)
                .min(BigDecimal.valueOf(full))
                .intValue();
    }

    private static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
