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
import org.corridor.canonical.AssayCertificate;
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

    ProcessStages(DocumentPipeline pipeline, AgreementCatalog agreements, Renderers renderers,
                  TrackingStore tracking) {
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
        List<CanonicalDocument> documents = pipeline.reader().read(content, detection, fileName, sha256,
                documentId);
        processing.parsed(documents.stream()
                .map(d -> new ParsedDocument(d.documentId(), d.kind().name(), describe(d))).toList());
        return documents;
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
    public List<DeliveryOrder> plan(Exchange exchange, List<CanonicalDocument> documents) {
        TrackingStore.Processing processing = exchange.getProperty(PROCESSING, TrackingStore.Processing.class);
        List<DeliveryOrder> orders = new ArrayList<>();
        for (CanonicalDocument d : documents) {
            Agreement agreement = agreements.find(d.agreementRef()).orElseThrow(() -> new IllegalStateException(
                    "agreement " + d.agreementRef() + " vanished between enrichment and routing"));
            List<Agreement.Distribution> recipients = agreement.recipientsOf(d.kind());
            if (recipients.isEmpty()) {
                throw new RejectedException(ErrorCode.NO_RECIPIENT, Location.NONE, "Agreement " + agreement.id()
                        + " names no recipient for " + d.kind() + " documents, so there is nobody to deliver to.");
            }
            for (Agreement.Distribution r : recipients) {
                if (renderers.find(r.format()).isEmpty()) {
                    throw new IllegalStateException("agreement " + agreement.id() + " asks for format " + r.format()
                            + " for " + r.partner() + ", which this build cannot write");
                }
                orders.add(new DeliveryOrder(d, r.partner(), r.format()));
            }
            processing.routed(d.documentId(), recipients.stream()
                    .map(r -> new PlannedDelivery(r.partner(), r.format())).toList());
        }
        tracking.record(processing);
        exchange.setProperty(RENDERED, new ConcurrentHashMap<String, byte[]>());
        return orders;
    }

    /** Renders one order: the body becomes the partner's bytes, the headers say whose and what they are. */
    @SuppressWarnings("unchecked")
    public void render(Exchange exchange) {
        DeliveryOrder order = exchange.getIn().getBody(DeliveryOrder.class);
        Renderer renderer = renderers.find(order.format()).orElseThrow();
        Map<String, byte[]> rendered = exchange.getProperty(RENDERED, Map.class);
        byte[] body = rendered.computeIfAbsent(order.document().documentId() + "\n" + order.format(),
                key -> renderer.render(order.document()));
        Message out = exchange.getIn();
        out.removeHeaders("*");
        out.setHeader(Headers.DOCUMENT_ID, order.document().documentId());
        out.setHeader(Headers.PARTNER, order.partnerId());
        out.setHeader(Headers.FORMAT, order.format());
        out.setHeader(Headers.OUTPUT_NAME, order.document().documentId() + "." + renderer.extension());
        out.setHeader(Headers.CONTENT_TYPE, renderer.contentType());
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
