package org.corridor.enrich;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.corridor.agreement.Agreement;
import org.corridor.agreement.AgreementCatalog;
import org.corridor.canonical.AssayCertificate;
import org.corridor.canonical.AssayResult;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.CustomsResponse;
import org.corridor.canonical.DocumentBody;
import org.corridor.canonical.Enrichment;
import org.corridor.canonical.Incoterm;
import org.corridor.canonical.Invoice;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.ReferenceData;
import org.corridor.canonical.ShippingDocument;
import org.corridor.canonical.TransportEvent;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;

/**
 * Attaches the agreement a document falls under (the version in force on the document's own date), resolves the
 * parties it names to the agreement's parties (name, country and every identifier), so partners receive the same party
 * data whatever the sender wrote, and records in the envelope's {@code enrichment} what it learned: commodity, which
 * agreement party each named party is, and the names of the HS codes and places the document carries.
 */
public final class Enricher {

    private final AgreementCatalog agreements;
    private final Clock clock;
    private final ReferenceData reference;

    public Enricher(AgreementCatalog agreements, Clock clock, ReferenceData reference) {
        this.agreements = agreements;
        this.clock = clock;
        this.reference = reference;
    }

    public CanonicalDocument enrich(CanonicalDocument document) {
        DocumentBody body = document.body();
        LocalDate date = documentDate(body).orElse(LocalDate.now(clock));
        Agreement agreement = choose(document, date);
        Map<String, Party> named = namedParties(body);
        List<Enrichment.ResolvedParty> resolved = new ArrayList<>();
        Map<String, Party> completed = new LinkedHashMap<>();
        named.forEach((role, party) -> resolve(agreement, party)
                .ifPresentOrElse(
                        p -> {
                            completed.put(role, complete(party, p));
                            resolved.add(new Enrichment.ResolvedParty(role, p.id(), p.name()));
                        },
                        () -> completed.put(role, party)));
        DocumentBody enrichedBody = withParties(body, completed);
        Enrichment details =
                new Enrichment(commodity(body, agreement).orElse(null), resolved, hsCodes(body), places(body));
        CanonicalDocument enriched = document.withAgreement(agreement.id(), enrichedBody);
        return isEmpty(details) ? enriched : enriched.withEnrichment(details);
    }

    /**
     * The version of its agreement an enriched document falls under: the one in force on the document's own date
     * (today for a document without one), as enrichment chose it.
     */
    public Agreement agreementOf(CanonicalDocument enriched) {
        LocalDate date = documentDate(enriched.body()).orElse(LocalDate.now(clock));
        return agreements
                .find(enriched.agreementRef(), date)
                .orElseThrow(() -> new IllegalStateException("agreement " + enriched.agreementRef() + " in force on "
                        + date + " vanished after enrichment"));
    }

    /**
     * The date that decides which version of which agreement applies: the date the document itself carries, so
     * converting the same file gives the same answer on any day; only a document without one falls back to today.
     */
    static Optional<LocalDate> documentDate(DocumentBody body) {
        LocalDate date = null;
        if (body instanceof CustomsDeclaration d) {
            date = d.declarationDate();
        } else if (body instanceof ShippingDocument s) {
            date = s.shippedOnBoardDate();
        } else if (body instanceof Invoice i) {
            date = i.issueDate();
        } else if (body instanceof TransportEvent e && e.eventTime() != null) {
            date = e.eventTime().toLocalDate();
        } else if (body instanceof CustomsResponse r) {
            date = r.statusDate();
        } else if (body instanceof AssayCertificate a) {
            date = a.issueDate() != null
                    ? a.issueDate()
                    : a.results().stream()
                            .map(AssayResult::analysisDate)
                            .filter(Objects::nonNull)
                            .max(LocalDate::compareTo)
                            .orElse(null);
        }
        return Optional.ofNullable(date);
    }

    /**
     * Among the agreements in force on the date, those covering the document's commodity; of several, the one that
     * names most of the document's parties (and its sender); a tie is refused, as nobody can tell which applies.
     */
    private Agreement choose(CanonicalDocument document, LocalDate date) {
        DocumentBody body = document.body();
        List<Agreement> covering =
                agreements.inForceOn(date).stream().filter(a -> covers(a, body)).toList();
        if (covering.isEmpty()) {
            throw noAgreement(document, date);
        }
        if (covering.size() == 1) {
            return covering.get(0);
        }
        Map<Agreement, Long> known = new LinkedHashMap<>();
        for (Agreement a : covering) {
            known.put(a, knownParties(a, document));
        }
        long best = known.values().stream().max(Long::compare).orElse(0L);
        List<Agreement> chosen =
                covering.stream().filter(a -> known.get(a) == best).toList();
        if (best > 0 && chosen.size() == 1) {
            return chosen.get(0);
        }
        String ids = chosen.stream()
                .map(Agreement::id)
                .sorted()
                .reduce((x, y) -> x + ", " + y)
                .orElse("");
        throw new RejectedException(
                ErrorCode.NO_AGREEMENT,
                Location.NONE,
                "Several agreements (" + ids
                        + ") are in force on " + date + " for this " + describe(document)
                        + (best == 0
                                ? ", and it names no party of any of them, so nothing tells which one it falls under."
                                : ", and it names parties of each of them, so nothing tells which one it falls under."));
    }

