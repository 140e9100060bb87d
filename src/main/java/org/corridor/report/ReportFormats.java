package org.corridor.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.corridor.canonical.CanonicalJson;

/**
 * The report's public files, all from the same {@link TransparencyReport}: JSON, CSV (one figure a line) and an HTML
 * page with its charts as inline SVG drawn here, on the server (no script, no CDN, prints as it shows).
 */
public final class ReportFormats {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** How a refusal whose commodity is not known is shown. */
    private static final String UNKNOWN = "unknown";

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

    /**
     * One figure a line: {@code section,commodity,month,figure,value}, after the as-of time and audit head; a withheld
     * cell is one line saying so.
     */
    public static String csv(TransparencyReport r) {
        StringBuilder out = new StringBuilder("section,commodity,period,figure,value\r\n");
        // what the figures were computed at, as on the page: the time and the audit log head
        line(out, "report", "", "", "agreement_version", Integer.toString(r.agreementVersion()));
        line(out, "report", "", "", "as_of", TIME.format(r.asOf()));
        line(out, "report", "", "", "audit_head_seq", Long.toString(r.auditHeadSeq()));
        line(out, "report", "", "", "audit_head_hash", r.auditHeadHash());
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
            c.permitTonnes()
                    .forEach((permit, t) ->
                            line(out, "cell", c.commodity(), c.month(), "permit_tonnes_" + permit, t.toPlainString()));
            times(out, c, "drop_to_delivered", c.dropToDelivered());
            times(out, c, "acknowledgement", c.acknowledgement());
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
        for (TransparencyReport.PermitRow p : r.permits()) {
            String period = p.validFrom() + "/" + (p.validTo() == null ? "" : p.validTo());
            line(
                    out,
                    "permit " + p.number(),
                    "",
                    period,
                    "allowed_tonnes",
                    p.allowedTonnes() == null ? "no limit" : p.allowedTonnes().toPlainString());
            line(
                    out,
                    "permit " + p.number(),
                    "",
                    period,
                    "used_tonnes",
                    p.withheld()
                            ? "withheld: fewer than " + r.minimumShipments() + " shipments"
                            : p.usedTonnes().toPlainString());
        }
        for (TransparencyReport.RefusalRow f : r.refusals()) {
            String commodity = f.commodity() == null ? UNKNOWN : f.commodity();
            if (f.withheld()) {
                line(
                        out,
                        "refusals",
                        commodity,
                        f.month(),
                        "withheld",
                        "fewer than " + r.minimumShipments() + " documents");
                continue;
            }
            line(
                    out,
                    "refusals",
                    commodity,
                    f.month(),
                    "refused_documents",
                    f.documents().toString());
            f.byReason()
                    .forEach((code, n) -> line(out, "refusals", commodity, f.month(), "refused_" + code, n.toString()));
        }
        return out.toString();
    }

