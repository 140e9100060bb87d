package org.corridor.parse.edifact;

import static org.corridor.support.TestReferenceData.REFERENCE;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.corridor.canonical.DocumentBody;
import org.corridor.detect.Detection;
import org.corridor.edi.EdiSchemas;
import org.corridor.formats.FormatCatalog;
import org.corridor.parse.ParsedMessage;
import org.corridor.parse.edi.EdiDocumentParser;

/** Wraps message segments in an interchange and parses it with the real schemas and mappers. */
final class EdifactMapperTestSupport {

    private static final EdiDocumentParser PARSER =
            new EdiDocumentParser(new EdiSchemas(), FormatCatalog.ediMappers(REFERENCE));

    private EdifactMapperTestSupport() {}

    /** The bodies of one message: {@code type} such as {@code QALITY:D:96A:UN}, segments without terminators. */
    static List<DocumentBody> parse(String una, String type, String... segments) {
        String syntax = "UNOC:3";
        StringBuilder text = new StringBuilder(una == null ? "" : una);
        char element = una == null ? '+' : una.charAt(4);
        char component = una == null ? ':' : una.charAt(3);
        char terminator = una == null ? '\'' : una.charAt(8);
        String e = String.valueOf(element);
        String c = String.valueOf(component);
        text.append(String.join(
                        e,
                        "UNB",
                        syntax.replace(":", c),
                        "KHILAB" + c + "ZZZ",
                        "CORRIDOR" + c + "ZZZ",
                        "251006" + c + "1200",
                        "T0001"))
                .append(terminator)
                .append('\n');
        text.append(String.join(e, "UNH", "1", type.replace(":", c)))
                .append(terminator)
                .append('\n');
        for (String segment : segments) {
            text.append(segment).append(terminator).append('\n');
        }
        text.append(String.join(e, "UNT", String.valueOf(segments.length + 2), "1"))
                .append(terminator)
                .append('\n');
        text.append(String.join(e, "UNZ", "1", "T0001")).append(terminator).append('\n');
        return PARSER
                .parse(
                        text.toString().getBytes(StandardCharsets.ISO_8859_1),
                        new Detection(Detection.EDIFACT, null, null))
                .stream()
                .map(ParsedMessage::body)
                .toList();
    }
}
