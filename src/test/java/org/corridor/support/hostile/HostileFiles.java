package org.corridor.support.hostile;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The hostile files of the campaign, written to disk as they are generated (a gigabyte is never held in the campaign's
 * memory): each method writes {@code file} and returns it.
 */
final class HostileFiles {

    /** The assay CSV's header line: with it, the content is recognised as a lab certificate. */
    static final String ASSAY_HEADER =
            "certificate_no,lab,lot_no,sample_id,sample_role,analyte,value,qualifier,unit,basis,"
                    + "method,analysis_date,contract_ref,commodity,issue_date";

    private static final String ASSAY_ROW = "HOSTILE-CU-0001,KHILAB,FWO-CU-L01,KML-25-0147-01,SELLER,Cu,24.12,,%,DRY,"
            + "ISO 10258 electrolytic,2025-10-03,USSM-FWO-2025-CU-001,CU_CONC,2025-10-06";

    private static final String EDIFACT_HEAD =
            "UNA:+.? 'UNB+UNOC:3+KHILAB:ZZZ+CORRIDOR:ZZZ+251006:1430+%s'" + "UNH+1+QALITY:D:96A:UN'BGM+1+%s+9'";

    private HostileFiles() {}

    /** A bill of lading whose message id is an external entity: a local file, or a URL of the campaign's server. */
    static Path xxe(Path file, String systemId) throws IOException {
        return Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE TransportDocument [
                  <!ENTITY xxe SYSTEM "%s">
                ]>
                <TransportDocument xmlns="urn:corridor:oceancar:ebl:1">
                  <Header>
                    <SenderID>OCEANCAR</SenderID>
                    <ReceiverID>USSMUS</ReceiverID>
                    <MessageID>&xxe;</MessageID>
                    <CreatedDateTime>2025-10-12T14:05:00+05:00</CreatedDateTime>
                  </Header>
                  <TransportDocumentReference>HOSTILE-BL-0001</TransportDocumentReference>
                </TransportDocument>
                """.formatted(systemId));
    }

    /** A bill of lading whose external DTD (a parameter entity) is on the campaign's server. */
    static Path externalDtd(Path file, String url) throws IOException {
        return Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE TransportDocument SYSTEM "%s">
                <TransportDocument xmlns="urn:corridor:oceancar:ebl:1">
                  <TransportDocumentReference>HOSTILE-BL-0002</TransportDocumentReference>
                </TransportDocument>
                """.formatted(url));
    }

    /** Billion laughs: ten levels of ten references, a few hundred bytes that expand to 10^9 "lol"s. */
    static Path billionLaughs(Path file) throws IOException {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE TransportDocument [\n");
        s.append("  <!ENTITY lol0 \"lol\">\n");
        for (int level = 1; level <= 9; level++) {
            s.append("  <!ENTITY lol").append(level).append(" \"");
            for (int i = 0; i < 10; i++) {
                s.append("&lol").append(level - 1).append(';');
            }
            s.append("\">\n");
        }
        s.append("]>\n<TransportDocument xmlns=\"urn:corridor:oceancar:ebl:1\">")
                .append("<TransportDocumentReference>&lol9;</TransportDocumentReference></TransportDocument>\n");
        return Files.writeString(file, s.toString());
    }

    /** A lab CSV of {@code bytes}: its header line and one row, then zeros the file system stores as a hole. */
    static Path sparseCsv(Path file, long bytes) throws IOException {
        Files.writeString(file, ASSAY_HEADER + "\n" + ASSAY_ROW + "\n");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return file;
    }

    /**
     * An EDIFACT QALITY interchange of about {@code bytes}, read as a stream: its envelope, then free-text segments
     * (FTX) one after another, then its trailers.
     */
    static Path longInterchange(Path file, long bytes) throws IOException {
        try (OutputStream out = buffered(file)) {
            write(out, EDIFACT_HEAD.formatted("HOST1GB", "HOSTILE-QA-1GB"));
            byte[] segment = "FTX+AAI+++THE SAME FREE TEXT AGAIN AND AGAIN FOR A VERY LONG FILE'\n"
                    .getBytes(StandardCharsets.US_ASCII);
            long segments = 0;
            for (long written = 0; written < bytes; written += segment.length) {
                out.write(segment);
                segments++;
            }
            write(out, "UNT+" + (segments + 3) + "+1'UNZ+1+HOST1GB'\n");
        }
        return file;
    }

    /** One line of {@code bytes}, without a newline, that starts like {@code start} and goes on with letters. */
    static Path singleLine(Path file, String start, long bytes) throws IOException {
        try (OutputStream out = buffered(file)) {
            write(out, start);
            repeat(out, (byte) 'A', bytes - start.length());
        }
        return file;
    }

    /** A lab CSV whose one data row has {@code columns} fields. */
    static Path manyColumns(Path file, int columns) throws IOException {
        try (OutputStream out = buffered(file)) {
            write(out, ASSAY_HEADER + "\n" + ASSAY_ROW);
            for (int i = 15; i < columns; i++) {
                write(out, ",x");
            }
            write(out, "\n");
        }
        return file;
    }

    /**
     * A PSW declaration worksheet (so it is read as one) holding a value nested {@code depth} deep: arrays
     * ({@code [[[…]]]}) or objects ({@code {"a":{"a":…}}}).
     */
    static Path deepJson(Path file, int depth, boolean objects) throws IOException {
        try (OutputStream out = buffered(file)) {
            write(out, "{\"worksheetVersion\": \"1\", \"nested\": ");
            for (int i = 0; i < depth; i++) {
                write(out, objects ? "{\"a\":" : "[");
            }
            write(out, objects ? "1" : "");
            for (int i = 0; i < depth; i++) {
                write(out, objects ? "}" : "]");
            }
            write(out, "}\n");
        }
        return file;
    }

    /** An EDIFACT QALITY interchange whose DTM segment (allowed there) has {@code elements} data elements. */
    static Path wideSegment(Path file, int elements) throws IOException {
        try (OutputStream out = buffered(file)) {
            write(out, EDIFACT_HEAD.formatted("HOSTWIDE", "HOSTILE-QA-WIDE") + "DTM+137:20251006:102");
            for (int i = 1; i < elements; i++) {
                write(out, "+x");
            }
            write(out, "'UNT+3+1'UNZ+1+HOSTWIDE'\n");
        }
        return file;
    }

    /** An EDIFACT QALITY interchange whose DTM segment holds a date of {@code bytes}. */
    static Path hugeElement(Path file, long bytes) throws IOException {
        try (OutputStream out = buffered(file)) {
            write(out, EDIFACT_HEAD.formatted("HOSTHUGE", "HOSTILE-QA-HUGE") + "DTM+137:");
            repeat(out, (byte) 'A', bytes);
            write(out, "'UNT+3+1'UNZ+1+HOSTHUGE'\n");
        }
        return file;
    }

    private static OutputStream buffered(Path file) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void repeat(OutputStream out, byte b, long count) throws IOException {
        byte[] block = new byte[1 << 16];
        Arrays.fill(block, b);
        for (long left = count; left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(block.length, left));
        }
    }
}
