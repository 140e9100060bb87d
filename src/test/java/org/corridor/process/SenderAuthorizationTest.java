package org.corridor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.corridor.support.TestReferenceData.AGREEMENT_FILES;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.base.Hashing;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.edi.EdiEnvelope;
import org.corridor.partner.PartnerProfile;
import org.corridor.partner.RegisteredPartner;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Problem;
import org.corridor.support.SamplePipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of who may send what, on the sample agreement: roles and issuers, interchange ids, named issuers. */
class SenderAuthorizationTest {

    private static final Agreement SAMPLE = AGREEMENT_FILES.read(Path.of("sample-docs/agreements/PK-US-CM-2025.yaml"));
    private static DefaultCamelContext camel;
    private static DocumentPipeline pipeline;
    private static SenderAuthorization senders;

    @BeforeAll
    static void start() {
        camel = new DefaultCamelContext();
        pipeline = SamplePipeline.create(camel);
        // the registry is only asked which partner an intake names, which these tests do not do
        senders = new SenderAuthorization(null, AgreementCatalog.of(List.of(SAMPLE)), pipeline);
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    private static RegisteredPartner partner(
            String id, List<String> roles, List<String> issues, PartnerProfile.InterchangeId... ids) {
        PartnerProfile profile = new PartnerProfile(
                id, id, roles, List.of(ids), Map.of(), null, null, null, null, null, null, null, issues, null, null);
        return new RegisteredPartner(profile, null, null, null, null, 1, 1, null, null, null, null, null);
    }

    private static EdiEnvelope envelope(String standard, String qualifier, String sender) {
        return new EdiEnvelope(
                standard, null, sender, qualifier, "CORRIDOR", "ZZZ", "REF1", null, null, false, null, null, null);
    }

    @Test
    void aPartnerMaySendTheKindsItsAgreementRolesIssue() {
        RegisteredPartner lab = partner("KHILAB", List.of(), List.of());

        assertThat(senders.refusalOfKind(lab, DocumentKind.ASSAY_CERTIFICATE, List.of(SAMPLE)))
                .isEmpty();
        assertThat(senders.refusalOfKind(lab, DocumentKind.CUSTOMS_RESPONSE, List.of(SAMPLE)))
                .get()
                .satisfies(p -> {
                    assertThat(p.code()).isEqualTo(ErrorCode.NOT_AUTHORIZED_SENDER);
                    assertThat(p.message())
                            .isEqualTo("KHILAB may not send customs response documents: under"
                                    + " agreement PK-US-CM-2025 only CUSTOMS_AGENT may issue them, and KHILAB is"
                                    + " LABORATORY.");
                });
        assertThat(senders.refusalOfKind(lab, DocumentKind.ACKNOWLEDGEMENT, List.of(SAMPLE)))
                .as("acknowledgements are judged where they are matched")
                .isEmpty();
    }

    @Test
    void rolesFromThePartnerFileCountAndItsIssuesNarrowThem() {
        RegisteredPartner secondLab = partner("LAB2", List.of("LABORATORY"), List.of());
        RegisteredPartner exporter = partner("FWOPK", List.of(), List.of("INVOICE"));

        assertThat(senders.refusalOfKind(secondLab, DocumentKind.ASSAY_CERTIFICATE, List.of(SAMPLE)))
                .isEmpty();
        assertThat(senders.refusalOfKind(exporter, DocumentKind.INVOICE, List.of(SAMPLE)))
                .isEmpty();
        assertThat(senders.refusalOfKind(exporter, DocumentKind.PACKING_LIST, List.of(SAMPLE)))
                .get()
                .extracting(Problem::message)
                .asString()
                .isEqualTo("FWOPK may not send packing list documents: its partner file lets it send only INVOICE.");
    }

    @Test
    void anAgreementWithoutIssuersLetsNobodySendFromOutside() {
        Agreement silent = new Agreement(
                SAMPLE.id(),
                2,
                SAMPLE.title(),
                SAMPLE.type(),
                SAMPLE.signedDate(),
                SAMPLE.effectiveFrom(),
                SAMPLE.effectiveTo(),
                SAMPLE.parties(),
                SAMPLE.commodities(),
                SAMPLE.ports(),
                SAMPLE.incoterm(),
                SAMPLE.weightTolerancePct(),
                SAMPLE.quotas(),
                SAMPLE.permits(),
                SAMPLE.requiredDocuments(),
                SAMPLE.distribution(),
                SAMPLE.disclosure());

        assertThat(senders.refusalOfKind(
                        partner("KHILAB", List.of(), List.of()), DocumentKind.ASSAY_CERTIFICATE, List.of(silent)))
                .get()
                .extracting(Problem::message)
                .asString()
                .contains("no role may send them from outside");
    }

    @Test
    void anInterchangeMustCarryOneOfThePartnersOwnIds() {
        RegisteredPartner buyer = partner(
                "USSMUS",
                List.of(),
                List.of(),
                new PartnerProfile.InterchangeId("ZZ", "USSMUS"),
                new PartnerProfile.InterchangeId("01", "431987265"));
        RegisteredPartner carrier =
                partner("OCEANCAR", List.of(), List.of(), new PartnerProfile.InterchangeId("ZZ", "OCEANCAR"));

        // ZZZ (EDIFACT) and ZZ (X12) both mean mutually defined; EDIFACT may leave the qualifier out
        assertThat(senders.refusalOfEnvelope(buyer, envelope("EDIFACT", "ZZZ", "USSMUS")))
                .isEmpty();
        assertThat(senders.refusalOfEnvelope(buyer, envelope("X12", "ZZ", "USSMUS")))
                .isEmpty();
        assertThat(senders.refusalOfEnvelope(buyer, envelope("EDIFACT", null, "USSMUS")))
                .isEmpty();
        assertThat(senders.refusalOfEnvelope(buyer, envelope("X12", "01", "431987265")))
                .isEmpty();
        assertThat(senders.refusalOfEnvelope(buyer, envelope("X12", "ZZ", "431987265")))
                .as("the id under another qualifier")
                .isPresent();
        // a partner without interchange ids in its file still has its agreement party's EDI id
        assertThat(senders.refusalOfEnvelope(
                        partner("KHILAB", List.of(), List.of()), envelope("EDIFACT", "ZZZ", "KHILAB")))
                .isEmpty();
        assertThat(senders.refusalOfEnvelope(carrier, envelope("EDIFACT", "ZZZ", "USSMUS")))
                .get()
                .satisfies(p -> {
                    assertThat(p.location().segment()).isEqualTo("UNB");
                    assertThat(p.message())
                            .isEqualTo("Interchange REF1 names USSMUS (qualifier ZZZ) as its sender,"
                                    + " but it was sent by partner OCEANCAR, whose interchange ids are ZZ:OCEANCAR, OCEANCAR."
                                    + " A partner may send interchanges only under its own interchange ids.");
                });
    }

    @Test
    void aDocumentNamingAnotherPartyAsItsIssuerIsRefused() throws Exception {
        byte[] certificate = Files.readAllBytes(Path.of("sample-docs/assay/KHILAB-CU-2025-0147.csv"));
        CanonicalDocument document = pipeline.reader()
                .read(certificate, "cert.csv", Hashing.sha256Hex(certificate), "D-TEST")
                .get(0);

        assertThat(senders.refusalOfDocument(partner("KHILAB", List.of(), List.of()), document))
                .isEmpty();
        assertThat(senders.refusalOfDocument(partner("LAB2", List.of("LABORATORY"), List.of()), document))
                .get()
                .satisfies(p -> {
                    assertThat(p.location().field()).isEqualTo("body.lab");
                    assertThat(p.message())
                            .isEqualTo("This assay certificate names KHILAB (Karachi Minerals"
                                    + " Testing Laboratory) as its lab, but it was sent by partner LAB2. A partner may send"
                                    + " only the documents it issued itself.");
                });
    }
}
