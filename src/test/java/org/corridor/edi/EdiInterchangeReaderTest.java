package org.corridor.edi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.corridor.edi.EdiInterchangeReader.InterchangeSummary;
import org.corridor.problem.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader on envelopes as partners send them, with test-only message types (ZZTEST, ZZ1) so these cases
 * do not change when a real message's schema does.
 */
class EdiInterchangeReaderTest {

    private final EdiInterchangeReader reader = new EdiInterchangeReader(new EdiSchemas());
    private final List<EdiMessage> messages = new ArrayList<>();

    private List<InterchangeSummary> read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<InterchangeSummary> read(byte[] bytes) {
        return reader.read(new ByteArrayInputStream(bytes), messages::add);
    }

    private static final String GOOD = "UNB+UNOC:3+KHILAB:ZZZ+USSMUS:ZZZ+251006:1200+KH0001'\n"
            + "UNH+1+ZZTEST:D:96A:UN'\nBGM+1+CERT-1+9'\nDTM+137:20251006:102'\nNAD+MS+KHILAB'\nUNT+5+1'\n"
            + "UNZ+1+KH0001'\n";

    @Test
    void readsEnvelopeSegmentsAndPositions() {
        List<InterchangeSummary> summaries = read(GOOD);

        assertThat(summaries).hasSize(1);
        InterchangeSummary interchange = summaries.get(0);
        assertThat(interchange.valid()).isTrue();
        EdiEnvelope envelope = interchange.envelope();
        assertThat(envelope.standard()).isEqualTo("EDIFACT");
        assertThat(envelope.syntax()).isEqualTo("UNOC:3");
        assertThat(envelope.sender()).isEqualTo("KHILAB");
        assertThat(envelope.senderQualifier()).isEqualTo("ZZZ");
        assertThat(envelope.receiver()).isEqualTo("USSMUS");
        assertThat(envelope.controlRef()).isEqualTo("KH0001");
        assertThat(envelope.date()).isEqualTo("251006");

        assertThat(messages).hasSize(1);
        EdiMessage message = messages.get(0);
        assertThat(message.messageType()).isEqualTo("ZZTEST");
        assertThat(message.version()).isEqualTo("D96A");
        assertThat(message.messageRef()).isEqualTo("1");
        assertThat(message.segments()).extracting(EdiSegment::tag).containsExactly("UNH", "BGM", "DTM", "NAD", "UNT");
        EdiSegment dtm = message.first("DTM").orElseThrow();
        assertThat(dtm.position()).isEqualTo(3);
        assertThat(dtm.line()).isEqualTo(4);
        assertThat(dtm.component(1, 2)).isEqualTo("20251006");
        assertThat(EdiValues.dtmDate(dtm)).hasToString("2025-10-06");
        assertThat(message.first("BGM").orElseThrow().element(2)).isEqualTo("CERT-1");
    }

    @Test
    void honoursUnaDelimitersReleaseCharacterAndBom() {
        String text = "UNA|^,#!~UNB^UNOW|4^KHILAB^USSMUS^20251006|1200^KH0002~UNH^7^ZZTEST|D|96A|UN~"
                + "BGM^1^A#^B#~C#|D^9~DTM^137|20251006|102~NAD^MS^Lab Ünïcode~UNT^5^7~UNZ^1^KH0002~";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(body, 0, withBom, 3, body.length);

        List<InterchangeSummary> summaries = read(withBom);

        assertThat(summaries.get(0).valid()).as("%s", summaries).isTrue();
        assertThat(summaries.get(0).envelope().syntax()).isEqualTo("UNOW:4");
        EdiMessage message = messages.get(0);
        assertThat(message.messageRef()).isEqualTo("7");
        assertThat(message.first("BGM").orElseThrow().element(2)).isEqualTo("A^B~C|D");
        assertThat(message.first("NAD").orElseThrow().element(2)).isEqualTo("Lab Ünïcode");
    }

