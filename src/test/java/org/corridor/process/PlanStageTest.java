package org.corridor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.corridor.support.TestReferenceData.AGREEMENT_FILES;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.agreement.Agreement;
import org.corridor.base.Hashing;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.partner.DeliveryOrder;
import org.corridor.support.SamplePipeline;
import org.corridor.track.PlannedDelivery;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.Test;

/** The plan stage: one order per recipient, a completed dossier's orders just before the document that completed it. */
class PlanStageTest {

    private static final Agreement SAMPLE = AGREEMENT_FILES.read(Path.of("sample-docs/agreements/PK-US-CM-2025.yaml"));

    @Test
    void aCompletedDossierIsDeliveredJustBeforeTheDocumentThatCompletedIt() throws Exception {
        byte[] csv = Files.readAllBytes(Path.of("sample-docs/assay/KHILAB-CU-2025-0147.csv"));
        List<CanonicalDocument> read;
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            read = SamplePipeline.create(camel).reader().read(csv, "cert.csv", Hashing.sha256Hex(csv), "D-1");
        }
        CanonicalDocument first = read.get(0);
        CanonicalDocument second = first.withShipmentRef("SHIP-2");
        CanonicalDocument dossier = first.withShipmentRef("DOSSIER");
        Recipients recipients = mock(Recipients.class);
        when(recipients.of(SAMPLE, first.kind()))
                .thenReturn(List.of(
                        new Agreement.Distribution(first.kind(), "USSMUS", OutputFormat.CANONICAL_JSON),
                        new Agreement.Distribution(first.kind(), "FWOPK", OutputFormat.PSW_WORKSHEET_CSV)));
        TrackingStore.Processing processing = mock(TrackingStore.Processing.class);
        FileInProcess file = new FileInProcess("D-0", "f.csv", "sha", "archive", null, false, null, processing);
        DeliveryOrder toBroker = new DeliveryOrder(dossier, "USBROKER", OutputFormat.CANONICAL_JSON);
        file.business()
                .add(new FileInProcess.Routed(first, SAMPLE).filedAs(first.withShipmentRef("SHIP-1"), List.of()));
        file.business().add(new FileInProcess.Routed(second, SAMPLE).filedAs(second, List.of(toBroker)));

        new PlanStage(recipients).plan(file);

        assertThat(file.orders())
                .extracting(o -> o.partnerId() + " " + o.document().shipmentRef())
                .containsExactly("USSMUS SHIP-1", "FWOPK SHIP-1", "USBROKER DOSSIER", "USSMUS SHIP-2", "FWOPK SHIP-2");
        assertThat(file.orders().get(0).document().kind()).isEqualTo(DocumentKind.ASSAY_CERTIFICATE);
        assertThat(file.orders())
                .extracting(DeliveryOrder::format)
                .containsExactly(
                        OutputFormat.CANONICAL_JSON,
                        OutputFormat.PSW_WORKSHEET_CSV,
                        OutputFormat.CANONICAL_JSON,
                        OutputFormat.CANONICAL_JSON,
                        OutputFormat.PSW_WORKSHEET_CSV);
        // what tracking (and the console) shows as planned for the document: both recipients, in their formats
        verify(processing, times(2))
                .routed(
                        first.documentId(),
                        List.of(
                                new PlannedDelivery("USSMUS", OutputFormat.CANONICAL_JSON),
                                new PlannedDelivery("FWOPK", OutputFormat.PSW_WORKSHEET_CSV)));
    }
}
