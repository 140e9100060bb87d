package org.corridor.ack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.corridor.edi.EdiInterchangeReader;
import org.corridor.edi.EdiInterchangeReader.InterchangeSummary;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiReceipt;
import org.corridor.edi.EdiSchemas;
import org.corridor.edi.EdiSegment;
import org.corridor.edi.EdiSyntax;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.Problem;
import org.junit.jupiter.api.Test;

/** Acknowledgements say, in the standard's own codes, what was accepted and where each fault is. */
class AckWriterTest {

    private static final LocalDateTime AT = LocalDateTime.of(2025, 10, 6, 13, 0);
    private final EdiInterchangeReader reader = new EdiInterchangeReader(new EdiSchemas());
    private final AckWriter writer = new AckWriter();

    private static final String EDIFACT = "UNB+UNOC:3+KHILAB:ZZZ+USSMUS:ZZZ+251006:1200+KH0001'"
            + "UNH+1+ZZTEST:D:96A:UN'BGM+1+CERT-1+9'DTM+137:20251006:102'NAD+MS+KHILAB'UNT+5+1'"
            + "UNH+2+ZZTEST:D:96A:UN'BGM+2+CERT-2+9'DTM+137:20251006:102'UNT+4+2'UNZ+2+KH0001'";

    private EdiReceipt receipt(String text, Map<String, List<Problem>> content) {
        List<InterchangeSummary> summaries =
                reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), m -> {});
        return new EdiReceipt(summaries.get(0), content);
    }

    private List<EdiSegment> readBack(byte[] ack) {
        List<EdiMessage> messages = new ArrayList<>();
        List<InterchangeSummary> summaries = reader.read(new ByteArrayInputStream(ack), messages::add);
        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).faults()).isEmpty();
        return messages.stream().flatMap(m -> m.segments().stream()).toList();
    }

    private static String text(EdiSegment s) {
        StringBuilder b = new StringBuilder(s.tag());
        for (List<String> element : s.elements()) {
            b.append('+').append(String.join(":", element));
        }
        return b.toString();
    }

    @Test
    void contrlRejectsTheInterchangeAndNamesEachFault() {
        AckWriter.Ack ack = writer.write(receipt(EDIFACT, Map.of()), null, "CONTRL", EdiSyntax.edifact(), "17", AT)
                .orElseThrow();

        assertThat(ack.accepted()).isFalse();
        assertThat(ack.to()).isEqualTo("KHILAB");
        List<String> segments =
                readBack(ack.content()).stream().map(AckWriterTest::text).toList();
        assertThat(segments)
                .containsExactly(
                        "UNH+1+CONTRL:D:3:UN",
                        "UCI+KH0001+KHILAB:ZZZ+USSMUS:ZZZ+4",
                        "UCM+1+ZZTEST:D:96A:UN+7",
                        "UCM+2+ZZTEST:D:96A:UN+4",
                        "UCS+2",
                        "UCD+12+1:1",
                        "UCS+4+13",
                        "UNT+8+1");
        String raw = new String(ack.content(), StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("\nUNB+UNOC:3+USSMUS:ZZZ+KHILAB:ZZZ+251006:1300+17'\n");
    }

    @Test
    void contrlAcceptsAValidInterchangeAndReportsDuplicatesWithCode26() {
        String valid = EDIFACT.substring(0, EDIFACT.indexOf("UNH+2")) + "UNZ+1+KH0001'";

        AckWriter.Ack accepted = writer.write(receipt(valid, Map.of()), null, "CONTRL", EdiSyntax.edifact(), "18", AT)
                .orElseThrow();
        AckWriter.Ack duplicate = writer.write(
                        receipt(valid, Map.of()), "D-1234", "CONTRL", EdiSyntax.edifact(), "19", AT)
                .orElseThrow();

        assertThat(accepted.accepted()).isTrue();
        assertThat(readBack(accepted.content()).stream().map(AckWriterTest::text))
                .contains("UCI+KH0001+KHILAB:ZZZ+USSMUS:ZZZ+7", "UCM+1+ZZTEST:D:96A:UN+7");
        assertThat(duplicate.accepted()).isFalse();
        assertThat(readBack(duplicate.content()).stream().map(AckWriterTest::text))
                .contains("UCI+KH0001+KHILAB:ZZZ+USSMUS:ZZZ+4+26+UNB");
    }

    @Test
    void contentProblemsFoundWhileMappingAreReportedAtTheirSegment() {
        String valid = EDIFACT.substring(0, EDIFACT.indexOf("UNH+2")) + "UNZ+1+KH0001'";
        Problem unmappable = new Problem(
                ErrorCode.EDI_CONTENT, new Location(1, null, "DTM01-2", "DTM", 3), "not a date Corridor reads");

        AckWriter.Ack ack = writer.write(
                        receipt(valid, Map.of("1", List.of(unmappable))), null, "CONTRL", EdiSyntax.edifact(), "20", AT)
                .orElseThrow();

        assertThat(readBack(ack.content()).stream().map(AckWriterTest::text))
                .containsSubsequence("UCM+1+ZZTEST:D:96A:UN+4", "UCS+3", "UCD+12+1:2");
    }

    @Test
    void x12FunctionalAcknowledgementPerGroup() {
        String x12 = "ISA*00*          *00*          *ZZ*KHILAB         *ZZ*USSMUS         *251006*1200*U*00401"
                + "*000000012*0*P*>~GS*RT*KHILAB*USSMUS*20251006*1200*31*X*004010~ST*ZZ1*0001~BTR*D*1*CA~"
                + "N1*SU~SE*4*0001~ST*ZZ1*0002~BTR*DDD*1*CA~N1*SU~SE*4*0002~GE*2*31~IEA*1*000000012~";

        AckWriter.Ack ack997 = writer.write(receipt(x12, Map.of()), null, "997", EdiSyntax.x12(), "5", AT)
                .orElseThrow();
        AckWriter.Ack ack999 = writer.write(receipt(x12, Map.of()), null, "999", EdiSyntax.x12(), "6", AT)
                .orElseThrow();

        assertThat(readBack(ack997.content()).stream().map(s -> text(s).replace('+', '*')))
                .containsExactly(
                        "ST*997*0001",
                        "AK1*RT*31",
                        "AK2*ZZ1*0001",
                        "AK5*A",
                        "AK2*ZZ1*0002",
                        "AK3*BTR*2**8",
                        "AK4*1*353*5",
                        "AK5*R*5",
                        "AK9*P*2*2*1",
                        "SE*10*0001");
        assertThat(readBack(ack999.content()).stream().map(s -> text(s).replace('+', '*')))
                .containsExactly(
                        "ST*999*0001*005010X231A1",
                        "AK1*RT*31*004010",
                        "AK2*ZZ1*0001*004010",
                        "IK5*A",
                        "AK2*ZZ1*0002*004010",
                        "IK3*BTR*2**8",
                        "IK4*1*353*5",
                        "IK5*R*5",
                        "AK9*P*2*2*1",
                        "SE*10*0001");
        assertThat(new String(ack997.content(), StandardCharsets.US_ASCII)).contains("GS*FA*USSMUS*KHILAB*");
    }

    private static final String ISA =
            "ISA*00*          *00*          *ZZ*KHILAB         *ZZ*USSMUS         *251006*1200"
                    + "*U*00401*000000012*0*P*>~";

    private static String raw(AckWriter.Ack ack) {
        return new String(ack.content(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void anUnknownSyntaxVersionIsRejectedWithCode2AtUnb() {
        AckWriter.Ack ack = writer.write(
                        receipt(EDIFACT.replace("UNOC:3", "UNOC:-"), Map.of()),
                        null,
                        "CONTRL",
                        EdiSyntax.edifact(),
                        "21",
                        AT)
                .orElseThrow();

        assertThat(ack.accepted()).isFalse();
        // 0085 code 2: syntax version or level not supported
        assertThat(readBack(ack.content()).stream().map(AckWriterTest::text))
                .containsExactly("UNH+1+CONTRL:D:3:UN", "UCI+KH0001+KHILAB:ZZZ+USSMUS:ZZZ+4+2+UNB", "UNT+3+1");
    }

    @Test
    void anX12InterchangeWithoutAGroupThatCanBeNamedIsRejectedWithATa1() {
        String x12 = ISA.replace("*00401*", "*00-01*") + "GS*RT*KHILAB*USSMUS*20251006*1200*31*X*004010~"
                + "ST*ZZ1*0001~BTR*D*1*CA~N1*SU~SE*4*0001~GE*1*31~IEA*1*000000012~";

        AckWriter.Ack ack = writer.write(receipt(x12, Map.of()), null, "997", EdiSyntax.x12(), "22", AT)
                .orElseThrow();

        // before: an AK1 without its mandatory functional id, which is not valid X12
        assertThat(ack.ackType()).isEqualTo("TA1");
        assertThat(ack.accepted()).isFalse();
        // 017: invalid interchange control version
        assertThat(raw(ack))
                .contains("\nTA1*000000012*251006*1200*R*017~\n")
                .contains("\nIEA*0*000000022~")
                .doesNotContain("GS*");
    }

    @Test
    void referencesThatDoNotFitTheirElementAreLeftOutSoTheAcknowledgementIsValidEdi() {
        // a qualifier and a message reference with control characters, a message type too long for 0065
        String broken = EDIFACT.replace("KHILAB:ZZZ", "KHILAB:Z\u007FZ")
                .replace("UNH+1+ZZTEST", "UNH+1\u001A+ZZTEST")
                .replace("UNH+2+ZZTEST", "UNH+2+ZZTESTTOOLONG");

        AckWriter.Ack ack = writer.write(receipt(broken, Map.of()), null, "CONTRL", EdiSyntax.edifact(), "23", AT)
                .orElseThrow();

        // before: StAEDI refused to write the control character ("Invalid character: 0x007F")
        assertThat(raw(ack).chars()).noneMatch(c -> c < 0x20 && c != '\n' || c == 0x7F);
        List<String> segments =
                readBack(ack.content()).stream().map(AckWriterTest::text).toList();
        assertThat(segments).contains("UCI+KH0001+KHILAB+USSMUS:ZZZ+4+12+UNB").noneMatch(s -> s.startsWith("UCM"));
    }

    @Test
    void anInterchangeThatCannotBeReferredToIsNotAnswered() {
        String tooLong = EDIFACT.replace("KH0001", "KH0001KH0001KH0001");

        // UCI 0020 holds at most 14 characters: no CONTRL could name this interchange
        assertThat(writer.write(receipt(tooLong, Map.of()), null, "CONTRL", EdiSyntax.edifact(), "24", AT))
                .isEmpty();
    }

    @Test
    void aMessageWithoutAReferenceIsAcknowledgedWithoutOne() {
        String noRef = EDIFACT.replace("UNH+2+ZZTEST", "UNH++ZZTEST");
        Problem content = new Problem(ErrorCode.EDI_CONTENT, new Location(1, null, "BGM02", "BGM", 2), "x");

        // before: a NullPointerException looking the message's content problems up by its (null) reference
        AckWriter.Ack ack = writer.write(
                        receipt(noRef, Map.of("1", List.of(content))), null, "CONTRL", EdiSyntax.edifact(), "25", AT)
                .orElseThrow();

        assertThat(readBack(ack.content()).stream().map(AckWriterTest::text)).contains("UCM+1+ZZTEST:D:96A:UN+4");
    }

    @Test
    void a997NamesOnlyWhatItsCodesAndPositionsCanSay() {
        // 100 elements: a fault at element 100 cannot be an AK401 (2 digits); too many components (999 code 13) is a
        // code a 997 does not have
        String x12 = ISA + "GS*RT*KHILAB*USSMUS*20251006*1200*31*X*004010~ST*ZZ1*0001~BTR*D>1>2*1*CA" + "*X".repeat(97)
                + "~N1*SU~SE*4*0001~GE*1*31~IEA*1*000000012~";

        AckWriter.Ack ack = writer.write(receipt(x12, Map.of()), null, "997", EdiSyntax.x12(), "26", AT)
                .orElseThrow();

        List<String> segments = readBack(ack.content()).stream()
                .map(s -> text(s).replace('+', '*'))
                .toList();
        assertThat(segments)
                .contains("AK3*BTR*2**8", "AK5*R*5")
                .noneMatch(s -> s.matches("AK4\\*1\\d\\d.*"))
                .noneMatch(s -> s.startsWith("AK4") && s.endsWith("*13"));
    }

    @Test
    void anInterchangeFineInItselfIsRejectedWhenItsFileIsRefused() {
        String valid = EDIFACT.substring(0, EDIFACT.indexOf("UNH+2")) + "UNZ+1+KH0001'";
        EdiReceipt fine = receipt(valid, Map.of());
        EdiReceipt refusedElsewhere = new EdiReceipt(
                fine.interchange(),
                Map.of(),
                List.of(new Problem(
                        ErrorCode.EDI_TRUNCATED,
                        new Location(9, null, null, "BGM", 2),
                        "the next interchange is cut short")));

        AckWriter.Ack ack = writer.write(refusedElsewhere, null, "CONTRL", EdiSyntax.edifact(), "27", AT)
                .orElseThrow();

        assertThat(ack.accepted()).isFalse();
        assertThat(readBack(ack.content()).stream().map(AckWriterTest::text))
                .contains("UCI+KH0001+KHILAB:ZZZ+USSMUS:ZZZ+4", "UCM+1+ZZTEST:D:96A:UN+4");
    }
}
