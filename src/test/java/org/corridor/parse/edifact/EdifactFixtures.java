package org.corridor.parse.edifact;

import static org.corridor.support.TestReferenceData.REFERENCE;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.corridor.detect.Detection;
import org.corridor.edi.EdiSchemas;
import org.corridor.formats.FormatCatalog;
import org.corridor.parse.ParsedMessage;
import org.corridor.parse.edi.EdiDocumentParser;

/** Parses EDIFACT text the way the gateway does: the real schemas and the registered mappers. */
final class EdifactFixtures {

    private static final EdiDocumentParser PARSER =
            new EdiDocumentParser(new EdiSchemas(), FormatCatalog.ediMappers(REFERENCE));

    private EdifactFixtures() {}

    /** One interchange around the given message segments (without UNH/UNT: they are added with the right count). */
    static List<ParsedMessage> parse(String type, String... segments) {
        StringBuilder text =
                new StringBuilder("UNB+UNOC:3+FWOPK:ZZZ+USSMUS:ZZZ+251020:0900+T1'UNH+1+" + type + ":D:96A:UN'");
        for (String segment : segments) {
            text.append(segment).append('\'');
        }
        text.append("UNT+").append(segments.length + 2).append("+1'UNZ+1+T1'");
        return parse(text.toString());
    }

    static List<ParsedMessage> parse(String text) {
        return PARSER.parse(text.getBytes(StandardCharsets.UTF_8), new Detection(Detection.EDIFACT, null, null));
    }
}
