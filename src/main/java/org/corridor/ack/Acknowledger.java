package org.corridor.ack;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.base.AckFormat;
import org.corridor.canonical.Acknowledgement;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.Source;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiFault;
import org.corridor.edi.EdiReceipt;
import org.corridor.edi.EdiSyntax;
import org.corridor.edi.EdifactCharsets;
import org.corridor.partner.DeliveryOrder;
import org.corridor.partner.PartnerRegistry;
import org.corridor.partner.RegisteredPartner;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.Problem;
import org.corridor.problem.VisibleText;
import org.corridor.track.ControlNumbers;
import org.corridor.track.Interchanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Every received EDI interchange is acknowledged to its sender: CONTRL for EDIFACT, 997 for X12 (999 for the senders
 * configured in {@code corridor.edi.x12-999-senders}). Also keeps the register of received interchanges, which finds
 * duplicates: a sender's control reference seen before for another file.
 */
@Component
public class Acknowledger {

    private final ControlNumbers controlNumbers;
    private final Interchanges interchanges;
    private final AgreementCatalog agreements;
    private final Clock clock;
    private final Set<String> x12With999;
    private static final Set<String> ACK_TYPES = Set.of("CONTRL", "997", "999");
    private final AckWriter writer;
    private final PartnerRegistry partners;
    private static final Logger LOG = LoggerFactory.getLogger(Acknowledger.class);

    public Acknowledger(
            ControlNumbers controlNumbers,
            Interchanges interchanges,
            AgreementCatalog agreements,
            PartnerRegistry partners,
            Clock clock,
            @Value("${corridor.edi.x12-999-senders:}") List<String> x12With999,
            @Value("${corridor.edi.interchange-id:CORRIDOR}") String interchangeId) {
        this.writer = new AckWriter(interchangeId);
        this.partners = partners;
        this.controlNumbers = controlNumbers;
        this.interchanges = interchanges;
        this.agreements = agreements;
        this.clock = clock;
        this.x12With999 = Set.copyOf(x12With999);
    }

    /** One received interchange, registered: the earlier receipt when it is a duplicate. */
    public record Registered(EdiReceipt receipt, Optional<Interchanges.Earlier> duplicateOf) {}

    /**
     * Registers each interchange of a file as received for {@code documentId}; with {@code reprocess} (an operator's
     * replay) a duplicate is let through. An envelope whose sender, recipient or control reference is longer than any
     * valid one (35 characters, as the register's columns) is not registered: it cannot repeat a valid interchange.
     */
    public List<Registered> register(String documentId, List<EdiReceipt> receipts, boolean reprocess) {
        List<Registered> registered = new ArrayList<>();
        for (EdiReceipt receipt : receipts) {
            EdiEnvelope e = receipt.interchange().envelope();
            Optional<Interchanges.Earlier> earlier = e.sender() == null
                            || e.controlRef() == null
                            || !registrable(e.sender())
                            || !registrable(e.receiver())
                            || !registrable(e.controlRef())
                    ? Optional.empty()
                    : interchanges.received(e.standard(), e.sender(), e.receiver(), e.controlRef(), documentId);
            registered.add(new Registered(receipt, reprocess ? Optional.empty() : earlier));
        }
        Optional<Registered> duplicate =
                registered.stream().filter(r -> r.duplicateOf().isPresent()).findFirst();
        if (duplicate.isEmpty()) {
            return registered;
        }
        // a duplicate refuses the whole file: the file's other interchanges are not processed either, so their
        // senders must not be told they were accepted
        EdiEnvelope d = duplicate.get().receipt().interchange().envelope();
        Problem refusal = new Problem(
                ErrorCode.EDI_DUPLICATE,
                new Location(null, null, null, EdiEnvelope.X12.equals(d.standard()) ? "ISA" : "UNB", null),
                "Interchange " + d.controlRef() + " from " + d.sender()
                        + " in the same file is a duplicate of one received before.");
        return registered.stream()
                .map(r -> r.duplicateOf().isEmpty() && r.receipt().accepted()
                        ? new Registered(
                                new EdiReceipt(
                                        r.receipt().interchange(), r.receipt().contentProblems(), List.of(refusal)),
                                r.duplicateOf())
                        : r)
                .toList();
    }

    private static boolean registrable(String value) {
        return value == null || value.length() <= 35;
    }

