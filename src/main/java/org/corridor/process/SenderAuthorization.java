package org.corridor.process;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Enrichment;
import org.corridor.edi.EdiEnvelope;
import org.corridor.partner.PartnerProfile;
import org.corridor.partner.PartnerRegistry;
import org.corridor.partner.RegisteredPartner;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.Problem;
import org.corridor.problem.RejectedException;
import org.springframework.stereotype.Component;

/**
 * What a partner may send: only documents it issues itself, under its own name. A partner sends a document kind only
 * when one of its roles (its partner file's and its agreement party's) is among those the agreement lets issue that
 * kind ({@code issuers}), and the partner file does not narrow it ({@code issues}); an EDI interchange only under one
 * of its own interchange ids (its partner file's, with their qualifiers, or its agreement party's EDI id); and a
 * document that names its issuer (the lab of a certificate, the declarant, the carrier, the shipper, the seller) only
 * when enrichment finds that issuer to be the partner itself. One check for every intake that has a partner:
 * {@code POST /api/inbound} answers 403 with it before anything is archived, processing rejects what came from a
 * partner's SFTP folder (or slipped past the HTTP preview) with {@link ErrorCode#NOT_AUTHORIZED_SENDER}. Staff intake
 * (folders, the JMS queue) is trusted as before.
 */
@Component
public class SenderAuthorization {

    /** The field of each kind's body that names the party issuing it, as enrichment records it. */
    static final Map<DocumentKind, String> ISSUER_FIELD = Map.of(
            DocumentKind.ASSAY_CERTIFICATE, "lab",
            DocumentKind.CUSTOMS_DECLARATION, "declarant",
            DocumentKind.BILL_OF_LADING, "carrier",
            DocumentKind.SHIPPING_INSTRUCTION, "shipper",
            DocumentKind.INVOICE, "seller");

    /** Intakes through which a partner sends (and which name it): {@code http:<ID>}, {@code sftp:<ID>}, {@code as2:<ID>}. */
    private static final List<String> PARTNER_INTAKES = List.of("http:", "sftp:", "as2:");

    private final PartnerRegistry partners;
    private final AgreementCatalog agreements;
    private final DocumentPipeline pipeline;

    SenderAuthorization(PartnerRegistry partners, AgreementCatalog agreements, DocumentPipeline pipeline) {
        this.partners = partners;
        this.agreements = agreements;
        this.pipeline = pipeline;
    }

    /**
     * The partner a document's intake names ({@code http:<ID>}, {@code sftp:<ID>}); none for staff intake. A partner
     * no longer registered (its file removed before a replay) may send nothing: refused.
     */
    public Optional<RegisteredPartner> partnerOf(String intake) {
        if (intake == null) {
            return Optional.empty();
        }
        for (String prefix : PARTNER_INTAKES) {
            if (intake.startsWith(prefix)) {
                String id = intake.substring(prefix.length());
                return Optional.of(
                        partners.find(id)
                                .orElseThrow(
                                        () -> new RejectedException(
                                                ErrorCode.NOT_AUTHORIZED_SENDER,
                                                Location.NONE,
                                                "This file came from partner " + id
                                                        + ", which is not registered (any more): only registered partners may send documents.")));
            }
        }
        return Optional.empty();
    }

