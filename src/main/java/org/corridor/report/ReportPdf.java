package org.corridor.report;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report's printable PDF, laid out from the HTML page itself ({@link ReportFormats#html}), so that it always shows
 * what the page shows, its SVG charts included.
 */
public final class ReportPdf {

    /**
     * Paper for the PDF only: the page's own style is for the screen, and a browser that prints it chooses its own
     * paper. Base URI of the page: relative links (the downloads) stay relative, nothing is ever fetched.
     */
    private static final String PRINT_STYLE = "@page{size:A4;margin:15mm}"
            + "body{margin:0;max-width:none;font-size:9pt}h1{font-size:15pt}h2{font-size:12pt;page-break-after:avoid}"
            // a table as wide as the paper, never wider: long codes (document kinds) wrap inside their cell
            + "table{width:100%}td,th{word-wrap:break-word}tr,svg{page-break-inside:avoid}";

    private static final String BASE_URI = "about:blank";

    static {
        // openhtmltopdf prints to standard error through its own java.util.logging handler, past logback and the
        // command line's quiet standard error: its messages go to SLF4J like everyone else's
        XRLog.setLoggerImpl(new Slf4jLog());
    }

    private ReportPdf() {}

    /** The page {@code html} (HTML5) as a PDF; it fetches nothing and uses only the PDF's built-in fonts. */
    public static byte[] pdf(String html) {
        // openhtmltopdf wants well-formed XML; the page is HTML5, which jsoup parses as a browser would
        Document page = Jsoup.parse(html, "");
        page.head().appendElement("style").appendText(PRINT_STYLE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new PdfRendererBuilder()
                    .useFastMode()
                    .withW3cDocument(new W3CDom().fromJsoup(page), BASE_URI)
                    // the page is self-contained: any URI (an image, a style sheet, a font) is refused, not fetched
                    .useExternalResourceAccessControl(
                            (uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                    .useExternalResourceAccessControl(
                            (uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                    .useSVGDrawer(new BatikSVGDrawer(
                            BatikSVGDrawer.SvgScriptMode.SECURE, BatikSVGDrawer.SvgExternalResourceMode.SECURE))
                    .withProducer("Corridor")
                    .toStream(out)
                    .run();
        } catch (IOException e) {
            // rendering into memory from a string: no file or network to fail, only a bug
            throw new UncheckedIOException("the transparency report's PDF could not be laid out", e);
        }
        return out.toByteArray();
    }

    /**
     * openhtmltopdf's log on SLF4J, by its own logger names ({@code com.openhtmltopdf.css-parse}, ...). Its INFO is
     * timing chatter on every document: debug here.
     */
    private static final class Slf4jLog implements XRLogger {

        @Override
        public void log(String where, Level level, String message) {
            log(where, level, message, null);
        }

        @Override
        public void log(String where, Level level, String message, Throwable error) {
            Logger logger = LoggerFactory.getLogger(where);
            if (level.intValue() >= Level.SEVERE.intValue()) {
                logger.error(message, error);
            } else if (level.intValue() >= Level.WARNING.intValue()) {
                logger.warn(message, error);
            } else if (level.intValue() >= Level.INFO.intValue()) {
                logger.debug(message, error);
            } else {
                logger.trace(message, error);
            }
        }

        @Override
        public void setLevel(String logger, Level level) {
            // levels are logback's to set (application.yaml, the command line)
        }

        @Override
        public boolean isLogLevelEnabled(Diagnostic diagnostic) {
            Logger logger = LoggerFactory.getLogger(diagnostic.getLogMessageId().getWhere());
            int level = diagnostic.getLevel().intValue();
            if (level >= Level.SEVERE.intValue()) {
                return logger.isErrorEnabled();
            }
            if (level >= Level.WARNING.intValue()) {
                return logger.isWarnEnabled();
            }
            return level >= Level.INFO.intValue() ? logger.isDebugEnabled() : logger.isTraceEnabled();
        }
    }
}
