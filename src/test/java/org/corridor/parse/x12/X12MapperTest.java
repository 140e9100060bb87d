package org.corridor.parse.x12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.corridor.support.TestReferenceData.REFERENCE;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.corridor.canonical.Acknowledgement;
import org.corridor.canonical.Invoice;
import org.corridor.detect.Detection;
import org.corridor.edi.EdiSchemas;
import org.corridor.formats.FormatCatalog;
import org.corridor.parse.ParsedMessage;
import org.corridor.parse.edi.EdiDocumentParser;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;

/** The 810 and 997/999 mappers on variants the golden samples do not show. */
class X12MapperTest {

    private final EdiDocumentParser parser =
            new EdiDocumentParser(new EdiSchemas(), FormatCatalog.ediMappers(REFERENCE));

    private static String interchange(String groupId, String version, String isaVersion, String... body) {
        StringBuilder text = new StringBuilder("ISA*00*          *00*          *ZZ*FWOPK          *ZZ*USSMUS         "
                + "*251020*0930*" + ("00501".equals(isaVersion) ? "^" : "U") + "*" + isaVersion
                + "*000000901*0*P*>~\nGS*" + groupId + "*FWOPK*USSMUS*20251020*0930*901*X*" + version + "~\n");
        text.append("ST*")
                .append(body[0])
                .append("*0001")
                .append(version.length() > 6 ? "*" + version : "")
                .append("~\n");
        for (int i = 1; i < body.length; i++) {
            text.append(body[i]).append("~\n");
        }
        text.append("SE*").append(body.length + 1).append("*0001~\nGE*1*901~\nIEA*1*000000901~\n");
        return text.toString();
    }

    private List<ParsedMessage> parse(String text) {
        return parser.parse(text.getBytes(StandardCharsets.UTF_8), new Detection(Detection.X12, null, null));
    }

    private static String invoice(String big, String... extra) {
        List<String> body = new java.util.ArrayList<>(List.of("810", big));
        body.addAll(List.of(extra));
        body.addAll(List.of(
                "N1*SE*Frontier Works Organisation*ZZ*FWOPK",
                "N1*BY*US Strategic Metals*24*43-1987265",
                "IT1*1*10*KG*2.505",
                "PID*F****Antimony ingot sample",
                "TDS*2505"));
        return interchange("IN", "004010", "00401", body.toArray(String[]::new));
    }

    @Test
    void transactionTypeCodesMapToInvoiceTypes() {
        assertThat(((Invoice) parse(invoice("BIG*20251020*INV-1")).get(0).body()).invoiceType())
                .isEqualTo("COMMERCIAL");
        assertThat(((Invoice) parse(invoice("BIG*20251020*INV-1*****CR")).get(0).body()).invoiceType())
                .isEqualTo("CREDIT_NOTE");
        assertThat(((Invoice) parse(invoice("BIG*20251020*INV-1*****FB")).get(0).body()).invoiceType())
                .isEqualTo("FINAL");
        assertThat(((Invoice) parse(invoice("BIG*20251020*INV-1*****DR")).get(0).body()).invoiceType())
                .isEqualTo("DEBIT_NOTE");
    }

    @Test
    void optionalSegmentsMayBeAbsentAndAmountsRoundToTheCent() {
        Invoice invoice = (Invoice) parse(invoice("BIG*20251020*INV-1")).get(0).body();

        assertThat(invoice.currency()).isNull();
        assertThat(invoice.incoterm()).isNull();
        assertThat(invoice.contractRef()).isNull();
        assertThat(invoice.lines().get(0).amount()).isEqualByComparingTo("25.05");
        assertThat(invoice.lines().get(0).quantity().unit()).isEqualTo("KG");
        assertThat(invoice.totalAmount()).isEqualByComparingTo("25.05");
        assertThat(invoice.seller().ids().get(0).scheme()).isEqualTo("EDI");
        assertThat(invoice.buyer().ids().get(0).scheme()).isEqualTo("EIN");
    }

    @Test
    void rejectsACurrencyThatIsNotIso4217() {
        assertThatThrownBy(() -> parse(invoice("BIG*20251020*INV-1", "CUR*SE*XYZ")))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_CODE);
                    assertThat(e.problem().location().field()).isEqualTo("CUR02");
                });
    }

    @Test
    void rejectsAnInvoiceWithoutBuyer() {
        String text = invoice("BIG*20251020*INV-1")
                .replace("N1*BY*US Strategic Metals*24*43-1987265~\n", "")
                .replace("SE*8*0001", "SE*7*0001");
        assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_SEGMENT_MISSING);
            assertThat(e.problem().message()).contains("names no buyer").contains("N101 = BY");
        });
    }

    @Test
    void ack997WithComponentPositionSegmentNoteAndAcceptedWithErrors() {
        Acknowledgement ack = (Acknowledgement) parse(interchange(
                        "FA",
                        "004010",
                        "00401",
                        "997",
                        "AK1*IN*1300",
                        "AK2*810*0001",
                        "AK3*MEA*9*PID*8",
                        "AK4*4>1*355*7*ZZ",
                        "AK3*CTT*20**3",
                        "AK5*E",
                        "AK9*E*1*1*1"))
                .get(0)
                .body();

        assertThat(ack.status()).isEqualTo("ACCEPTED_WITH_ERRORS");
        assertThat(ack.referencedInterchange()).isEqualTo("1300");
        assertThat(ack.errors())
                .extracting(
                        Acknowledgement.Error::segment,
                        Acknowledgement.Error::position,
                        Acknowledgement.Error::element,
                        Acknowledgement.Error::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("MEA", 9, "4.1", "7"),
                        org.assertj.core.groups.Tuple.tuple("CTT", 20, null, "3"));
        assertThat(ack.errors().get(0).text()).contains("MEA04-1").contains("\"ZZ\"");
    }

    @Test
    void ack999WithImplementationCodesAndGroupRejected() {
        Acknowledgement ack = (Acknowledgement) parse(interchange(
                        "FA",
                        "005010X231A1",
                        "00501",
                        "999",
                        "AK1*IN*1301*004010",
                        "AK2*810*0001",
                        "IK3*REF*5**I4",
                        "IK4*2*127*I12*X",
                        "IK5*R*I5",
                        "AK9*R*1*1*0"))
                .get(0)
                .body();

        assertThat(ack.ackType()).isEqualTo("999");
        assertThat(ack.status()).isEqualTo("REJECTED");
        assertThat(ack.errors()).extracting(Acknowledgement.Error::code).containsExactly("I4", "I12", "I5");
        assertThat(ack.errors().get(0).text()).contains("implementation \"not used\" segment present");
        assertThat(ack.errors().get(2).text()).contains("Transaction set 810 0001 rejected (IK501 R)");
    }
}
