package org.corridor.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.corridor.ack.Acknowledger;
import org.corridor.agreement.Agreement;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.edi.EdiReceipt;
import org.corridor.partner.DeliveryOrder;
import org.corridor.problem.RejectedException;
import org.corridor.track.TrackingStore;

/**
 * One received file (or one batch of a large one) on its way through the process route: what it is, and what each
 * stage learned of it. Every stage takes it and returns it; it lives in one exchange property ({@link #PROPERTY}) so
 * the split over delivery orders and the rejection route reach it whatever the body is. Not shared between threads:
 * one exchange, one file. (The stage beans and their route methods are public only because the route YAML calls
 * them by name; the record's own accessors stay package-private.)
 */
public final class FileInProcess {

    /** The one exchange property that holds the record. */
    public static final String PROPERTY = "CorridorFile";

    private final String documentId;
    private final String fileName;
    private final String sha256;
    private final String archivePath;
    private final String batch;
    private final boolean reprocess;
    private final String intake;
    private final TrackingStore.Processing processing;

    private List<CanonicalDocument> documents = List.of();
    private List<EdiReceipt> receipts = List.of();
    private RejectedException unreadable;
    private Spooled spooled;
    private List<Acknowledger.Registered> registered = List.of();
    private List<DeliveryOrder> acknowledgements = List.of();
    private String answerTo;
    private Held held;
    private final List<Routed> business = new ArrayList<>();
    private final List<DeliveryOrder> orders = new ArrayList<>();
    private final Map<String, byte[]> rendered = new ConcurrentHashMap<>();

    FileInProcess(
            String documentId,
            String fileName,
            String sha256,
            String archivePath,
            String batch,
            boolean reprocess,
            String intake,
            TrackingStore.Processing processing) {
        this.documentId = documentId;
        this.fileName = fileName;
        this.sha256 = sha256;
        this.archivePath = archivePath;
        this.batch = batch;
        this.reprocess = reprocess;
        this.intake = intake;
        this.processing = processing;
    }

    /** A large EDI file read into batch files beside its archived original: folder, files, messages, batch size. */
    record Spooled(Path folder, List<String> batches, int messages, int batchSize) {}

    /** A document the enrich stage refused; the rules of the documents before it are checked first. */
    record Held(CanonicalDocument document, RejectedException refusal) {}

    /**
     * A business document of the file and the agreement version it falls under, looked up once; after the dossier
     * stage, the document as filed (its shipment reference) and the completed dossier it delivers, if any.
     */
    record Routed(
            CanonicalDocument document,
            Agreement agreement,
            CanonicalDocument filed,
            List<DeliveryOrder> dossierOrders) {

        Routed(CanonicalDocument document, Agreement agreement) {
            this(document, agreement, document, List.of());
        }

        Routed filedAs(CanonicalDocument filedDocument, List<DeliveryOrder> dossierDeliveries) {
            return new Routed(document, agreement, filedDocument, List.copyOf(dossierDeliveries));
        }
    }

    String documentId() {
        return documentId;
    }

    String fileName() {
        return fileName;
    }

    String sha256() {
        return sha256;
    }

    String archivePath() {
        return archivePath;
    }

    /** The batch file this message carries (a part of a large file), or null for a received file. */
    String batch() {
        return batch;
    }

    /** An operator replays the file: an interchange seen before is no duplicate. */
    boolean reprocess() {
        return reprocess;
    }

    /**
     * The intake that received the file ({@code http:ID} or {@code sftp:ID} for a partner's own channel). The
     * partner is looked up by the stages that need it, where they need it: a partner removed since refuses the file
     * at that point, as before the stages were split.
     */
    String intake() {
        return intake;
    }

    /** What this run learned for the tracking store, written by the record stage or a rejection. */
    TrackingStore.Processing processing() {
        return processing;
    }

    List<CanonicalDocument> documents() {
        return documents;
    }

    void documents(List<CanonicalDocument> read) {
        this.documents = List.copyOf(read);
    }

    /** The EDI interchanges the parser met (also those of a file it refused), to register and acknowledge. */
    List<EdiReceipt> receipts() {
        return receipts;
    }

    void receipts(List<EdiReceipt> met) {
        this.receipts = List.copyOf(met);
    }

    /** Why the parser refused the file, held until its interchanges are acknowledged; null when it read it. */
    RejectedException unreadable() {
        return unreadable;
    }

    void unreadable(RejectedException refusal) {
        this.unreadable = refusal;
    }

    /** The batches of a large EDI file; null for a file read whole. */
    Spooled spooled() {
        return spooled;
    }

    void spooled(Spooled batches) {
        this.spooled = batches;
    }

    /** The file's interchanges as registered, to acknowledge again if a rule refuses a message of them. */
    List<Acknowledger.Registered> registered() {
        return registered;
    }

    void registered(List<Acknowledger.Registered> interchanges) {
        this.registered = List.copyOf(interchanges);
    }

    /** The acknowledgements of a received EDI file, delivered however the file ends. */
    List<DeliveryOrder> acknowledgements() {
        return acknowledgements;
    }

    void acknowledgements(List<DeliveryOrder> acks) {
        this.acknowledgements = List.copyOf(acks);
    }

    /**
     * The partner that sent a file under another party's interchange id; its acknowledgements go to that partner,
     * not to the party the envelope names, which sent nothing. Null otherwise.
     */
    String answerTo() {
        return answerTo;
    }

    void answerTo(String partnerId) {
        this.answerTo = partnerId;
    }

    Held held() {
        return held;
    }

    void hold(CanonicalDocument document, RejectedException refusal) {
        this.held = new Held(document, refusal);
    }

    /** The business documents with their agreements, in file order (acknowledgements received end earlier). */
    List<Routed> business() {
        return business;
    }

    /** The deliveries planned, in hand-off order. */
    List<DeliveryOrder> orders() {
        return orders;
    }

    /**
     * The bytes rendered so far, by document id and format: the split's parts share it, so a document two partners
     * receive in the same format is rendered once.
     */
    Map<String, byte[]> rendered() {
        return rendered;
    }
}