    private boolean covers(Agreement agreement, DocumentBody body) {
        if (body instanceof AssayCertificate certificate && certificate.commodity() != null) {
            return agreement.covers(certificate.commodity());
        }
        List<String> hs = hsCodeList(body);
        return hs.isEmpty()
                || hs.stream().anyMatch(code -> agreement.commodityOfHs(code).isPresent());
    }

    private long knownParties(Agreement agreement, CanonicalDocument document) {
        long parties = namedParties(document.body()).values().stream()
                .filter(p -> resolve(agreement, p).isPresent())
                .count();
        String sender = document.source() == null ? null : document.source().sender();
        boolean senderKnown = sender != null
                && agreement.parties().stream()
                        .anyMatch(p -> p.ids().stream()
                                .anyMatch(i ->
                                        "EDI".equals(i.scheme()) && i.value().equalsIgnoreCase(sender.strip())));
        return parties + (senderKnown ? 1 : 0);
    }

    private RejectedException noAgreement(CanonicalDocument document, LocalDate date) {
        DocumentBody body = document.body();
        if (body instanceof AssayCertificate certificate && certificate.commodity() != null) {
            return new RejectedException(
                    ErrorCode.NO_AGREEMENT,
                    new Location(null, null, "commodity", null, null),
                    "No agreement in force on " + date + " covers the commodity " + certificate.commodity()
                            + " of certificate " + certificate.certificateNo() + ".");
        }
        List<String> hs = hsCodeList(body);
        if (!hs.isEmpty()) {
            return new RejectedException(
                    ErrorCode.NO_AGREEMENT,
                    new Location(null, null, hsField(body), null, null),
                    "No agreement in force on " + date + " covers the HS code" + (hs.size() > 1 ? "s " : " ")
                            + String.join(", ", hs) + " of " + describe(document) + ".");
        }
        return new RejectedException(
                ErrorCode.NO_AGREEMENT,
                Location.NONE,
                "No agreement is in force on " + date + " for this " + describe(document) + ".");
    }

    /** The document in a clerk's words: its kind and, when it has one, its number. */
    private static String describe(CanonicalDocument document) {
        String kind = document.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        DocumentBody body = document.body();
        String number = null;
        if (body instanceof CustomsDeclaration d) {
            number = d.declarationNo();
        } else if (body instanceof ShippingDocument s) {
            number = s.blNo() != null ? s.blNo() : s.documentNo();
        } else if (body instanceof Invoice i) {
            number = i.invoiceNo();
        } else if (body instanceof AssayCertificate a) {
            number = a.certificateNo();
        } else if (body instanceof CustomsResponse r) {
            number = r.declarationNo();
        }
        return number == null ? kind : kind + " " + number;
    }

    /** The parties the body names, by their field name; absent ones are left out. */
    static Map<String, Party> namedParties(DocumentBody body) {
        Map<String, Party> named = new LinkedHashMap<>();
        if (body instanceof CustomsDeclaration d) {
            named.put("exporter", d.exporter());
            named.put("consignee", d.consignee());
            named.put("declarant", d.declarant());
        } else if (body instanceof ShippingDocument s) {
            named.put("shipper", s.shipper());
            named.put("consignee", s.consignee());
            named.put("notify", s.notifyParty());
            named.put("carrier", s.carrier());
        } else if (body instanceof Invoice i) {
            named.put("seller", i.seller());
            named.put("buyer", i.buyer());
        } else if (body instanceof AssayCertificate a) {
            named.put("lab", a.lab());
        }
        named.values().removeIf(Objects::isNull);
        return named;
    }

