package org.corridor.report;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.Document;

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
}
