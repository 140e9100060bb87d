package org.corridor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.impl.DefaultCamelContext;
import org.corridor.base.Hashing;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.partner.PartnerProfile;
import org.corridor.partner.RegisteredPartner;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.Problem;
import org.corridor.problem.RejectedException;
import org.corridor.support.SamplePipeline;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The enrich and agreement-rules stages, split from one loop that enriched and checked each document in turn: a
 * document that cannot be enriched is refused only after the rules of the documents before it, and the tracking
 * store hears of a document's agreement only once its rules passed.
 */
class EnrichAndRulesStagesTest {

    private static DefaultCamelContext camel;
    private static DocumentPipeline pipeline;
    private static byte[] certificate;

    @BeforeAll
    static void start() throws Exception {
        camel = new DefaultCamelContext();
        pipeline = SamplePipeline.create(camel);
        certificate = Files.readAllBytes(Path.of("sample-docs/assay/KHILAB-CU-2025-0147.csv"));
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    private static CanonicalDocument certificate(String documentId) {
        return pipeline.reader()
                .read(certificate, "cert.csv", Hashing.sha256Hex(certificate), documentId)
                .get(0);
    }

    private static RegisteredPartner lab() {
        PartnerProfile profile = new PartnerProfile(
                "KHILAB", "KHILAB", List.of(), List.of(), Map.of(), null, null, null, null, null, null, null, List.of(),
                null, null);
        return new RegisteredPartner(profile, null, null, null, null, 1, 1, null, null, null, null, null);
    }

    @Test
    void aDocumentThatCannotBeEnrichedIsRefusedAfterTheRulesOfTheDocumentsBeforeIt() {
        Problem notIssued = new Problem(ErrorCode.NOT_AUTHORIZED_SENDER, Location.NONE, "not issued by KHILAB");
        SenderAuthorization senders = mock(SenderAuthorization.class);
        when(senders.refusalOfDocument(any(), any()))
                .thenAnswer(call ->
                        "D-2".equals(call.<CanonicalDocument>getArgument(1).documentId())
                                ? Optional.of(notIssued)
                                : Optional.empty());
        when(senders.partnerOf("http:KHILAB")).thenReturn(Optional.of(lab()));
        TrackingStore.Processing processing = mock(TrackingStore.Processing.class);
        FileInProcess file =
                new FileInProcess("D-0", "two.csv", "sha", "archive", null, false, "http:KHILAB", processing);
        file.documents(List.of(certificate("D-1"), certificate("D-2"), certificate("D-3")));
        FileAcknowledgements notEdi = new FileAcknowledgements(null, senders);

        new EnrichStage(pipeline, senders).enrich(file);

        assertThat(file.documents()).extracting(CanonicalDocument::documentId).containsExactly("D-1");
        assertThat(file.held().document().documentId()).isEqualTo("D-2");
        verify(processing, never()).enriched(any(), any());
        assertThatThrownBy(() -> new RulesStage(pipeline, notEdi).check(file))
                .isInstanceOf(RejectedException.class)
                .satisfies(e -> assertThat(((RejectedException) e).problems()).containsExactly(notIssued));
        verify(processing).enriched(eq("D-1"), any());
        verify(processing).validated(eq("D-1"), any());
        verify(processing, never()).enriched(eq("D-2"), any());
    }
}