    /**
     * The agreement party a written party is: by any identifier it carries (same scheme, e.g. NTN, EIN, STRN, EDI),
     * else by its name, which senders also fill with an identifier (a lab written as {@code KHILAB}).
     */
    static Optional<Agreement.AgreementParty> resolve(Agreement agreement, Party party) {
        for (PartyId id : party.ids()) {
            if (id == null || id.value() == null) {
                continue;
            }
            Optional<Agreement.AgreementParty> byId = agreement.parties().stream()
                    .filter(p -> p.ids().stream()
                            .anyMatch(i -> i.value().equalsIgnoreCase(id.value().strip())
                                    && (id.scheme() == null || i.scheme().equalsIgnoreCase(id.scheme()))))
                    .findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        return party.name() == null || party.name().isBlank() ? Optional.empty() : agreement.findParty(party.name());
    }

    /**
     * The agreement's name and country, and every identifier of both: the agreement's in its order, then any other
     * the sender wrote. So partners receive the same party, written the same way, whoever sent the document.
     */
    private static Party complete(Party written, Agreement.AgreementParty known) {
        Set<PartyId> ids = new LinkedHashSet<>(known.ids());
        written.ids().stream()
                .filter(i -> i != null && i.scheme() != null && i.value() != null)
                .filter(i -> known.ids().stream()
                        .noneMatch(k -> k.value().equalsIgnoreCase(i.value())
                                && k.scheme().equalsIgnoreCase(i.scheme())))
                .forEach(ids::add);
        return new Party(known.name(), known.country() != null ? known.country() : written.country(), List.copyOf(ids));
    }

    private static DocumentBody withParties(DocumentBody body, Map<String, Party> p) {
        if (p.isEmpty()) {
            return body;
        }
        if (body instanceof CustomsDeclaration d) {
            return new CustomsDeclaration(
                    d.jurisdiction(),
                    d.direction(),
                    d.procedure(),
                    d.declarationNo(),
                    d.declarationDate(),
                    p.get("exporter"),
                    p.get("consignee"),
                    p.get("declarant"),
                    d.portOfLoading(),
                    d.portOfDischarge(),
                    d.destinationCountry(),
                    d.incoterm(),
                    d.currency(),
                    d.invoiceNo(),
                    d.totalValue(),
                    d.financialInstrument(),
                    d.lines(),
                    d.containers());
        }
        if (body instanceof ShippingDocument s) {
            return new ShippingDocument(
                    s.documentNo(),
                    s.bookingNo(),
                    s.blNo(),
                    p.get("shipper"),
                    p.get("consignee"),
                    p.get("notify"),
                    p.get("carrier"),
                    s.vessel(),
                    s.portOfLoading(),
                    s.portOfDischarge(),
                    s.placeOfDelivery(),
                    s.shippedOnBoardDate(),
                    s.freightTerms(),
                    s.goods(),
                    s.equipment());
        }
        if (body instanceof Invoice i) {
            return new Invoice(
                    i.invoiceNo(),
                    i.invoiceType(),
                    i.issueDate(),
                    p.get("seller"),
                    p.get("buyer"),
                    i.contractRef(),
                    i.currency(),
                    i.incoterm(),
                    i.lines(),
                    i.totalAmount());
        }
        if (body instanceof AssayCertificate a) {
            return a.withLab(p.get("lab"));
        }
        return body;
    }

    private Optional<String> commodity(DocumentBody body, Agreement agreement) {
        if (body instanceof AssayCertificate certificate && certificate.commodity() != null) {
            return Optional.of(certificate.commodity());
        }
        return hsCodeList(body).stream()
                .map(agreement::commodityOfHs)
                .flatMap(Optional::stream)
                .map(Agreement.Commodity::code)
                .findFirst();
    }

    /** The HS codes the body carries, each once, in the order they appear. */
    static List<String> hsCodeList(DocumentBody body) {
        Stream<String> codes = Stream.empty();
        if (body instanceof CustomsDeclaration d) {
            codes = d.lines().stream().map(CustomsDeclaration.Line::hsCode);
        } else if (body instanceof ShippingDocument s) {
            codes = s.goods().stream().map(ShippingDocument.Goods::hsCode);
        } else if (body instanceof Invoice i) {
            codes = i.lines().stream().map(Invoice.Line::hsCode);
        }
        return codes.filter(Objects::nonNull)
                .map(String::strip)
                .filter(c -> !c.isEmpty())
                .distinct()
                .toList();
    }

    private static String hsField(DocumentBody body) {
        return body instanceof ShippingDocument ? "goods[].hsCode" : "lines[].hsCode";
    }

    private List<Enrichment.HsCode> hsCodes(DocumentBody body) {
        return hsCodeList(body).stream()
                .map(code -> new Enrichment.HsCode(
                        code, reference.hsDescription(code).orElse(null)))
                .toList();
    }

    /** The UN/LOCODEs the body carries that the place table knows, each once, in the order they appear. */
    private List<Enrichment.Place> places(DocumentBody body) {
        Stream<String> locodes = Stream.empty();
        if (body instanceof CustomsDeclaration d) {
            locodes = Stream.of(d.portOfLoading(), d.portOfDischarge(), place(d.incoterm()));
        } else if (body instanceof ShippingDocument s) {
            locodes = Stream.of(s.portOfLoading(), s.portOfDischarge(), s.placeOfDelivery());
        } else if (body instanceof Invoice i) {
            locodes = Stream.of(place(i.incoterm()));
        } else if (body instanceof TransportEvent e) {
            locodes = Stream.of(e.location());
        }
        return locodes.filter(Objects::nonNull)
                .distinct()
                .map(reference::place)
                .flatMap(Optional::stream)
                .map(p -> new Enrichment.Place(p.locode(), p.name(), p.country()))
                .toList();
    }

    private static String place(Incoterm incoterm) {
        return incoterm == null ? null : incoterm.place();
    }

    private static boolean isEmpty(Enrichment e) {
        return e.commodity() == null
                && e.parties().isEmpty()
                && e.hsCodes().isEmpty()
                && e.places().isEmpty();
    }
}