    @Test
    void reportsSchemaFaultsWithSegmentPositionAndElement() {
        String text =
                GOOD.replace("BGM+1+", "BGM+2+").replace("NAD+MS+KHILAB'\n", "").replace("UNT+5+1", "UNT+4+1");

        List<InterchangeSummary> summaries = read(text);

        List<EdiFault> faults = messages.get(0).faults();
        assertThat(faults)
                .extracting(EdiFault::code)
                .containsExactly(ErrorCode.EDI_CODE, ErrorCode.EDI_SEGMENT_MISSING);
        EdiFault code = faults.get(0);
        assertThat(code.segment()).isEqualTo("BGM");
        assertThat(code.position()).isEqualTo(2);
        assertThat(code.line()).isEqualTo(3);
        assertThat(code.element()).isEqualTo(1);
        assertThat(code.component()).isEqualTo(1);
        assertThat(code.dataElement()).isEqualTo("1001");
        assertThat(code.edifactCode()).isEqualTo("12");
        assertThat(code.x12Code()).isEqualTo("7");
        assertThat(code.problem().location().describe())
                .isEqualTo("segment BGM at position 2, line 3 (field \"BGM01-1\")");
        assertThat(code.text())
                .isEqualTo("BGM01-1 (data element 1001) \"2\" in segment BGM at position 2 is not an"
                        + " allowed code; allowed: 1.");
        EdiFault missing = faults.get(1);
        assertThat(missing.segment()).isEqualTo("NAD");
        assertThat(missing.position()).isEqualTo(4);
        assertThat(missing.text())
                .isEqualTo("The mandatory segment NAD is missing (noticed at segment UNT, position"
                        + " 4). Add it where the message guide places it.");
        assertThat(summaries.get(0).messages().get(0).faults()).hasSize(2);
    }

    @Test
    void countsInTrailersAreChecked() {
        read(GOOD.replace("UNT+5+1", "UNT+6+1"));

        EdiFault fault = messages.get(0).faults().get(0);
        assertThat(fault.code()).isEqualTo(ErrorCode.EDI_COUNT);
        assertThat(fault.segment()).isEqualTo("UNT");
        assertThat(fault.position()).isEqualTo(5);
        assertThat(fault.edifactCode()).isEqualTo("29");
    }

