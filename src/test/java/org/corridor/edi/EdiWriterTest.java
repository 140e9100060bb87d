package org.corridor.edi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.corridor.edi.EdiInterchangeReader.InterchangeSummary;
import org.junit.jupiter.api.Test;

/** What the writer produces reads back through StAEDI with valid envelopes, counts and escaped values. */
class EdiWriterTest {

    private static final LocalDateTime AT = LocalDateTime.of(2025, 10, 6, 12, 0);
    private final EdiInterchangeReader reader = new EdiInterchangeReader(new EdiSchemas());

    private List<InterchangeSummary> readBack(byte[] edi, List<EdiMessage> messages) {
        return reader.read(new ByteArrayInputStream(edi), messages::add);
    }

    @Test
    void edifactWithThePartnersDelimitersAndCharacterSet() {
        EdiSyntax syntax = EdiSyntax.edifact().withSyntax("UNOW", "4").withDelimiters('~', '^', '|', '#');
        EdiWriter writer =
                EdiWriter.open(syntax, new EdiWriter.Parties("CORRIDOR", "ZZZ", "USSMUS", "ZZZ"), "42", AT, true);
        EdiWriter.Message message = writer.message("ZZTEST", "D96A", "1");
        message.segment("BGM", "1", "A^B~C|D#E Ünï", "9");
        message.segment("DTM", List.of("137", "20251006", "102"));
        message.segment("NAD", "MS", new String[] {"KHILAB", null, ""});
        message.end();
        byte[] edi = writer.finish();

        String text = new String(edi, StandardCharsets.UTF_8);
        assertThat(text).startsWith("UNA|^.#");
        assertThat(text).contains("UNB^UNOW|4^CORRIDOR|ZZZ^USSMUS|ZZZ^20251006|1200^42^^^^^^1~");
        List<EdiMessage> messages = new ArrayList<>();
        List<InterchangeSummary> summaries = readBack(edi, messages);
        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).valid()).as("%s", summaries).isTrue();
        assertThat(summaries.get(0).envelope().test()).isTrue();
        assertThat(messages.get(0).first("BGM").orElseThrow().element(2)).isEqualTo("A^B~C|D#E Ünï");
        assertThat(messages.get(0).first("NAD").orElseThrow().elementCount()).isEqualTo(2);
        assertThat(messages.get(0).segments()).hasSize(5);
    }

    @Test
    void x12WithGroupsAndCounts() {
        EdiWriter writer = EdiWriter.open(
                EdiSyntax.x12().withLineBreaks(false),
                new EdiWriter.Parties("CORRIDOR", "ZZ", "USSMUS", "ZZ"),
                "7",
                AT,
                false);
        writer.group("RT", "7", "004010");
        writer.message("ZZ1", "004010", "0001")
                .segment("BTR", "D", "1", "CA")
                .segment("N1", "SU", "LAB")
                .end();
        writer.message("ZZ1", "004010", "0002")
                .segment("BTR", "D", "2", "CA")
                .segment("N1", "SU", "LAB")
                .end();
        writer.group("RT", "8", "004010");
        writer.message("ZZ1", "004010", "0003")
                .segment("BTR", "D", "3", "CA")
                .segment("N1", "SU", "LAB")
                .end();
        byte[] edi = writer.finish();

        String text = new String(edi, StandardCharsets.US_ASCII);
        assertThat(text)
                .startsWith("ISA*00*          *00*          *ZZ*CORRIDOR       *ZZ*USSMUS         *251006*1200*U"
                        + "*00401*000000007*0*P*>~GS*RT*CORRIDOR*USSMUS*20251006*1200*7*X*004010~");
        assertThat(text).endsWith("GE*1*8~IEA*2*000000007~");
        List<EdiMessage> messages = new ArrayList<>();
        List<InterchangeSummary> summaries = readBack(edi, messages);
        assertThat(summaries.get(0).valid()).as("%s", summaries).isTrue();
        assertThat(summaries.get(0).messages())
                .extracting(m -> m.groupRef() + "/" + m.messageRef())
                .containsExactly("7/0001", "7/0002", "8/0003");
    }
}
