package org.corridor.agreement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Incoterm;
import org.corridor.canonical.PartyId;

/**
 * A trade agreement as data: who the parties are, which commodities (with HS codes and quality limits) and ports it
 * covers, its quotas and permits, the documents one shipment needs, which partner receives which document kind in
 * which format, which fields may be published, and which roles may issue (and so send) each kind of document.
 * Loaded from YAML files; see sample-docs/agreements/ and docs/agreements.md. Several versions of one agreement may
 * exist; the one in force on a document's date applies.
 */
public record Agreement(
        String id,
        int version,
        String title,
        String type,
        LocalDate signedDate,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        List<AgreementParty> parties,
        List<Commodity> commodities,
        Ports ports,
        Incoterm incoterm,
        BigDecimal weightTolerancePct,
        List<Quota> quotas,
        List<Permit> permits,
        List<RequiredDocument> requiredDocuments,
        List<Distribution> distribution,
        Disclosure disclosure,
        Map<DocumentKind, List<String>> issuers) {

    public Agreement {
        parties = parties == null ? List.of() : List.copyOf(parties);
        issuers = issuers == null
                ? Map.of()
                : issuers.entrySet().stream()
                        .collect(Collectors.toUnmodifiableMap(
                                Map.Entry::getKey, e -> e.getValue() == null ? List.of() : List.copyOf(e.getValue())));
        commodities = commodities == null ? List.of() : List.copyOf(commodities);
        quotas = quotas == null ? List.of() : List.copyOf(quotas);
        permits = permits == null ? List.of() : List.copyOf(permits);
        requiredDocuments = requiredDocuments == null ? List.of() : List.copyOf(requiredDocuments);
        distribution = distribution == null ? List.of() : List.copyOf(distribution);
    }

    /** The same agreement without an {@code issuers} section: nobody may send its documents from outside. */
    public Agreement(
            String id,
            int version,
            String title,
            String type,
            LocalDate signedDate,
            LocalDate effectiveFrom,
            LocalDate effectiveTo,
            List<AgreementParty> parties,
            List<Commodity> commodities,
            Ports ports,
            Incoterm incoterm,
            BigDecimal weightTolerancePct,
            List<Quota> quotas,
            List<Permit> permits,
            List<RequiredDocument> requiredDocuments,
            List<Distribution> distribution,
            Disclosure disclosure) {
        this(
                id,
                version,
                title,
                type,
                signedDate,
                effectiveFrom,
                effectiveTo,
                parties,
                commodities,
                ports,
                incoterm,
                weightTolerancePct,
                quotas,
                permits,
                requiredDocuments,
                distribution,
                disclosure,
                null);
    }

    /** A party of the agreement with its roles and identifiers. */
    public record AgreementParty(String id, String name, String country, List<String> roles, List<PartyId> ids) {
        public AgreementParty {
            roles = roles == null ? List.of() : List.copyOf(roles);
            ids = ids == null ? List.of() : List.copyOf(ids);
        }
    }

    /**
     * A commodity the agreement covers, with the HS codes allowed on the export and import side (a declared code is
     * allowed when it starts with one of them), its quality limits per analyte, and for IMSBC Group A cargo shipped in
     * bulk the moisture rule (moisture below TML, measured at most {@code maxAgeDays} before loading), and how it is
     * priced and settled ({@code pricing}, absent when Corridor computes no invoice for it).
     */
    public record Commodity(
            String code,
            String description,
            List<String> hsExport,
            List<String> hsImport,
            List<QualityLimit> qualityLimits,
            MoistureRule moisture,
            PricingTerms pricing) {
        public Commodity {
            hsExport = hsExport == null ? List.of() : List.copyOf(hsExport);
            hsImport = hsImport == null ? List.of() : List.copyOf(hsImport);
            qualityLimits = qualityLimits == null ? List.of() : List.copyOf(qualityLimits);
        }

        public Commodity(
                String code,
                String description,
                List<String> hsExport,
                List<String> hsImport,
                List<QualityLimit> qualityLimits,
                MoistureRule moisture) {
            this(code, description, hsExport, hsImport, qualityLimits, moisture, null);
        }

        public Commodity(String code, String description, List<String> hsExport, List<String> hsImport) {
            this(code, description, hsExport, hsImport, List.of(), null, null);
        }
    }

    /**
     * Limits for one analyte of a commodity, in a canonical unit ({@code PCT}, {@code PPM}, {@code G_PER_T}) on a
     * basis ({@code DRY} or {@code AS_RECEIVED}; absent = any). {@code typical} is informative; above {@code penalty}
     * the buyer deducts a penalty (a warning); above {@code rejection} the lot may be refused (an error); below
     * {@code minimum} the grade is not met (an error). Any of the three may be absent.
     */
    public record QualityLimit(
            String analyte,
            String unit,
            String basis,
            BigDecimal typical,
            BigDecimal penalty,
            BigDecimal rejection,
            BigDecimal minimum) {}

    /** IMSBC Group A: moisture (H2O) below the transportable moisture limit (TML), measured recently enough. */
    public record MoistureRule(boolean bulk, int maxAgeDays) {}

    /**
     * Tonnes of a commodity that may be exported in a period (inclusive dates), counted once per accepted export
     * declaration on its lines' quantities.
     */
    public record Quota(String id, String commodity, LocalDate from, LocalDate to, BigDecimal tonnes) {}

    /**
     * An export permit: its number and issuer, the HS codes it covers (prefixes), its validity (inclusive) and, if
     * any, the tonnes it allows in total over all declarations it covers.
     */
    public record Permit(
            String number,
            String issuer,
            List<String> hsCodes,
            LocalDate validFrom,
            LocalDate validTo,
            BigDecimal tonnes) {
        public Permit {
            hsCodes = hsCodes == null ? List.of() : List.copyOf(hsCodes);
        }

        public boolean validOn(LocalDate date) {
            return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
        }

        public boolean coversHs(String hsCode) {
            return hsCode != null && hsCodes.stream().anyMatch(hsCode::startsWith);
        }
    }

    /**
     * One document a shipment's dossier needs: a kind, or a choice of kinds (any one of them will do). In YAML either
     * a kind ({@code PACKING_LIST}) or a list of kinds ({@code [SHIPPING_INSTRUCTION, BILL_OF_LADING]}).
     */
    public record RequiredDocument(List<DocumentKind> anyOf) {
        public RequiredDocument {
            anyOf = anyOf == null ? List.of() : List.copyOf(anyOf);
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static RequiredDocument of(Object value) {
            if (value instanceof List<?> kinds) {
                return new RequiredDocument(
                        kinds.stream().map(RequiredDocument::kind).toList());
            }
            return new RequiredDocument(List.of(kind(value)));
        }

        /** The kind a file names; an unknown name is refused in words, with the kinds that exist. */
        private static DocumentKind kind(Object name) {
            String written = String.valueOf(name).strip();
            return java.util.Arrays.stream(DocumentKind.values())
                    .filter(k -> k.name().equals(written))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("\"" + written + "\" is not a document kind;"
                            + " use one of " + java.util.Arrays.toString(DocumentKind.values())));
        }

        @JsonValue
        Object json() {
            return anyOf.size() == 1
                    ? anyOf.get(0).name()
                    : anyOf.stream().map(Enum::name).toList();
        }

        public boolean satisfiedBy(DocumentKind kind) {
            return anyOf.contains(kind);
        }
    }

    /**
     * What may be published about the shipments under this agreement (the transparency report): for each document
     * kind, the canonical fields (JSON paths such as {@code body.lines[].hsCode}) that are public as they are, those
     * published only summed over a cell (such as declared values: {@code aggregateOnly}); everything else is never
     * published. No published figure may stand for fewer than {@code minimumShipments} shipments (3 when not set).
     */
    public record Disclosure(
            Map<DocumentKind, List<String>> publicFields,
            String note,
            Map<DocumentKind, List<String>> aggregateOnly,
            Integer minimumShipments) {

        /** The smallest number of shipments a published cell may stand for, when the agreement says none. */
        public static final int DEFAULT_MINIMUM_SHIPMENTS = 3;

        public Disclosure {
            publicFields = publicFields == null ? Map.of() : Map.copyOf(publicFields);
            aggregateOnly = aggregateOnly == null ? Map.of() : Map.copyOf(aggregateOnly);
        }

        public Disclosure(Map<DocumentKind, List<String>> publicFields, String note) {
            this(publicFields, note, null, null);
        }

        /** The smallest number of shipments a published cell may stand for. */
        public int minimum() {
            return minimumShipments == null ? DEFAULT_MINIMUM_SHIPMENTS : minimumShipments;
        }

        /** Whether this field of this kind may be published, as it is or summed. */
        public boolean publishable(DocumentKind kind, String field) {
            return publicFields.getOrDefault(kind, List.of()).contains(field)
                    || aggregateOnly.getOrDefault(kind, List.of()).contains(field);
        }
    }

    /** Allowed UN/LOCODEs by role. */
    public record Ports(List<String> loading, List<String> discharge, List<String> delivery) {}

    /** One recipient of one document kind, in the format it expects. */
    public record Distribution(DocumentKind kind, String partner, OutputFormat format) {}

    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }

    public boolean covers(String commodity) {
        return commodities.stream().anyMatch(c -> c.code().equals(commodity));
    }

    public Optional<Commodity> commodity(String code) {
        return commodities.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** The commodity whose export (or import) HS codes include this code, by prefix. */
    public Optional<Commodity> commodityOfHs(String hsCode) {
        if (hsCode == null) {
            return Optional.empty();
        }
        return commodities.stream()
                .filter(c -> c.hsExport().stream().anyMatch(hsCode::startsWith)
                        || c.hsImport().stream().anyMatch(h -> hsCode.startsWith(h) || h.startsWith(hsCode)))
                .findFirst();
    }

    /** The weight tolerance between documents of one shipment, in per cent (0.5 when the agreement names none). */
    public BigDecimal weightTolerance() {
        return weightTolerancePct != null ? weightTolerancePct : new BigDecimal("0.5");
    }

    /**
     * The roles that may issue documents of this kind, and so send them to the gateway from outside ({@code issuers}
     * in the file); none when the agreement names none, and then no partner may send that kind.
     */
    public List<String> issuersOf(DocumentKind kind) {
        return issuers.getOrDefault(kind, List.of());
    }

    /** The agreement's party with this id (case-insensitive), whose roles it lists. */
    public Optional<AgreementParty> party(String partyId) {
        return partyId == null
                ? Optional.empty()
                : parties.stream()
                        .filter(p -> p.id().equalsIgnoreCase(partyId.strip()))
                        .findFirst();
    }

    /** The party known by this id, EDI interchange id, other identifier or name (case-insensitive). */
    public Optional<AgreementParty> findParty(String key) {
        String k = key.trim();
        return parties.stream()
                .filter(p -> p.id().equalsIgnoreCase(k)
                        || p.name().equalsIgnoreCase(k)
                        || p.ids().stream().anyMatch(i -> i.value().equalsIgnoreCase(k)))
                .findFirst();
    }

    public List<Distribution> recipientsOf(DocumentKind kind) {
        return distribution.stream().filter(d -> d.kind() == kind).toList();
    }
}
