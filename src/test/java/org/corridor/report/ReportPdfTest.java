package org.corridor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Point2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The report's PDF, laid out from its HTML page: the same figures, and the SVG charts drawn, not left out. */
class ReportPdfTest {

    /** The charts' bar colour, #3a6ea5: only the SVG charts paint with it, the tables never do. */
    private static final int BAR = 0x3a6ea5;

    /** The text of a PDF, as a reader copying it out would get it. */
    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void isAPdfWhoseTextHoldsThePublishedFiguresAndTheAuditHead() throws IOException {
        TransparencyReport r = TransparencyReportTest.report();

        byte[] pdf = ReportPdf.pdf(ReportFormats.html(r));

        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(1);
        }
        // a narrow column or a long line may wrap a figure (at a hyphen, or a 64-character hash anywhere)
        String text = text(pdf).replaceAll("\\s", "");
        assertThat(text)
                .contains(
                        "Transparencyreport:",
                        "PK-US-CM-2025",
                        "CU_CONC",
                        "2025-10",
                        "63.849",
                        "58.431",
                        "USD115238.25",
                        "withheld:fewerthan3shipments",
                        "2025-12-01T00:00:00Z",
                        TransparencyReportTest.HEAD);
    }

    @Test
    void drawsTheSvgChartsBarsAsFilledShapes() throws IOException {
        TransparencyReport r = TransparencyReportTest.report();

        byte[] pdf = ReportPdf.pdf(ReportFormats.html(r));

        // one bar per published cell (copper) and per quota with its use published (CU-2025)
        assertThat(fillsOf(pdf)).filteredOn(rgb -> rgb == BAR).hasSizeGreaterThanOrEqualTo(2);
    }

    /** The colour (RGB) of every filled path on every page, forms (where the SVG is drawn) included. */
    private static List<Integer> fillsOf(byte[] pdf) throws IOException {
        List<Integer> fills = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                new FillRecorder(page, fills).processPage(page);
            }
        }
        return fills;
    }

    /** Records the non-stroking colour of each fill; the path itself does not matter here. */
    private static final class FillRecorder extends PDFGraphicsStreamEngine {
        private final List<Integer> fills;
        private final Point2D.Float current = new Point2D.Float();

        FillRecorder(PDPage page, List<Integer> fills) {
            super(page);
            this.fills = fills;
        }

        private void fill() throws IOException {
            fills.add(getGraphicsState().getNonStrokingColor().toRGB());
        }

        @Override
        public void fillPath(int windingRule) throws IOException {
            fill();
        }

        @Override
        public void fillAndStrokePath(int windingRule) throws IOException {
            fill();
        }

        @Override
        public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {}

        @Override
        public void drawImage(PDImage pdImage) {}

        @Override
        public void clip(int windingRule) {}

        @Override
        public void moveTo(float x, float y) {
            current.setLocation(x, y);
        }

        @Override
        public void lineTo(float x, float y) {
            current.setLocation(x, y);
        }

        @Override
        public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
            current.setLocation(x3, y3);
        }

        @Override
        public Point2D getCurrentPoint() {
            return current;
        }

        @Override
        public void closePath() {}

        @Override
        public void endPath() {}

        @Override
        public void strokePath() {}

        @Override
        public void shadingFill(COSName shadingName) {}
    }
}