    /** The four figures of one kind of time of a cell; the percentiles empty when nothing was measured. */
    private static void times(StringBuilder out, TransparencyReport.Cell c, String name, TransparencyReport.Times t) {
        line(out, "cell", c.commodity(), c.month(), name + "_measured", Integer.toString(t.measured()));
        line(out, "cell", c.commodity(), c.month(), name + "_waiting", Integer.toString(t.waiting()));
        line(out, "cell", c.commodity(), c.month(), name + "_p50_seconds", plain(t.p50Seconds()));
        line(out, "cell", c.commodity(), c.month(), name + "_p95_seconds", plain(t.p95Seconds()));
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
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

    /** The public page as the gateway serves it for all months, linking its downloads beside it. */
    public static String html(TransparencyReport r) {
        return html(r, ext -> r.agreementRef() + "." + ext);
    }

    /**
     * The public page: heading, as-of time and audit head, tables, and the SVG charts; {@code download} gives the link
     * to the same report in another form ({@code csv}, {@code json}, {@code pdf}), which depends on where the page is
     * read: served for one month ({@code REF.csv?month=M}) or written to a folder by the CLI ({@code REF-M.csv}).
     */
    public static String html(TransparencyReport r, Function<String, String> download) {
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
                .append(esc(download.apply("csv")))
                .append("\">CSV</a>, <a href=\"")
                .append(esc(download.apply("json")))
                .append("\">JSON</a>, <a href=\"")
                .append(esc(download.apply("pdf")))
                .append("\">PDF</a>; the page prints as it shows.</p>\n");
        h.append("<h2>Shipments per commodity and month</h2>\n<table id=\"cells\">\n<tr><th>Commodity</th>")
                .append("<th>Month</th><th>Shipments</th><th>Wet t</th><th>Dry t</th><th>Declared value</th>")
                .append("<th>Documents</th><th>Permits used, t</th></tr>\n");
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
                h.append("<td class=\"withheld\" colspan=\"6\">withheld: fewer than ")
                        .append(r.minimumShipments())
                        .append(" shipments</td></tr>\n");
                continue;
            }
            h.append("<td class=\"shipments\">")
                    .append(c.shipments())
                    .append("</td><td class=\"wet\">")
                    .append(c.wetTonnes().toPlainString())
                    .append("</td><td class=\"dry\">")
                    .append(c.dryTonnes().toPlainString())
                    .append("</td><td>")
                    .append(lines(c.declaredValue()))
                    .append("</td><td>")
                    .append(lines(c.documentsByKind()))
                    .append("</td><td class=\"permits\">")
                    .append(lines(c.permitTonnes()))
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
                    .append(usedCell(q.withheld(), q.usedTonnes()))
                    .append("</tr>\n");
        }
        h.append("</table>\n");
        h.append(quotaChart(r));
        flowTable(h, r);
        h.append(timesChart(r));
        permitTable(h, r);
        refusalTable(h, r);
        h.append("<p>Daily audit heads: <a href=\"audit/heads\">/transparency/audit/heads</a>.</p>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** Per published cell: how long documents took from the drop to their last recipient, and acknowledgements. */
    private static void flowTable(StringBuilder h, TransparencyReport r) {
        h.append("<h2>Document flow per commodity and month</h2>\n<p>Seconds from the drop of a document's file")
                .append(" to its delivery to the last of its recipients, and from a delivery to the partner's")
                .append(" acknowledgement (median and 95th percentile).</p>\n<table id=\"flow\">\n")
                .append("<tr><th>Commodity</th><th>Month</th><th>Delivered</th><th>Drop to delivered p50 s</th>")
                .append("<th>p95 s</th><th>Not yet delivered</th><th>Acknowledged</th><th>Acknowledgement p50 s</th>")
                .append("<th>p95 s</th><th>Awaiting acknowledgement</th></tr>\n");
        for (TransparencyReport.Cell c : r.cells()) {
            if (c.withheld()) {
                continue;
            }
            TransparencyReport.Times d = c.dropToDelivered();
            TransparencyReport.Times a = c.acknowledgement();
            h.append("<tr data-commodity=\"")
                    .append(esc(c.commodity()))
                    .append("\" data-month=\"")
                    .append(esc(c.month()))
                    .append("\"><td>")
                    .append(esc(c.commodity()))
                    .append("</td><td>")
                    .append(esc(c.month()))
                    .append("</td><td class=\"delivered\">")
                    .append(d.measured())
                    .append("</td><td class=\"delivered-p50\">")
                    .append(dash(d.p50Seconds()))
                    .append("</td><td class=\"delivered-p95\">")
                    .append(dash(d.p95Seconds()))
                    .append("</td><td>")
                    .append(d.waiting())
                    .append("</td><td class=\"acknowledged\">")
                    .append(a.measured())
                    .append("</td><td class=\"ack-p50\">")
                    .append(dash(a.p50Seconds()))
                    .append("</td><td class=\"ack-p95\">")
                    .append(dash(a.p95Seconds()))
                    .append("</td><td>")
                    .append(a.waiting())
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** Each export permit: validity, limit and tonnes used. */
    private static void permitTable(StringBuilder h, TransparencyReport r) {
        h.append("<h2>Export permits</h2>\n<table id=\"permits\">\n<tr><th>Permit</th><th>Issuer</th>")
                .append("<th>Valid</th><th>Allowed t</th><th>Used t</th></tr>\n");
        for (TransparencyReport.PermitRow p : r.permits()) {
            h.append("<tr data-permit=\"")
                    .append(esc(p.number()))
                    .append("\"><td>")
                    .append(esc(p.number()))
                    .append("</td><td>")
                    .append(esc(p.issuer()))
                    .append("</td><td>")
                    .append(p.validFrom())
                    .append(" to ")
                    .append(p.validTo() == null ? "" : p.validTo().toString())
                    .append("</td><td class=\"allowed\">")
                    .append(
                            p.allowedTonnes() == null
                                    ? "no limit"
                                    : p.allowedTonnes().toPlainString())
                    .append("</td>")
                    .append(usedCell(p.withheld(), p.usedTonnes()))
                    .append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** Refused documents per month and commodity, by reason code. */
    private static void refusalTable(StringBuilder h, TransparencyReport r) {
        h.append("<h2>Refused documents</h2>\n<p>Documents of this agreement the gateway refused, by the month they")
                .append(" came in and the reason code (see the gateway's documentation for each code).</p>\n")
                .append("<table id=\"refusals\">\n<tr><th>Commodity</th><th>Month</th><th>Refused</th>")
                .append("<th>By reason</th></tr>\n");
        for (TransparencyReport.RefusalRow f : r.refusals()) {
            String commodity = f.commodity() == null ? UNKNOWN : f.commodity();
            h.append("<tr data-commodity=\"")
                    .append(esc(commodity))
                    .append("\" data-month=\"")
                    .append(esc(f.month()))
                    .append("\"><td>")
                    .append(esc(commodity))
                    .append("</td><td>")
                    .append(esc(f.month()))
                    .append("</td>");
            if (f.withheld()) {
                h.append("<td class=\"withheld\" colspan=\"2\">withheld: fewer than ")
                        .append(r.minimumShipments())
                        .append(" documents</td></tr>\n");
                continue;
            }
            h.append("<td class=\"refused\">")
                    .append(f.documents())
                    .append("</td><td>")
                    .append(lines(f.byReason()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** Drop-to-delivered median and 95th percentile per published cell, two bars each. */
    private static String timesChart(TransparencyReport r) {
        List<TransparencyReport.Cell> shown = r.cells().stream()
                .filter(c -> !c.withheld() && c.dropToDelivered().p95Seconds() != null)
                .toList();
        BigDecimal max =
                shown.stream().map(c -> c.dropToDelivered().p95Seconds()).reduce(BigDecimal.ONE, BigDecimal::max);
        int bar = 14;
        StringBuilder s = new StringBuilder("<svg id=\"chart-times\" xmlns=\"http://www.w3.org/2000/svg\" width=\"600\""
                + " height=\"" + (20 + shown.size() * (2 * bar + 10)) + "\" role=\"img\""
                + " aria-label=\"Seconds from drop to delivered, median and 95th percentile\">\n"
                + "<title>Seconds from drop to delivered, median and 95th percentile</title>\n");
        int y = 10;
        for (TransparencyReport.Cell c : shown) {
            s.append("<text x=\"0\" y=\"")
                    .append(y + bar + 4)
                    .append("\" font-size=\"12\">")
                    .append(esc(c.commodity()))
                    .append(' ')
                    .append(esc(c.month()))
                    .append("</text>");
            BigDecimal[] values = {
                c.dropToDelivered().p50Seconds(), c.dropToDelivered().p95Seconds()
            };
            String[] names = {"p50", "p95"};
            for (int i = 0; i < 2; i++) {
                int w = width(values[i], max, 340);
                s.append("<rect class=\"bar ")
                        .append(names[i])
                        .append("\" x=\"150\" y=\"")
                        .append(y + i * bar)
                        .append("\" width=\"")
                        .append(w)
                        .append("\" height=\"")
                        .append(bar - 2)
                        .append("\" fill=\"")
                        .append(i == 0 ? "#3a6ea5" : "#a5c3e3")
                        .append("\" data-value=\"")
                        .append(values[i].toPlainString())
                        .append("\"/><text x=\"")
                        .append(155 + w)
                        .append("\" y=\"")
                        .append(y + i * bar + bar - 3)
                        .append("\" font-size=\"11\">")
                        .append(names[i])
                        .append(' ')
                        .append(values[i].toPlainString())
                        .append(" s</text>");
            }
            s.append("\n");
            y += 2 * bar + 10;
        }
        return s.append("</svg>\n").toString();
    }

    /** A map of a cell as lines, {@code key value} each (numbers written plain), in the map's order. */
    private static String lines(Map<String, ? extends Number> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((key, n) -> out.append(out.isEmpty() ? "" : "<br>")
                .append(esc(key))
                .append(' ')
                .append(n instanceof BigDecimal d ? d.toPlainString() : n.toString()));
        return out.toString();
    }

    /** The used tonnes of a quota or permit, or that they are withheld. */
    private static String usedCell(boolean withheld, BigDecimal used) {
        return withheld
                ? "<td class=\"withheld\">withheld</td>"
                : "<td class=\"used\">" + used.toPlainString() + "</td>";
    }

    private static String dash(BigDecimal value) {
        return value == null ? "&#8211;" : value.toPlainString();
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