    /** The acknowledgements of a file's interchanges, as deliveries to their senders. */
    public List<DeliveryOrder> acknowledge(String fileDocumentId, String fileName, List<Registered> registered) {
        List<DeliveryOrder> orders = new ArrayList<>();
        int n = 0;
        for (Registered r : registered) {
            EdiEnvelope e = r.receipt().interchange().envelope();
            if (e.sender() == null || e.receiver() == null) {
                continue; // an envelope too broken to say whom to answer
            }
            if (isAcknowledgement(r.receipt())) {
                continue; // an acknowledgement is never acknowledged: that would never end
            }
            Optional<String> partner = partnerOf(e.senderQualifier(), e.sender());
            if (partner.isEmpty()) {
                LOG.warn(
                        "Interchange {} from {} is not acknowledged: no partner has that interchange id",
                        VisibleText.of(e.controlRef()),
                        VisibleText.of(e.sender()));
                continue;
            }
            boolean x12 = EdiEnvelope.X12.equals(e.standard());
            String ackType = x12 ? (x12With999.contains(e.sender()) ? "999" : "997") : "CONTRL";
            EdiSyntax syntax =
                    x12 ? AckWriter.x12Syntax(ackType) : EdiSyntax.edifact().withSyntax(syntaxId(e), syntaxVersion(e));
            LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            // numbered per the pair the acknowledgement is written between (the writer may answer as our own id when
            // the interchange named us with an id that cannot be written back)
            Optional<AckWriter.Ack> written = writer.write(
                    r.receipt(),
                    r.duplicateOf().map(Interchanges.Earlier::documentId).orElse(null),
                    ackType,
                    syntax,
                    parties -> String.valueOf(controlNumbers.next(
                            e.standard(), parties.sender(), parties.receiver(), ControlNumbers.Level.INTERCHANGE)),
                    now);
            if (written.isEmpty()) {
                LOG.warn(
                        "Interchange from {} is not acknowledged: its envelope is too broken to say which"
                                + " interchange an acknowledgement would answer",
                        VisibleText.of(e.sender()));
                continue;
            }
            AckWriter.Ack ack = written.get();
            n++;
            String ackId = fileDocumentId + "-ack" + (registered.size() > 1 ? "-" + n : "");
            CanonicalDocument document = CanonicalDocument.of(
                    ackId,
                    new Source(
                            e.standard(),
                            ack.ackType(),
                            switch (ack.ackType()) {
                                case "999" -> "005010X231A1";
                                case "997" -> "004010";
                                default -> syntax.syntaxVersion();
                            },
                            ack.from(),
                            e.sender(),
                            ack.controlRef(),
                            null,
                            fileName,
                            null),
                    org.corridor.canonical.DocumentKind.ACKNOWLEDGEMENT,
                    body(r, ack.ackType()));
            String extension = x12 ? "x12" : "edi";
            orders.add(new DeliveryOrder(
                    document,
                    partner.get(),
                    AckFormat.of(ack.ackType()),
                    ack.content(),
                    ackId + "." + ack.ackType().toLowerCase() + "." + extension));
        }
        return orders;
    }

    /** The acknowledgement in canonical form, as tracking and the sender's records show it. */
    private static Acknowledgement body(Registered r, String ackType) {
        EdiReceipt receipt = r.receipt();
        List<Acknowledgement.Error> errors = new ArrayList<>();
        for (EdiFault f : receipt.interchange().faults()) {
            errors.add(error(f, ackType));
        }
        receipt.interchange().messages().forEach(m -> m.faults().forEach(f -> errors.add(error(f, ackType))));
        receipt.contentProblems().values().forEach(list -> list.forEach(p -> errors.add(error(p))));
        receipt.refusedElsewhere()
                .forEach(p -> errors.add(new Acknowledgement.Error(
                        p.location().segment(),
                        p.location().position(),
                        p.location().field(),
                        null,
                        "the file this interchange came in was refused" + " as a whole: " + p.describe())));
        r.duplicateOf()
                .ifPresent(d -> errors.add(new Acknowledgement.Error(
                        EdiEnvelope.X12.equals(receipt.interchange().envelope().standard()) ? "ISA" : "UNB",
                        null,
                        null,
                        "CONTRL".equals(ackType) ? "26" : null,
                        "duplicate of interchange "
                                + receipt.interchange().envelope().controlRef() + " received at " + d.recordedAt())));
        String status = errors.isEmpty() ? "ACCEPTED" : "REJECTED";
        return new Acknowledgement(
                receipt.interchange().envelope().standard(),
                ackType,
                receipt.interchange().envelope().controlRef(),
                // a message whose header could not be read has no reference to name
                receipt.interchange().messages().stream()
                        .map(m -> m.messageRef())
                        .filter(Objects::nonNull)
                        .toList(),
                status,
                errors);
    }

    private static Acknowledgement.Error error(EdiFault f, String ackType) {
        String element = f.element() == null ? null : f.element() + (f.component() != null ? "." + f.component() : "");
        return new Acknowledgement.Error(
                f.segment(), f.position(), element, "CONTRL".equals(ackType) ? f.edifactCode() : f.x12Code(), f.text());
    }

    private static Acknowledgement.Error error(Problem p) {
        return new Acknowledgement.Error(
                p.location().segment(), p.location().position(), p.location().field(), null, p.message());
    }

    /**
     * The partner to answer: the registered partner with this interchange id, else the agreement party that carries
     * it as its EDI id. Nobody, for an id no partner has: there is no route to answer a stranger.
     */
    private Optional<String> partnerOf(String qualifier, String interchangeId) {
        return partners.byInterchangeId(qualifier, interchangeId)
                .map(RegisteredPartner::id)
                .or(() -> agreements
                        .partyWithEdiId(interchangeId)
                        .flatMap(partners::find)
                        .map(RegisteredPartner::id));
    }

    /**
     * An interchange that only acknowledges (CONTRL, 997, 999 messages, or an X12 TA1 without messages). A message
     * whose type could not be read is not one.
     */
    private static boolean isAcknowledgement(EdiReceipt receipt) {
        var messages = receipt.interchange().messages();
        if (messages.isEmpty()) {
            return receipt.interchange().interchangeAcknowledgement();
        }
        return messages.stream().allMatch(m -> m.messageType() != null && ACK_TYPES.contains(m.messageType()));
    }

    /** The sender's syntax identifier when Corridor writes it (UNOA, UNOB, UNOC, UNOD, UNOW), else UNOC. */
    private static String syntaxId(EdiEnvelope e) {
        String id = e.syntax() == null ? null : e.syntax().split(":")[0];
        return id != null && EdifactCharsets.supported(id) ? id : "UNOC";
    }

    /** The sender's syntax version (1 to 4), else 3. */
    private static String syntaxVersion(EdiEnvelope e) {
        String[] parts = e.syntax() == null ? new String[0] : e.syntax().split(":");
        return parts.length > 1 && parts[1].matches("[1-4]") ? parts[1] : "3";
    }
}
