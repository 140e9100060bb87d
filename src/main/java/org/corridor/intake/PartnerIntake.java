package org.corridor.intake;

import java.util.Map;
import java.util.Optional;
import org.corridor.base.CorridorProperties;
import org.corridor.base.Headers;
import org.corridor.edi.EdiInterchangeReader;
import org.corridor.edi.EdiSchemas;
import org.corridor.partner.RegisteredPartner;
import org.corridor.problem.Problem;
import org.corridor.process.DocumentPipeline;
import org.corridor.process.SenderAuthorization;
import org.corridor.process.UploadPreview;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands a partner's spooled upload to processing, the same way whichever door it came through ({@code POST
 * /api/inbound}, AS2): refused, and recorded in {@code inbound_refusals}, when the partner may not send what the file
 * claims to be; else archived as a document and sent to the processing queue.
 */
@Component
public class PartnerIntake {

    private final IntakeService intake;
    private final SenderAuthorization senders;
    private final DocumentPipeline pipeline;
    private final EdiInterchangeReader edi = new EdiInterchangeReader(new EdiSchemas());
    private final InboundRefusals refusals;
    private final JmsTemplate jms;
    private final CorridorProperties properties;

    PartnerIntake(
            IntakeService intake,
            SenderAuthorization senders,
            DocumentPipeline pipeline,
            InboundRefusals refusals,
            JmsTemplate jms,
            CorridorProperties properties) {
        this.intake = intake;
        this.senders = senders;
        this.pipeline = pipeline;
        this.refusals = refusals;
        this.jms = jms;
        this.properties = properties;
    }

    /**
     * What became of an upload: its document id and file name when accepted, else the refusal.
     *
     * @param fileName as the document was recorded (made safe by intake)
     */
    public record Outcome(String documentId, String fileName, Problem refusal) {

        public boolean accepted() {
            return refusal == null;
        }
    }

    /**
     * Judges the upload by what it claims before it is parsed (what the preview cannot tell, processing checks), then
     * accepts it or records the refusal. A refused upload stays where it was spooled: the caller discards it.
     */
    public Outcome accept(RegisteredPartner partner, String fileName, IntakeService.Spooled upload) {
        return accept(partner, fileName, upload, "http");
    }

    /** {@link #accept(RegisteredPartner, String, IntakeService.Spooled)} over {@code channel}: intake {@code <channel>:<ID>}. */
    public Outcome accept(RegisteredPartner partner, String fileName, IntakeService.Spooled upload, String channel) {
        UploadPreview preview = UploadPreview.of(upload.file(), pipeline.reader(), edi);
        Optional<Problem> refusal = senders.refusalOfUpload(partner, preview.envelopes(), preview.kinds());
        if (refusal.isPresent()) {
            refusals.record(
                    partner.id(),
                    fileName,
                    upload.sha256(),
                    upload.length(),
                    refusal.get().message());
            return new Outcome(null, fileName, refusal.get());
        }
        Map<String, String> handoff = intake.acceptUpload(upload, fileName, partner.id(), channel);
        String documentId = handoff.get(Headers.DOCUMENT_ID);
        jms.send(properties.queues().process(), session -> Headers.processingMessage(session, documentId, handoff));
        return new Outcome(documentId, handoff.get(Headers.FILE_NAME), null);
    }
}
