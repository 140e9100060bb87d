package org.corridor.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.corridor.support.TestReferenceData.AGREEMENT_FILES;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.canonical.Acknowledgement;
import org.corridor.edi.EdiInterchangeReader;
import org.corridor.edi.EdiReceipt;
import org.corridor.edi.EdiSchemas;
import org.corridor.partner.DeliveryOrder;
import org.corridor.partner.TestPartners;
import org.corridor.track.ControlNumbers;
import org.corridor.track.Interchanges;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The acknowledgements of a received file as the gateway prepares them, over a real (in-memory) register of
 * interchanges and control numbers: whatever the envelope holds, the sender gets valid EDI or, when the interchange
 * cannot be referred to, nothing; never an exception.
 */
class AcknowledgerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-15T00:00:00Z"), ZoneOffset.UTC);
    private final JdbcTemplate jdbc;
    private final Acknowledger acknowledger;
    private final EdiInterchangeReader reader = new EdiInterchangeReader(new EdiSchemas());

    AcknowledgerTest() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:ack-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(h2);
        AgreementCatalog agreements = AgreementCatalog.of(AGREEMENT_FILES.readAll(Path.of("sample-docs/agreements")));
        acknowledger = new Acknowledger(
                new ControlNumbers(jdbc, new DataSourceTransactionManager(h2)),
                new Interchanges(jdbc, CLOCK),
                agreements,
                TestPartners.samples(agreements),
                CLOCK,
                List.of(),
                "CORRIDOR");
    }

    private static String interchange(String unb, String unh) {
        return unb + "UNH+" + unh + "'BGM+1+CERT-1+9'DTM+137:20251006:102'NAD+MS+KHILAB'UNT+5+1'UNZ+1+KH0001'";
    }

    private static final String UNB = "UNB+UNOC:3+KHILAB:ZZZ+CORRIDOR:ZZZ+251006:1200+KH0001'";

    private List<DeliveryOrder> acknowledge(String documentId, String... interchanges) {
        List<EdiReceipt> receipts = reader
                .read(
                        new ByteArrayInputStream(String.join("", interchanges).getBytes(StandardCharsets.ISO_8859_1)),
                        m -> {})
                .stream()
                .map(i -> new EdiReceipt(i, Map.of()))
                .toList();
        return acknowledger.acknowledge(
                documentId, documentId + ".edi", acknowledger.register(documentId, receipts, false));
    }

    private static Acknowledgement body(DeliveryOrder ack) {
        return (Acknowledgement) ack.document().body();
    }

    @Test
    void aMessageWhoseTypeCannotBeReadIsStillAcknowledged() {
        // before: NullPointerExceptions asking whether a null message type is an acknowledgement, and listing the
        // message's null reference
        List<DeliveryOrder> acks = acknowledge("D-ACK-1", interchange(UNB, ":"));

        assertThat(acks).singleElement().satisfies(ack -> {
            assertThat(ack.partnerId()).isEqualTo("KHILAB");
            assertThat(body(ack).status()).isEqualTo("REJECTED");
        });
    }

    @Test
    void anUnknownSyntaxVersionIsAnsweredInSyntax3WithTheReason() {
        List<DeliveryOrder> acks =
                acknowledge("D-ACK-2", interchange(UNB.replace("UNOC:3", "UNOC:-"), "1+ZZTEST:D:96A:UN"));

        assertThat(acks).singleElement().satisfies(ack -> {
            String contrl = new String(ack.content(), StandardCharsets.ISO_8859_1);
            assertThat(contrl)
                    .contains("UNB+UNOC:3+CORRIDOR:ZZZ+KHILAB:ZZZ+")
                    .contains("UCI+KH0001+KHILAB:ZZZ+" + "CORRIDOR:ZZZ+4+2+UNB'");
            assertThat(body(ack).errors())
                    .extracting(Acknowledgement.Error::text)
                    .anySatisfy(text -> assertThat(text).contains("UNB01-2"));
        });
    }

    @Test
    void anOverlongReferenceIsNeitherRegisteredNorAFault() {
        String longRef = "KH" + "0".repeat(40);
        String longReceiver = "CORRIDOR" + "X".repeat(40);

        // before: the register and the control numbers refused values over 35 characters with an SQL error
        List<DeliveryOrder> acks = acknowledge(
                "D-ACK-3",
                interchange(
                                UNB.replace("KH0001", longRef).replace("CORRIDOR:ZZZ", longReceiver + ":ZZZ"),
                                "1+ZZTEST:D:96A:UN")
                        .replace("KH0001", longRef));

        // no CONTRL can name a 42-character interchange reference (UCI 0020 holds 14)
        assertThat(acks).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM edi_interchanges", Integer.class))
                .isZero();
    }

    @Test
    void anOverlongRecipientIdIsAnsweredAsCorridorsOwnId() {
        List<DeliveryOrder> acks = acknowledge(
                "D-ACK-4",
                interchange(UNB.replace("CORRIDOR:ZZZ", "CORRIDOR" + "X".repeat(40) + ":ZZZ"), "1+ZZTEST:D:96A:UN"));

        assertThat(acks)
                .singleElement()
                .satisfies(ack -> assertThat(new String(ack.content(), StandardCharsets.ISO_8859_1))
                        .contains("UNB+UNOC:3+CORRIDOR:ZZZ+KHILAB:ZZZ+"));
        assertThat(jdbc.queryForList("SELECT sender FROM edi_control_numbers", String.class))
                .containsExactly("CORRIDOR");
    }

    @Test
    void aDuplicateInAFileRejectsTheFilesOtherInterchangesToo() {
        String first = interchange(UNB, "1+ZZTEST:D:96A:UN");
        String second = interchange(UNB.replace("KH0001", "KH0002"), "1+ZZTEST:D:96A:UN")
                .replace("UNZ+1+KH0001", "UNZ+1+KH0002");
        acknowledge("D-ACK-5", first);

        List<DeliveryOrder> acks = acknowledge("D-ACK-6", first, second);

        // the file is refused as a duplicate: its second, new interchange is not processed either
        assertThat(acks)
                .hasSize(2)
                .allSatisfy(ack -> assertThat(body(ack).status()).isEqualTo("REJECTED"));
        assertThat(new String(acks.get(1).content(), StandardCharsets.ISO_8859_1))
                .contains("UCI+KH0002+KHILAB:ZZZ+CORRIDOR:ZZZ+4'");
    }

    @Test
    void anInterchangeAcknowledgementIsNeverAnswered() {
        String ta1 = "ISA*00*          *00*          *ZZ*KHILAB         *ZZ*CORRIDOR       *251006*1200*U*00401"
                + "*000000012*0*P*>~TA1*000000031*251005*1200*R*024~IEA*0*000000012~";

        assertThat(acknowledge("D-ACK-7", ta1)).isEmpty();
    }
}