    /**
     * Why the partner may not send an uploaded file that claims these envelopes and kinds before it is parsed (the
     * intake's preview of it): each EDI interchange's sender, each document kind under any agreement the partner could
     * send it under. What a preview cannot tell (the issuer a document names) processing checks.
     */
    public Optional<Problem> refusalOfUpload(
            RegisteredPartner partner, List<EdiEnvelope> envelopes, Collection<DocumentKind> kinds) {
        for (EdiEnvelope envelope : envelopes) {
            Optional<Problem> refusal = refusalOfEnvelope(partner, envelope);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        for (DocumentKind kind : kinds) {
            Optional<Problem> refusal = refusalOfKind(partner, kind, agreements.allVersions());
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /** Why the partner may not send this interchange: its sender is not one of the partner's interchange ids. */
    public Optional<Problem> refusalOfEnvelope(RegisteredPartner partner, EdiEnvelope envelope) {
        if (envelope.sender() == null || isOwnInterchangeId(partner, envelope.senderQualifier(), envelope.sender())) {
            return Optional.empty(); // an envelope without a sender is refused by its syntax check
        }
        boolean x12 = EdiEnvelope.X12.equals(envelope.standard());
        List<String> own = ownInterchangeIds(partner);
        return Optional.of(new Problem(
                ErrorCode.NOT_AUTHORIZED_SENDER,
                new Location(null, null, x12 ? "ISA06" : "S002", x12 ? "ISA" : "UNB", null),
                "Interchange " + envelope.controlRef() + " names " + envelope.sender()
                        + (envelope.senderQualifier() == null ? "" : " (qualifier " + envelope.senderQualifier() + ")")
                        + " as its sender, but it was sent by partner " + partner.id() + ", whose interchange ids are "
                        + (own.isEmpty() ? "none" : String.join(", ", own)) + ". A partner may send interchanges"
                        + " only under its own interchange ids."));
    }

    /**
     * Why the partner may not send this document, parsed and in the agreement it falls under: a kind its roles do not
     * issue, or an issuer that is another party. Acknowledgements are judged where they are matched to what was sent.
     */
    public Optional<Problem> refusalOfDocument(RegisteredPartner partner, CanonicalDocument document) {
        if (document.kind() == DocumentKind.ACKNOWLEDGEMENT) {
            return Optional.empty();
        }
        CanonicalDocument enriched = pipeline.enricher().enrich(document);
        Agreement agreement = pipeline.agreementOf(enriched);
        Optional<Problem> refusal = refusalOfKind(partner, document.kind(), List.of(agreement));
        if (refusal.isPresent()) {
            return refusal;
        }
        String field = ISSUER_FIELD.get(document.kind());
        Enrichment details = enriched.enrichment();
        if (field == null || details == null) {
            return Optional.empty();
        }
        return details.parties().stream()
                .filter(p -> p.role().equals(field) && !p.partyId().equalsIgnoreCase(partner.id()))
                .findFirst()
                .map(p -> new Problem(
                        ErrorCode.NOT_AUTHORIZED_SENDER,
                        new Location(null, null, "body." + field, null, null),
                        "This " + words(document.kind()) + " names " + p.partyId()
                                + (p.name() == null ? "" : " (" + p.name() + ")") + " as its " + field
                                + ", but it was sent"
                                + " by partner " + partner.id() + ". A partner may send only the documents it issued"
                                + " itself."));
    }

    /**
     * Why the partner may not send this kind under any of these agreements: none lets one of its roles issue it, or
     * its partner file leaves it out.
     */
    Optional<Problem> refusalOfKind(RegisteredPartner partner, DocumentKind kind, Collection<Agreement> candidates) {
        if (kind == DocumentKind.ACKNOWLEDGEMENT) {
            return Optional.empty();
        }
        List<String> narrowed = partner.profile().issues();
        if (!narrowed.isEmpty() && !narrowed.contains(kind.name())) {
            return Optional.of(refusal(partner.id() + " may not send " + words(kind) + " documents: its partner file"
                    + " lets it send only " + String.join(", ", narrowed) + "."));
        }
        Set<String> issuers = new LinkedHashSet<>();
        Set<String> roles = new LinkedHashSet<>(partner.profile().roles());
        List<String> considered = new ArrayList<>();
        for (Agreement agreement : candidates) {
            Set<String> mine = rolesOf(partner, agreement);
            if (agreement.issuersOf(kind).stream().anyMatch(mine::contains)) {
                return Optional.empty();
            }
            issuers.addAll(agreement.issuersOf(kind));
            roles.addAll(mine);
            if (!considered.contains(agreement.id())) {
                considered.add(agreement.id());
            }
        }
        String who = issuers.isEmpty()
                ? "no role may send them from outside"
                : "only " + String.join(" or ", issuers) + " may issue them";
        return Optional.of(refusal(partner.id() + " may not send " + words(kind) + " documents: under agreement "
                + (considered.isEmpty() ? "(none)" : String.join(", ", considered)) + " " + who + ", and "
                + partner.id() + " is " + (roles.isEmpty() ? "no party with a role" : String.join(", ", roles))
                + "."));
    }

    /** The partner's roles under an agreement: its partner file's and those of its party in the agreement. */
    private static Set<String> rolesOf(RegisteredPartner partner, Agreement agreement) {
        Set<String> roles = new LinkedHashSet<>(partner.profile().roles());
        agreement.party(partner.id()).ifPresent(p -> roles.addAll(p.roles()));
        return roles;
    }

    private boolean isOwnInterchangeId(RegisteredPartner partner, String qualifier, String id) {
        String sender = id.strip();
        for (PartnerProfile.InterchangeId own : partner.profile().interchangeIds()) {
            if (own.id().strip().equals(sender) && sameQualifier(qualifier, own.qualifier())) {
                return true;
            }
        }
        // the EDI id of the partner's party in an agreement: agreements name ids without qualifiers
        return agreements.allVersions().stream()
                .flatMap(a -> a.party(partner.id()).stream())
                .flatMap(p -> p.ids().stream())
                .anyMatch(i -> "EDI".equals(i.scheme()) && i.value().strip().equalsIgnoreCase(sender));
    }

    private List<String> ownInterchangeIds(RegisteredPartner partner) {
        Set<String> own = new LinkedHashSet<>();
        partner.profile().interchangeIds().forEach(i -> own.add(i.qualifier() + ":" + i.id()));
        agreements.allVersions().stream()
                .flatMap(a -> a.party(partner.id()).stream())
                .flatMap(p -> p.ids().stream())
                .filter(i -> "EDI".equals(i.scheme()))
                .forEach(i -> own.add(i.value()));
        return List.copyOf(own);
    }

    /**
     * An envelope without a qualifier (optional in EDIFACT) matches any; otherwise the same code, where ZZ (X12) and
     * ZZZ (EDIFACT) both mean "mutually defined" and so name the same id.
     */
    private static boolean sameQualifier(String written, String own) {
        if (written == null || written.isBlank()) {
            return true;
        }
        return mutual(written.strip()).equalsIgnoreCase(mutual(own.strip()));
    }

    private static String mutual(String qualifier) {
        return "ZZZ".equalsIgnoreCase(qualifier) ? "ZZ" : qualifier;
    }

    private static Problem refusal(String message) {
        return new Problem(ErrorCode.NOT_AUTHORIZED_SENDER, Location.NONE, message);
    }

    private static String words(DocumentKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
