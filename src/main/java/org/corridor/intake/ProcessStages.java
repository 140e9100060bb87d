package org.corridor.intake;

import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.corridor.track.Stage;
import org.corridor.canonical.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.io.BufferedWriter;
import java.io.BufferedReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.corridor.platform.DocumentPipeline;
import org.corridor.partner.RegisteredPartner;
import org.corridor.platform.FileNames;
import org.corridor.platform.Headers;
import org.corridor.render.Renderer;
import org.corridor.render.Renderers;
import org.corridor.track.ParsedDocument;
import org.corridor.track.PlannedDelivery;
import org.corridor.track.TrackingStore;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.DocumentKind;
import org.corridor.dossier.DossierOutcome;
import org.corridor.dossier.DossierService;
import org.corridor.validate.AgreementRules;
import org.corridor.validate.AllowanceLedger;
import org.corridor.validate.ErrorCode;
import org.corridor.validate.Finding;
import org.corridor.validate.Problem;
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
    private final Renderers renderers;
    private final TrackingStore tracking;
    private final Acknowledger acknowledger;
    private final ReceivedAcknowledgements acknowledgements;
    private final EdiOutbound ediOutbound;
    private final AllowanceLedger ledger;
    private final DossierService dossiers;
    private final SenderAuthorization senders;
    private final long streamAboveBytes;
    private final int batchSize;

    ProcessStages(DocumentPipeline pipeline, Renderers renderers,
                  TrackingStore tracking, Acknowledger acknowledger, ReceivedAcknowledgements acknowledgements,
                  EdiOutbound ediOutbound, AllowanceLedger ledger, DossierService dossiers,
                  SenderAuthorization senders,
                  @Value("${corridor.process.stream-above-bytes:8000000}") long streamAboveBytes,
                  @Value("${corridor.process.batch-size:500}") int batchSize) {
        this.ediOutbound = ediOutbound;
        this.ledger = ledger;
        this.dossiers = dossiers;
        this.senders = senders;
        this.streamAboveBytes = streamAboveBytes;
        this.batchSize = batchSize;
        this.acknowledger = acknowledger;
        this.acknowledgements = acknowledgements;
        this.pipeline = pipeline;
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
    /** Exchange property: the batch files of a large EDI file, each processed as its own unit. */
    public static final String BATCHES = "CorridorBatches";
    /** Exchange property: the acknowledgements of a received EDI file, delivered however the file ends. */
    public static final String ACKNOWLEDGEMENTS = "CorridorAcknowledgements";
    /** Exchange property: the file's EDI interchanges as registered, to acknowledge again if a rule refuses it. */
    static final String RECEIPTS = "CorridorReceipts";
    /**
     * Exchange property: the partner that sent a file under another party's interchange id; its acknowledgements go
     * to that partner, not to the party the envelope names, which sent nothing.
     */
    static final String ANSWER_TO = "CorridorAnswerTo";

    /** Detects and parses the archived original into its canonical documents. */
    public List<CanonicalDocument> read(Exchange exchange, @Header(Headers.DOCUMENT_ID) String documentId,
                                        @Header(Headers.ARCHIVE_PATH) String archivePath,
                                        @Header(Headers.FILE_NAME) String fileName,
                                        @Header(Headers.SHA256) String sha256,
                                        @Header(Headers.BATCH) String batch) {
        TrackingStore.Processing processing = tracking.processing(documentId);
        exchange.setProperty(PROCESSING, processing);
        if (batch != null) {
            return readBatch(processing, Path.of(batch));
        }
        byte[] content;
        try {
            Path archived = Path.of(archivePath);
            if (Files.size(archived) > streamAboveBytes) {
                byte[] head;
                try (InputStream in = Files.newInputStream(archived)) {
                    head = in.readNBytes(64 * 1024);
                }
                Detection detection = pipeline.reader().detect(head);
                if (Detection.EDIFACT.equals(detection.format()) || Detection.X12.equals(detection.format())) {
                    processing.detected(detection.format(), detection.messageType());
                    return spool(exchange, processing, archived, detection, documentId, fileName, sha256);
                }
            }
            content = Files.readAllBytes(archived);
        } catch (IOException e) {
            throw new UncheckedIOException("archived original of " + documentId + " cannot be read", e);
        }
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
        processing.canonical(documents);
        return documents;
    }

    /**
     * A large EDI file is read message by message into batch files of canonical documents (one per line) beside its
     * archived original; each batch then goes back to the process queue as its own unit of work (property
     * {@link #BATCHES}, header {@link Headers#BATCH}), so no step ever holds more than one batch. The file is accepted
     * or refused as a whole first: its acknowledgements are prepared here, and a refused file leaves no batch behind.
     * A redelivery after a crash starts the spooling over.
     */
    private List<CanonicalDocument> spool(Exchange exchange, TrackingStore.Processing processing, Path archived,
                                          Detection detection, String documentId, String fileName, String sha256)
            throws IOException {
        Path folder = archived.resolveSibling(archived.getFileName() + ".batches");
        deleteBatches(folder);
        Files.createDirectories(folder);
        List<String> batches = new ArrayList<>();
        List<Object> facts = new ArrayList<>();
        int[] count = {0};
        BufferedWriter[] current = {null};
        RejectedException rejected = null;
        try {
            pipeline.reader().stream(archived, detection, fileName, sha256, documentId, document -> {
                try {
                    if (count[0] % batchSize == 0) {
                        if (current[0] != null) {
                            current[0].close();
                        }
                        Path next = folder.resolve("batch-" + (batches.size() + 1) + ".jsonl");
                        batches.add(next.toString());
                        current[0] = Files.newBufferedWriter(next, StandardCharsets.UTF_8);
                    }
                    current[0].write(CanonicalJson.writeLine(document));
                    current[0].write('\n');
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, facts::add);
        } catch (RejectedException e) {
            rejected = e;
        } finally {
            if (current[0] != null) {
                current[0].close();
            }
        }
        List<EdiReceipt> receipts = facts.stream().filter(EdiReceipt.class::isInstance)
                .map(EdiReceipt.class::cast).toList();
        rejected = acknowledge(exchange, processing, documentId, fileName, receipts, rejected);
        if (rejected != null) {
            deleteBatches(folder);
            throw rejected;
        }
        tracking.record(processing);
        tracking.event(documentId, Stage.PARSE, null, count[0] + " business messages, processed in "
                + batches.size() + " batches of up to " + batchSize);
        exchange.setProperty(BATCHES, batches);
        LOG.info("Document {} ({}): {} messages spooled into {} batches", documentId, FileNames.forLog(fileName),
                count[0], batches.size());
        return List.of();
    }

    /** One batch of a large file: its documents, recorded as parts of the file. */
    private List<CanonicalDocument> readBatch(TrackingStore.Processing processing, Path batch) {
        List<CanonicalDocument> documents = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(batch, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    documents.addAll(CanonicalJson.readAll(line.getBytes(StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("batch " + batch + " cannot be read", e);
        }
        processing.parsed(documents.stream()
                .map(d -> new ParsedDocument(d.documentId(), d.kind().name(), describe(d))).toList());
        processing.canonical(documents);
        return documents;
    }

    private static void deleteBatches(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(folder);
    }

    /**
     * Registers the file's EDI interchanges (a sender's control reference used before for another file is a
     * duplicate, unless an operator replays it) and prepares their acknowledgements: delivered with the documents,
     * or by the rejection route when the file is refused. Returns the reason to refuse the file, if any.
     */
    private RejectedException acknowledge(Exchange exchange, TrackingStore.Processing processing, String documentId,
                                          String fileName, List<EdiReceipt> receipts, RejectedException rejected) {
        boolean reprocess = "true".equals(exchange.getIn().getHeader(Headers.REPROCESS, String.class));
        Optional<RegisteredPartner> sender = senders.partnerOf(exchange.getIn().getHeader(Headers.INTAKE,
                String.class));
        List<Problem> notAuthorized = new ArrayList<>();
        List<Acknowledger.Registered> registered = new ArrayList<>();
        for (EdiReceipt receipt : receipts) {
            Optional<Problem> refusal = sender.flatMap(p -> senders.refusalOfEnvelope(p,
                    receipt.interchange().envelope()));
            if (refusal.isPresent()) {
                // not registered as received: another party's control reference must not become a duplicate
                notAuthorized.add(refusal.get());
                registered.add(new Acknowledger.Registered(refused(receipt, refusal.get()), Optional.empty()));
            } else {
                registered.addAll(acknowledger.register(documentId, List.of(receipt), reprocess));
            }
        }
        if (!notAuthorized.isEmpty()) {
            exchange.setProperty(ANSWER_TO, sender.orElseThrow().id());
        }
        exchange.setProperty(RECEIPTS, registered);
        prepareAcknowledgements(exchange, processing, documentId, fileName, registered);
        if (!notAuthorized.isEmpty()) {
            return new RejectedException(notAuthorized);
        }
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

    /** The receipt of an interchange refused as a whole: every message of it rejected with the reason. */
    private static EdiReceipt refused(EdiReceipt receipt, Problem problem) {
        Map<String, List<Problem>> problems = new java.util.HashMap<>(receipt.contentProblems());
        List<String> refs = receipt.interchange().messages().stream().map(m -> m.messageRef()).toList();
        for (String ref : refs.isEmpty() ? List.of("") : refs) {
            List<Problem> mine = new ArrayList<>(problems.getOrDefault(ref, List.of()));
            mine.add(problem);
            problems.put(ref, mine);
        }
        return new EdiReceipt(receipt.interchange(), problems);
    }

    /** The acknowledgements of the file's interchanges, to be delivered with its documents or its refusal. */
    private void prepareAcknowledgements(Exchange exchange, TrackingStore.Processing processing, String documentId,
                                         String fileName, List<Acknowledger.Registered> registered) {
        List<DeliveryOrder> acks = acknowledger.acknowledge(documentId, fileName, registered);
        String answerTo = exchange.getProperty(ANSWER_TO, String.class);
        if (answerTo != null) {
            acks = acks.stream().map(a -> new DeliveryOrder(a.document(), answerTo, a.format(), a.content(),
                    a.outputName())).toList();
        }
        processing.withdrawAcknowledgements();
        for (DeliveryOrder ack : acks) {
            Acknowledgement body = (Acknowledgement) ack.document().body();
            processing.acknowledging(new TrackingStore.AcknowledgementSent(ack.document().documentId(),
                    body.standard(), ack.format(), ack.partnerId()), body.status() + " interchange "
                    + body.referencedInterchange());
        }
        exchange.setProperty(ACKNOWLEDGEMENTS, acks);
    }

    /**
     * A message of an EDI file refused by its agreement (a rule, the quota): its sender learns it from the
     * acknowledgement, which now rejects that message with the reasons, instead of the acceptance prepared when the
     * file was read.
     */
    @SuppressWarnings("unchecked")
    private void acknowledgeRefusal(Exchange exchange, CanonicalDocument document, RejectedException refusal) {
        List<Acknowledger.Registered> registered = exchange.getProperty(RECEIPTS, List.class);
        if (registered == null || document.source() == null || document.source().messageRef() == null) {
            return;
        }
        List<Acknowledger.Registered> amended = new ArrayList<>();
        for (Acknowledger.Registered r : registered) {
            EdiReceipt receipt = r.receipt();
            if (!java.util.Objects.equals(receipt.interchange().envelope().controlRef(),
                    document.source().interchangeRef())) {
                amended.add(r);
                continue;
            }
            Map<String, List<Problem>> problems = new java.util.HashMap<>(receipt.contentProblems());
            List<Problem> mine = new ArrayList<>(problems.getOrDefault(document.source().messageRef(), List.of()));
            mine.addAll(refusal.problems());
            problems.put(document.source().messageRef(), mine);
            amended.add(new Acknowledger.Registered(new EdiReceipt(receipt.interchange(), problems),
                    r.duplicateOf()));
        }
        exchange.setProperty(RECEIPTS, amended);
        TrackingStore.Processing processing = exchange.getProperty(PROCESSING, TrackingStore.Processing.class);
        prepareAcknowledgements(exchange, processing, exchange.getIn().getHeader(Headers.DOCUMENT_ID, String.class),
                exchange.getIn().getHeader(Headers.FILE_NAME, String.class), amended);
    }

    /**
     * Enriches each document and checks it against its agreement's rules: warnings travel with the document, an
     * error refuses the file (its EDI sender is told in the acknowledgement).
     */
    public List<CanonicalDocument> enrich(Exchange exchange, List<CanonicalDocument> documents) {
        TrackingStore.Processing processing = exchange.getProperty(PROCESSING, TrackingStore.Processing.class);
        Optional<RegisteredPartner> sender = senders.partnerOf(exchange.getIn().getHeader(Headers.INTAKE,
                String.class));
        List<CanonicalDocument> enriched = new ArrayList<>(documents.size());
        for (CanonicalDocument d : documents) {
            CanonicalDocument e;
            try {
                // a partner's document must be one it issues itself, whatever the agreement's rules say of it
                Optional<Problem> notAuthorized = sender.flatMap(p -> senders.refusalOfDocument(p, d));
                if (notAuthorized.isPresent()) {
                    throw new RejectedException(notAuthorized.get());
                }
                e = pipeline.enrichAndCheck(d);
            } catch (RejectedException refusal) {
                acknowledgeRefusal(exchange, d, refusal);
                throw refusal;
            }
            processing.enriched(e.documentId(), e.agreementRef());
            if (e.kind() != DocumentKind.ACKNOWLEDGEMENT) {
                processing.validated(e.documentId(), e.findingList());
            }
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
        String sender = senders.partnerOf(exchange.getIn().getHeader(Headers.INTAKE, String.class))
                .map(RegisteredPartner::id).orElse(null);
        List<DeliveryOrder> orders = new ArrayList<>();
        // each business document with the agreement version it falls under, which must name a recipient for its kind
        List<Routed> business = new ArrayList<>();
        for (CanonicalDocument d : documents) {
            if (d.body() instanceof Acknowledgement ack) {
                processing.consumed(d.documentId(), acknowledgements.received(d, ack, sender));
                continue;
            }
            Agreement agreement = pipeline.agreementOf(d);
            if (recipients(agreement, d.kind()).isEmpty()) {
                throw new RejectedException(ErrorCode.NO_RECIPIENT, Location.NONE, "Agreement " + agreement.id()
                        + " names no recipient for " + d.kind() + " documents, so there is nobody to deliver to.");
            }
            business.add(new Routed(d, agreement));
        }
        // counted last, once nothing else can refuse the file: an export declaration's tonnes against its quota and
        // permits (idempotent per declaration, so a redelivery after a crash counts nothing twice)
        for (Routed r : business) {
            if (r.document().body() instanceof CustomsDeclaration declaration
                    && AgreementRules.isPakistanExport(declaration)) {
                java.util.Optional<RejectedException> exceeded = DocumentPipeline.refusalOf(
                        ledger.count(r.document(), r.agreement()));
                if (exceeded.isPresent()) {
                    acknowledgeRefusal(exchange, r.document(), exceeded.get());
                    throw exceeded.get();
                }
            }
        }
        for (Routed routed : business) {
            CanonicalDocument d = routed.document();
            Agreement agreement = routed.agreement();
            CanonicalDocument filed = fileInDossier(processing, d, agreement, orders);
            processing.canonical(List.of(filed));
            List<Agreement.Distribution> recipients = recipients(agreement, d.kind());
            for (Agreement.Distribution r : recipients) {
                orders.add(new DeliveryOrder(filed, r.partner(), r.format()));
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

    /** A business document of the file and the agreement version it falls under, looked up once. */
    private record Routed(CanonicalDocument document, Agreement agreement) {
    }

    /**
     * Whom the agreement names for this kind, each in a format this build can write (possibly nobody: an agreement
     * need not send complete dossiers anywhere).
     */
    private List<Agreement.Distribution> recipients(Agreement agreement, DocumentKind kind) {
        List<Agreement.Distribution> recipients = agreement.recipientsOf(kind);
        for (Agreement.Distribution r : recipients) {
            if (renderers.find(r.format()).isEmpty() && !ediOutbound.canWrite(r.format(), kind)) {
                throw new IllegalStateException("agreement " + agreement.id() + " asks for format " + r.format()
                        + " for " + r.partner() + ", which this build cannot write");
            }
        }
        return recipients;
    }

    /**
     * Files the document in its shipment's dossier, which reconciles it with the shipment's other documents; its
     * findings are the dossier's (stored and shown with it), they do not hold this document back. When this document
     * completes the dossier, the dossier itself goes to whom the agreement names for SHIPMENT_DOSSIER.
     */
    private CanonicalDocument fileInDossier(TrackingStore.Processing processing, CanonicalDocument document,
                                            Agreement agreement, List<DeliveryOrder> orders) {
        DossierOutcome outcome = dossiers.attach(document, agreement);
        if (outcome.isHeld()) {
            // a customs status before its declaration: it goes on, and joins the dossier when the declaration comes
            processing.inDossier(document.documentId(), null, "in no dossier yet: " + outcome.heldReason());
            return document.withShipmentRef(null);
        }
        long errors = outcome.findings().stream().filter(Finding::isError).count();
        String state = outcome.status() + ", " + outcome.findings().size() + " findings"
                + (errors > 0 ? " (" + errors + " errors)" : "");
        processing.inDossier(document.documentId(), outcome.shipmentRef(), state);
        for (String linked : outcome.linked()) {
            processing.inDossier(linked, outcome.shipmentRef(), "joined with " + document.documentId() + ", "
                    + state);
        }
        if (errors > 0) {
            // the document goes on; the shipment does not complete until someone sends what reconciles it
            LOG.warn("Dossier of shipment {} after document {}: {}", outcome.shipmentRef(), document.documentId(),
                    outcome.findings().stream().filter(Finding::isError).map(f -> f.code() + ": " + f.text())
                            .toList());
        }
        outcome.completedDossier().ifPresent(dossier -> {
            processing.dossierCompleted(dossier.documentId(), outcome.shipmentRef());
            processing.canonical(List.of(dossier));
            List<Agreement.Distribution> recipients = recipients(agreement, DocumentKind.SHIPMENT_DOSSIER);
            for (Agreement.Distribution r : recipients) {
                orders.add(new DeliveryOrder(dossier, r.partner(), r.format()));
            }
            processing.routed(dossier.documentId(), recipients.stream()
                    .map(r -> new PlannedDelivery(r.partner(), r.format())).toList());
            LOG.info("Dossier of shipment {} complete with document {}; to {}", outcome.shipmentRef(),
                    document.documentId(), recipients.stream().map(Agreement.Distribution::partner).toList());
        });
        return document.withShipmentRef(outcome.shipmentRef());
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
