package org.corridor.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.corridor.canonical.Acknowledgement;
import org.corridor.canonical.AssayCertificate;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiReceipt;
import org.corridor.edi.ack.Acknowledger;
import org.corridor.edi.ack.ReceivedAcknowledgements;
import org.corridor.edi.out.EdiOutbound;
import org.corridor.edi.track.Interchanges;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.deliver.DeliveryOrder;
import org.corridor.detect.Detection;
import org.corridor.enrich.Agreement;
import org.corridor.enrich.AgreementCatalog;
import org.corridor.platform.DocumentPipeline;
import org.corridor.platform.Headers;
import org.corridor.render.Renderer;
import org.corridor.render.Renderers;
import org.corridor.track.ParsedDocument;
import org.corridor.track.PlannedDelivery;
import org.corridor.track.TrackingStore;
import org.corridor.validate.ErrorCode;
import org.corridor.validate.Location;
import org.corridor.validate.RejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the process route, one method per step so the YAML shows the pipeline and a test can weave any step:
 * read (detect + parse) the archived file, enrich, plan one delivery per recipient, render each. Every step records
 * what it did in the tracking store.
 */
@Component("documentStages")
public class ProcessStages {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessStages.class);

    private final DocumentPipeline pipeline;
    private final AgreementCatalog agreements;
    private final Renderers renderers;
    private final TrackingStore tracking;
    private final Acknowledger acknowledger;
    private final ReceivedAcknowledgements acknowledgements;
    private final EdiOutbound ediOutbound;

    ProcessStages(DocumentPipeline pipeline, AgreementCatalog agreements, Renderers renderers,
                  TrackingStore tracking, Acknowledger acknowledger, ReceivedAcknowledgements acknowledgements,
                  EdiOutbound ediOutbound) {
        this.ediOutbound = ediOutbound;
        this.acknowledger = acknowledger;
        this.acknowledgements = acknowledgements;
        this.pipeline = pipeline;
        this.agreements = agreements;
        this.renderers = renderers;
        this.tracking = tracking;
    }

    /** Exchange property holding what this run learned, written to tracking by {@link #plan} or a rejection. */
    public static final String PROCESSING = "CorridorProcessing";
    /**
     * Exchange property: the bytes rendered so far, by document id and format. The split's parts share it, so a
     * document two partners receive in the same format is rendered once.
     */
    static final String RENDERED = "CorridorRendered";
    /** Exchange property: the acknowledgements of a received EDI file, delivered however the file ends. */
    public static final String ACKNOWLEDGEMENTS = "CorridorAcknowledgements";

    /** Detects and parses the archived original into its canonical documents. */
    public List<CanonicalDocument> read(Exchange exchange, @Header(Headers.DOCUMENT_ID) String documentId,
                                        @Header(Headers.ARCHIVE_PATH) String archivePath,
                                        @Header(Headers.FILE_NAME) String fileName,
                                        @Header(Headers.SHA256) String sha256) {
        byte[] content;
        try {
            content = Files.readAllBytes(Path.of(archivePath));
        } catch (IOException e) {
            throw new UncheckedIOException("archived original of " + documentId + " cannot be read", e);
        }
        TrackingStore.Processing processing = tracking.processing(documentId);
        exchange.setProperty(PROCESSING, processing);
        Detection detection = pipeline.reader().detect(content);
        processing.detected(detection.format(), detection.messageType());
        List<Object> facts = new ArrayList<>();
        List<CanonicalDocument> documents = List.of();
        RejectedException rejected = null;
        try {
            documents = pipeline.reader().read(content, detection, fileName, sha256, documentId, facts::add);
        } catch (RejectedException e) {
            rejected = e;
        }
        List<EdiReceipt> receipts = facts.stream().filter(EdiReceipt.class::isInstance).map(EdiReceipt.class::cast)
                .toList();
        if (!receipts.isEmpty()) {
            rejected = acknowledge(exchange, processing, documentId, fileName, receipts, rejected);
        }
        if (rejected != null) {
            throw rejected;
        }
        processing.parsed(documents.stream()
                .map(d -> new ParsedDocument(d.documentId(), d.kind().name(), describe(d))).toList());
        return documents;
    }

    /**
     * Registers the file's EDI interchanges (a sender's control reference used before for another file is a
     * duplicate, unless an operator replays it) and prepares their acknowledgements: delivered with the documents,
     * or by the rejection route when the file is refused. Returns the reason to refuse the file, if any.
     */
    private RejectedException acknowledge(Exchange exchange, TrackingStore.Processing processing, String documentId,
                                          String fileName, List<EdiReceipt> receipts, RejectedException rejected) {
        boolean reprocess = "true".equals(exchange.getIn().getHeader(Headers.REPROCESS, String.class));
        List<Acknowledger.Registered> registered = acknowledger.register(documentId, receipts, reprocess);
        List<DeliveryOrder> acks = acknowledger.acknowledge(documentId, fileName, registered);
        for (DeliveryOrder ack : acks) {
            Acknowledgement body = (Acknowledgement) ack.document().body();
            processing.acknowledging(new TrackingStore.AcknowledgementSent(ack.document().documentId(),
                    body.standard(), ack.format(), ack.partnerId()), body.status() + " interchange "
                    + body.referencedInterchange());
        }
        exchange.setProperty(ACKNOWLEDGEMENTS, acks);
        if (rejected != null) {
            return rejected;
        }
        for (Acknowledger.Registered r : registered) {
            if (r.duplicateOf().isPresent()) {
                EdiEnvelope e = r.receipt().interchange().envelope();
                Interchanges.Earlier earlier = r.duplicateOf().get();
                return new RejectedException(ErrorCode.EDI_DUPLICATE, new Location(null, null, null,
                        EdiEnvelope.X12.equals(e.standard()) ? "ISA" : "UNB", null), "This is a duplicate of"
                        + " interchange " + e.controlRef() + " from " + e.sender() + " received at "
                        + earlier.recordedAt() + " (document " + earlier.documentId() + "). It was not processed"
                        + " again. If it must be, an operator can replay this document.");
            }
        }
        return null;
    }

    public List<CanonicalDocument> enrich(Exchange exchange, List<CanonicalDocument> documents) {
        TrackingStore.Processing processing = exchange.getProperty(PROCESSING, TrackingStore.Processing.class);
        List<CanonicalDocument> enriched = new ArrayList<>(documents.size());
        for (CanonicalDocument d : documents) {
            CanonicalDocument e = pipeline.enricher().enrich(d);
            processing.enriched(e.documentId(), e.agreementRef());
            enriched.add(e);
        }
        return enriched;
    }

    /**
     * One delivery order per recipient the agreement names for each document's kind; then everything this run
     * learned goes to the tracking store in one transaction, before the orders are handed off.
     */
    @SuppressWarnings("unchecked")
    public List<DeliveryOrder> plan(Exchange exchange, List<CanonicalDocument> documents) {
        TrackingStore.Processing processing = exchange.getProperty(PROCESSING, TrackingStore.Processing.class);
        List<DeliveryOrder> orders = new ArrayList<>();
        for (CanonicalDocument d : documents) {
            if (d.body() instanceof Acknowledgement ack) {
                processing.consumed(d.documentId(), acknowledgements.received(d, ack));
                continue;
            }
            Agreement agreement = agreements.find(d.agreementRef()).orElseThrow(() -> new IllegalStateException(
                    "agreement " + d.agreementRef() + " vanished between enrichment and routing"));
            List<Agreement.Distribution> recipients = agreement.recipientsOf(d.kind());
            if (recipients.isEmpty()) {
                throw new RejectedException(ErrorCode.NO_RECIPIENT, Location.NONE, "Agreement " + agreement.id()
                        + " names no recipient for " + d.kind() + " documents, so there is nobody to deliver to.");
            }
            for (Agreement.Distribution r : recipients) {
                if (renderers.find(r.format()).isEmpty() && !ediOutbound.canWrite(r.format(), d.kind())) {
                    throw new IllegalStateException("agreement " + agreement.id() + " asks for format " + r.format()
                            + " for " + r.partner() + ", which this build cannot write");
                }
                orders.add(new DeliveryOrder(d, r.partner(), r.format()));
            }
            processing.routed(d.documentId(), recipients.stream()
                    .map(r -> new PlannedDelivery(r.partner(), r.format())).toList());
        }
        List<DeliveryOrder> acks = exchange.getProperty(ACKNOWLEDGEMENTS, List.class);
        if (acks != null) {
            orders.addAll(acks);
        }
        tracking.record(processing);
        exchange.setProperty(RENDERED, new ConcurrentHashMap<String, byte[]>());
        return orders;
    }

    /** Renders one order: the body becomes the partner's bytes, the headers say whose and what they are. */
    @SuppressWarnings("unchecked")
    public void render(Exchange exchange) {
        DeliveryOrder order = exchange.getIn().getBody(DeliveryOrder.class);
        if (order.content() != null) {
            handOff(exchange, order, order.content(), order.outputName(),
                    order.outputName().endsWith(".x12") ? "application/edi-x12" : "application/edifact");
            return;
        }
        if (ediOutbound.handles(order.format())) {
            // an interchange per partner: its own envelope and control number, never shared between partners
            boolean x12 = "X12".equalsIgnoreCase(order.format());
            handOff(exchange, order, ediOutbound.render(order.document(), order.format(), order.partnerId()),
                    order.document().documentId() + (x12 ? ".x12" : ".edi"),
                    x12 ? "application/edi-x12" : "application/edifact");
            return;
        }
        Renderer renderer = renderers.find(order.format()).orElseThrow();
        Map<String, byte[]> rendered = exchange.getProperty(RENDERED, Map.class);
        byte[] body = rendered.computeIfAbsent(order.document().documentId() + "\n" + order.format(),
                key -> renderer.render(order.document()));
        handOff(exchange, order, body, order.document().documentId() + "." + renderer.extension(),
                renderer.contentType());
    }

    private static void handOff(Exchange exchange, DeliveryOrder order, byte[] body, String outputName,
                                String contentType) {
        Message out = exchange.getIn();
        out.removeHeaders("*");
        out.setHeader(Headers.DOCUMENT_ID, order.document().documentId());
        out.setHeader(Headers.PARTNER, order.partnerId());
        out.setHeader(Headers.FORMAT, order.format());
        out.setHeader(Headers.OUTPUT_NAME, outputName);
        out.setHeader(Headers.CONTENT_TYPE, contentType);
        out.setBody(body);
        LOG.info("Document {} rendered as {} for {}", order.document().documentId(), order.format(),
                order.partnerId());
    }

    private static String describe(CanonicalDocument d) {
        if (d.body() instanceof AssayCertificate c) {
            return "certificate " + c.certificateNo() + " (" + c.commodity() + ", " + c.results().size()
                    + " results)";
        }
        return d.kind().name();
    }
}
