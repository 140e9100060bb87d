package org.corridor.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.parse.DocumentReader;
import org.corridor.parse.csv.AssayCsvParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Wire format by content (the detector), and message type as the parsers recognise it (through the reader). */
class ContentDetectorTest {

    private static final String BOM = "\uFEFF";
    private static final String LAB_HEADER = "certificate_no,lab,lot_no,sample_id,sample_role,analyte,value,qualifier,"
            + "unit,basis,method,analysis_date\n";

    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();
    private final ContentDetector detector = new ContentDetector();
    private final DocumentReader reader = new DocumentReader(detector, List.of(new AssayCsvParser(CAMEL, REFERENCE)));

    @AfterAll
    static void stop() {
        CAMEL.stop();
    }

    private Detection detect(String text) {
        return reader.detect(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void detectsEdifactByServiceStringAdvice() {
        assertThat(detect("UNA:+.? 'UNB+UNOC:3+KHILAB+CORRIDOR+251006:1200+1'"))
                .isEqualTo(new Detection(Detection.EDIFACT, null, null));
    }

    @Test
    void detectsEdifactByInterchangeHeader() {
        assertThat(detect("UNB+UNOC:3+KHILAB+CORRIDOR+251006:1200+1'").format()).isEqualTo(Detection.EDIFACT);
    }

    @Test
    void detectsEdifactAfterByteOrderMarkAndLeadingWhitespace() {
        Detection detection = detect(BOM + " \r\n\t UNB+UNOC:3+KHILAB+CORRIDOR+251006:1200+1'");

        assertThat(detection.format()).isEqualTo(Detection.EDIFACT);
        assertThat(detection.messageType()).isNull();
        assertThat(detection.isKnownMessage()).isFalse();
    }

    @Test
    void detectsX12ByInterchangeControlHeader() {
        assertThat(detect("ISA*00*          *00*          *ZZ*KHILAB         *ZZ*CORRIDOR       *251006*1200*U*00401"))
                .isEqualTo(new Detection(Detection.X12, null, null));
    }

    @Test
    void detectsX12AfterByteOrderMark() {
        assertThat(detect(BOM + "\nISA*00*").format()).isEqualTo(Detection.X12);
    }

    @Test
    void detectsJsonObject() {
        assertThat(detect("  {\"schema\": \"corridor/1\"}").format()).isEqualTo(Detection.JSON);
    }

    @Test
    void detectsJsonArray() {
        assertThat(detect("[ {\"schema\": \"corridor/1\"} ]").format()).isEqualTo(Detection.JSON);
    }

    @Test
    void detectsXml() {
        assertThat(detect(BOM + "<?xml version=\"1.0\"?><Declaration/>").format())
                .isEqualTo(Detection.XML);
    }

    @Test
    void detectsLabCsvByFirstHeaderColumn() {
        Detection detection = detect(LAB_HEADER + "KHILAB-CU-2025-0147,KHILAB,...\n");

        assertThat(detection).isEqualTo(new Detection(Detection.CSV, Detection.LAB_CSV, "long"));
        assertThat(detection.isKnownMessage()).isTrue();
    }

    @Test
    void detectsLabCsvWithQuotedHeader() {
        assertThat(detect("\"certificate_no\",\"lab\",\"lot_no\"\n").messageType())
                .isEqualTo(Detection.LAB_CSV);
    }

    @Test
    void detectsLabCsvWithUpperCaseHeader() {
        assertThat(detect("CERTIFICATE_NO,LAB,LOT_NO\n").messageType()).isEqualTo(Detection.LAB_CSV);
    }

    @Test
    void detectsLabCsvAfterByteOrderMark() {
        assertThat(detect(BOM + LAB_HEADER).messageType()).isEqualTo(Detection.LAB_CSV);
    }

    @Test
    void detectsOtherCsvAsCsvWithoutMessageType() {
        Detection detection = detect("invoice_no,amount,currency\nINV-1,100.00,USD\n");

        assertThat(detection).isEqualTo(new Detection(Detection.CSV, null, null));
        assertThat(detection.isKnownMessage()).isFalse();
    }

    @Test
    void doesNotTakeCertificateNoInALaterColumnForLabCsv() {
        assertThat(detect("lab,certificate_no\n").messageType()).isNull();
    }

    @Test
    void reportsTextWithoutCommaInFirstLineAsUnknown() {
        assertThat(detect("Hello world\nno, separators on the first line\n"))
                .isEqualTo(new Detection(Detection.UNKNOWN, null, null));
    }

    @Test
    void takesAnyTextWithCommaInFirstLineForCsvOfUnknownType() {
        assertThat(detect("Dear Sir, please find attached")).isEqualTo(new Detection(Detection.CSV, null, null));
    }

    @Test
    void reportsEmptyContentAsUnknown() {
        assertThat(detector.detect(new byte[0]).format()).isEqualTo(Detection.UNKNOWN);
    }

    @Test
    void stripBomRemovesLeadingMarkFromString() {
        assertThat(ContentDetector.stripBom(BOM + "certificate_no")).isEqualTo("certificate_no");
    }

    @Test
    void stripBomLeavesStringWithoutMarkUnchanged() {
        assertThat(ContentDetector.stripBom("certificate_no")).isEqualTo("certificate_no");
        assertThat(ContentDetector.stripBom("")).isEmpty();
    }

    @Test
    void stripBomRemovesLeadingMarkFromBytes() {
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'U', 'N', 'B'};

        assertThat(ContentDetector.stripBom(withBom)).containsExactly('U', 'N', 'B');
    }

    @Test
    void stripBomLeavesBytesWithoutMarkUnchanged() {
        byte[] plain = {'U', 'N', 'B'};
        byte[] partialMark = {(byte) 0xEF, (byte) 0xBB};

        assertThat(ContentDetector.stripBom(plain)).containsExactly('U', 'N', 'B');
        assertThat(ContentDetector.stripBom(partialMark)).containsExactly((byte) 0xEF, (byte) 0xBB);
        assertThat(ContentDetector.stripBom(new byte[0])).isEmpty();
    }
}