    @Test
    void aFileCutShortIsTruncated() {
        List<InterchangeSummary> summaries = read(GOOD.substring(0, GOOD.indexOf("NAD+MS") + 5));

        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).faults()).extracting(EdiFault::code).contains(ErrorCode.EDI_TRUNCATED);
    }

    @Test
    void aFileWithoutItsTrailerIsTruncated() {
        List<InterchangeSummary> summaries = read(GOOD.substring(0, GOOD.indexOf("UNZ")));

        assertThat(summaries.get(0).faults()).extracting(EdiFault::code).contains(ErrorCode.EDI_TRUNCATED);
    }

    @Test
    void anElementLongerThanTheReaderTakesIsNamedAsSuchNotBlamedOnTheDelimiters() {
        List<InterchangeSummary> summaries = read(
                GOOD.replace("NAD+MS+KHILAB", "NAD+MS+" + "K".repeat(EdiInterchangeReader.MAX_ELEMENT_CHARACTERS + 1)));

        EdiFault fault = summaries.get(0).faults().get(0);
        assertThat(fault.code()).isEqualTo(ErrorCode.EDI_SYNTAX);
        assertThat(fault.segment()).isEqualTo("NAD");
        assertThat(fault.text())
                .contains("of segment NAD is longer than 4,096 characters")
                .doesNotContain("Check the delimiters");
    }

    @Test
    void aWrongDelimiterIsASyntaxFault() {
        List<InterchangeSummary> summaries = read(GOOD.replace("BGM+1+CERT-1+9", "BGM*1*CERT-1*9"));

        assertThat(summaries.get(0).faults()).extracting(EdiFault::code).contains(ErrorCode.EDI_SYNTAX);
    }

    @Test
    void severalInterchangesAndGroupsWithAnySeparatorsAndLineBreaks() {
        String x12 = "ISA^00^          ^00^          ^ZZ^KHILAB         ^ZZ^USSMUS         ^251006^1200^U^00401"
                + "^000000011^0^T^:|GS^RT^KHILAB^USSMUS^20251006^1200^21^X^004010|ST^ZZ1^0001|BTR^D^1^CA|N1^SU^LAB|"
                + "SE^4^0001|GE^1^21|GS^RT^KHILAB^USSMUS^20251006^1200^22^X^004010|ST^ZZ1^0002|BTR^D^2^CA|"
                + "N1^SU^LAB|SE^4^0002|ST^ZZ1^0003|BTR^D^3^CA|N1^SU^LAB|SE^4^0003|GE^2^22|IEA^2^000000011|";

        List<InterchangeSummary> summaries = read(x12.replace("|", "|\r\n") + x12.replace("000000011", "000000013"));

        assertThat(summaries).hasSize(2);
        assertThat(summaries).allMatch(InterchangeSummary::valid);
        assertThat(summaries.get(1).envelope().controlRef()).isEqualTo("000000013");
        InterchangeSummary second = summaries.get(0);
        assertThat(second.envelope().standard()).isEqualTo("X12");
        assertThat(second.envelope().sender()).isEqualTo("KHILAB");
        assertThat(second.envelope().controlRef()).isEqualTo("000000011");
        assertThat(second.envelope().test()).isTrue();
        assertThat(second.messages())
                .extracting(m -> m.groupRef() + "/" + m.messageRef())
                .containsExactly("21/0001", "22/0002", "22/0003");
        assertThat(messages).hasSize(6);
        assertThat(messages.get(2).version()).isEqualTo("004010");
        assertThat(messages.get(2).first("BTR").orElseThrow().element(2)).isEqualTo("3");
        assertThat(messages.get(2).envelope().groupId()).isEqualTo("RT");
    }

    @Test
    void x12ElementFaultsCarryAk4Codes() {
        String x12 = "ISA*00*          *00*          *ZZ*KHILAB         *ZZ*USSMUS         *251006*1200*U*00401"
                + "*000000012*0*P*>~GS*RT*KHILAB*USSMUS*20251006*1200*31*X*004010~ST*ZZ1*0001~BTR*DDD*1*CA~"
                + "N1*SU~SE*4*0001~GE*1*31~IEA*1*000000012~";

        read(x12);

        EdiFault fault = messages.get(0).faults().get(0);
        assertThat(fault.code()).isEqualTo(ErrorCode.EDI_ELEMENT_TOO_LONG);
        assertThat(fault.segment()).isEqualTo("BTR");
        assertThat(fault.position()).isEqualTo(2);
        assertThat(fault.element()).isEqualTo(1);
        assertThat(fault.x12Code()).isEqualTo("5");
        assertThat(fault.text()).contains("at most 2 characters");
    }

    private static final String ISA =
            "ISA*00*          *00*          *ZZ*KHILAB         *ZZ*USSMUS         *251006*1200"
                    + "*U*00401*000000012*0*P*>~";

    @Test
    void anUnknownSyntaxVersionRefusesTheInterchangeAtUnbS001() {
        List<InterchangeSummary> summaries = read(GOOD.replace("UNOC:3", "UNOC:-"));

        // StAEDI has no control structures for "-" and would read every segment as loose data, no message at all
        assertThat(messages).isEmpty();
        assertThat(summaries).singleElement().satisfies(interchange -> {
            assertThat(interchange.valid()).isFalse();
            EdiFault fault = interchange.faults().get(0);
            assertThat(fault.code()).isEqualTo(ErrorCode.EDI_ENVELOPE);
            assertThat(fault.location().field()).isEqualTo("UNB01-2");
            assertThat(fault.dataElement()).isEqualTo("0002");
            assertThat(fault.edifactCode()).isEqualTo("2");
            assertThat(fault.text()).contains("syntax version number) is \"-\"").contains("Use 1, 2, 3 or 4");
        });
    }

    @Test
    void anUnknownIsa12VersionRefusesTheInterchangeAtIsa12() {
        String x12 = ISA.replace("*00401*", "*00-01*") + "GS*RT*KHILAB*USSMUS*20251006*1200*31*X*004010~"
                + "ST*ZZ1*0001~BTR*D*1*CA~N1*SU~SE*4*0001~GE*1*31~IEA*1*000000012~";

        List<InterchangeSummary> summaries = read(x12);

        assertThat(messages).isEmpty();
        EdiFault fault = summaries.get(0).faults().get(0);
        assertThat(fault.code()).isEqualTo(ErrorCode.EDI_ENVELOPE);
        assertThat(fault.location().field()).isEqualTo("ISA12");
        assertThat(fault.text()).contains("ISA12").contains("is \"00-01\"");
    }

    @Test
    void anInterchangeWithoutAMessageIsRefused() {
        List<InterchangeSummary> edifact = read("UNB+UNOC:3+KHILAB:ZZZ+USSMUS:ZZZ+251006:1200+KH0009'UNZ+0+KH0009'");
        List<InterchangeSummary> x12 = read(ISA + "IEA*0*000000012~");

        assertThat(edifact.get(0).faults()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ErrorCode.EDI_SEGMENT_MISSING);
            assertThat(f.segment()).isEqualTo("UNH");
            assertThat(f.text())
                    .isEqualTo("Interchange KH0009 holds no message: there is no UNH segment between UNB"
                            + " and UNZ. Send the documents in messages (UNH to UNT).");
        });
        assertThat(x12.get(0).faults())
                .singleElement()
                .satisfies(f -> assertThat(f.segment()).isEqualTo("ST"));
    }

    @Test
    void anIsaCutShortAndFollowedByASecondIsaNamesTheHeaderAndTheX12Trailer() {
        // the input that was refused with "The file ends in the middle of segment null, before the interchange
        // trailer (UNZ)"
        List<InterchangeSummary> summaries = read(ISA.substring(0, 40) + "\n" + ISA.substring(0, 60) + "\n");

        EdiFault fault = summaries.get(0).faults().get(0);
        assertThat(fault.code()).isEqualTo(ErrorCode.EDI_TRUNCATED);
        assertThat(fault.segment()).isEqualTo("ISA");
        assertThat(fault.text())
                .isEqualTo("The file ends in the middle of the interchange header ISA (a second ISA"
                        + " starts at line 2, column 1, before the first one is complete), before the interchange trailer"
                        + " (IEA): it was cut short. Please send the whole interchange again.");
    }

    @Test
    void anIsaCutShortAndFollowedByAWholeInterchangeSaysTheFirstWasCutShort() {
        String whole = ISA + "GS*RT*KHILAB*USSMUS*20251006*1200*31*X*004010~ST*ZZ1*0001~BTR*D*1*CA~N1*SU~"
                + "SE*4*0001~GE*1*31~IEA*1*000000012~";

        List<InterchangeSummary> summaries = read(ISA.substring(0, 40) + whole);

        EdiFault fault = summaries.get(0).faults().get(0);
        assertThat(fault.code()).isEqualTo(ErrorCode.EDI_TRUNCATED);
        assertThat(fault.segment()).isEqualTo("ISA");
        assertThat(fault.text()).contains("a second ISA starts at line 1, column 41");
    }

    @Test
    void aSegmentCutShortWithoutATagNamesTheLastSegmentRead() {
        List<InterchangeSummary> summaries = read(GOOD.substring(0, GOOD.indexOf("BGM")) + "B");

        assertThat(summaries.get(0).faults())
                .extracting(EdiFault::text)
                .allSatisfy(text -> assertThat(text).doesNotContain("null").contains("(UNZ)"));
    }

    @Test
    void anErrorWhoseTextStaediDoesNotHoldIsReportedWithoutIt() {
        // StAEDI's hasText() is true on this code-value error, yet its getText() fails with a NullPointerException
        String x12 = ISA.replace("KHILAB         ", "FWOPK          ")
                + "GS*IN*FWOPK*USSMUS*20251020*0930*175*X*004010~ST*810*0001~FOB*PP*DE*ZZ*FWOPK~";

        List<InterchangeSummary> summaries = read(x12);

        assertThat(summaries).isNotEmpty();
        assertThat(summaries.get(0).valid()).isFalse();
    }

    @Test
    void aSegmentOfAHundredThousandComponentsKeepsAtMost999Faults() {
        String components = ":x".repeat(100_000);
        List<InterchangeSummary> summaries = read(GOOD.replace("NAD+MS+KHILAB", "NAD+MS+KHILAB" + components));

        assertThat(summaries.get(0).messages().get(0).faults())
                .hasSizeLessThanOrEqualTo(EdiInterchangeReader.MAX_FAULTS)
                .isNotEmpty();
    }

    @Test
    void aMessageLongerThanTheSegmentLimitIsRefusedAndOnlyTheLimitIsKept() {
        int segments = EdiInterchangeReader.MAX_MESSAGE_SEGMENTS + 5;
        String body = "FTX+AAI+++FREE TEXT'\n".repeat(segments - 2);
        List<InterchangeSummary> summaries = read(GOOD.replace(
                "BGM+1+CERT-1+9'\nDTM+137:20251006:102'\nNAD+MS+KHILAB'\nUNT+5+1'",
                "BGM+1+CERT-1+9'\n" + body + "UNT+" + (segments + 1) + "+1'"));

        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).segments()).hasSize(EdiInterchangeReader.MAX_MESSAGE_SEGMENTS);
        assertThat(summaries.get(0).messages().get(0).faults()).anySatisfy(fault -> {
            assertThat(fault.code()).isEqualTo(ErrorCode.EDI_SEGMENT_UNEXPECTED);
            assertThat(fault.segment()).isEqualTo("FTX");
            assertThat(fault.text()).contains("more than 100000 segments").contains("Send it as several messages");
        });
    }

    @Test
    void aSegmentOfAMillionElementsKeepsOnlyTheFirstThousand() {
        String elements = "+x".repeat(1_000_000);
        List<InterchangeSummary> summaries = read(GOOD.replace("NAD+MS+KHILAB", "NAD+MS+KHILAB" + elements));

        EdiSegment nad = messages.get(0).segments().stream()
                .filter(s -> s.tag().equals("NAD"))
                .findFirst()
                .orElseThrow();
        assertThat(nad.elements()).hasSize(EdiInterchangeReader.MAX_SEGMENT_VALUES);
        assertThat(summaries.get(0).messages().get(0).faults())
                .hasSizeLessThanOrEqualTo(EdiInterchangeReader.MAX_FAULTS);
    }
}
