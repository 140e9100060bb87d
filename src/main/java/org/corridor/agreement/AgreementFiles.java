package org.corridor.agreement;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.ReferenceData;

/** Reads and checks agreement YAML files; a bad file is refused with a reason that names the file and the fault. */
public final class AgreementFiles {

    /** The canonical units quality limits are written in. */
    static final List<String> LIMIT_UNITS = List.of("PCT", "PPM", "G_PER_T");
    /** The bases an assay value (and so a limit) is given on. */
    static final List<String> BASES = List.of("DRY", "AS_RECEIVED");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final ReferenceData reference;

    /** Reads agreement files, checking analytes and ports against {@code reference}. */
    public AgreementFiles(ReferenceData reference) {
        this.reference = reference;
    }

    /** Every {@code *.yaml}/{@code *.yml} file in the folder, sorted by name; a missing folder holds none. */
    public static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InvalidAgreementException("cannot list agreements in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Every agreement file in the folder, read and checked; the first bad one is refused with its reason. */
    public List<Agreement> readAll(Path folder) {
        return list(folder).stream().map(this::read).toList();
    }

    public Agreement read(Path file) {
        Agreement agreement;
        try {
            agreement = YAML.readValue(file.toFile(), Agreement.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidAgreementException(
                    file.getFileName() + ": unknown field \"" + e.getPropertyName() + "\" at line "
                            + lineOf(file, e.getPropertyName(), e.getLocation().getLineNr()),
                    e);
        } catch (JsonMappingException e) {
            if (!isValueProblem(e)) {
                throw unreadable(file, e);
            }
            throw new InvalidAgreementException(
                    file.getFileName() + ": " + path(e) + " at line "
                            + e.getLocation().getLineNr() + ": " + valueProblem(e),
                    e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (agreement == null) {
            throw new InvalidAgreementException(file.getFileName() + ": the file holds no agreement");
        }
        List<String> faults = check(agreement);
        if (!faults.isEmpty()) {
            throw new InvalidAgreementException(file.getFileName() + ": " + String.join("; ", faults));
        }
        return agreement;
    }

    List<String> check(Agreement a) {
        List<String> faults = new ArrayList<>();
        if (a.id() == null || a.id().isBlank()) {
            faults.add("\"id\" is missing");
        }
        if (a.version() < 1) {
            faults.add("\"version\" must be 1 or more");
        }
        if (a.effectiveFrom() == null) {
            faults.add("\"effectiveFrom\" is missing");
        }
        if (a.effectiveTo() != null
                && a.effectiveFrom() != null
                && a.effectiveTo().isBefore(a.effectiveFrom())) {
            faults.add("\"effectiveTo\" is before \"effectiveFrom\"");
        }
        Set<String> partyIds = new HashSet<>();
        for (Agreement.AgreementParty p : a.parties()) {
            if (p.id() == null || p.name() == null) {
                faults.add("every party needs an \"id\" and a \"name\"");
            } else if (!partyIds.add(p.id())) {
                faults.add("party \"" + p.id() + "\" is listed twice");
            }
            if (p.ids().stream().anyMatch(i -> i == null || i.scheme() == null || i.value() == null)) {
                faults.add("every identifier of party \"" + p.id() + "\" needs a \"scheme\" and a \"value\"");
            }
        }
        for (Agreement.Distribution d : a.distribution()) {
            if (d.kind() == null || d.partner() == null || d.format() == null) {
                faults.add("every distribution entry needs \"kind\", \"partner\" and \"format\"");
            } else if (!partyIds.contains(d.partner())) {
                faults.add("distribution names partner \"" + d.partner() + "\", which is not a party");
            } else if (d.format().isPerShipment() && d.kind() != DocumentKind.SHIPMENT_DOSSIER) {
                faults.add("distribution sends " + d.kind() + " to \"" + d.partner() + "\" as " + d.format()
                        + ", which is written from a whole shipment: name it for SHIPMENT_DOSSIER");
            }
        }
        checkCommodities(a, faults);
        checkQuotas(a, faults);
        checkPermits(a, faults);
        checkPorts(a, faults);
        checkDisclosure(a, faults);
        checkIssuers(a, faults);
        if (a.weightTolerancePct() != null && a.weightTolerancePct().signum() < 0) {
            faults.add("\"weightTolerancePct\" " + a.weightTolerancePct().toPlainString() + " is below 0");
        }
        return faults;
    }

    private void checkCommodities(Agreement a, List<String> faults) {
        Set<String> codes = new HashSet<>();
        for (Agreement.Commodity c : a.commodities()) {
            if (c.code() == null || c.code().isBlank()) {
                faults.add("every commodity needs a \"code\"");
                continue;
            }
            if (!codes.add(c.code())) {
                faults.add("commodity \"" + c.code() + "\" is listed twice");
            }
            for (String hs : concat(c.hsExport(), c.hsImport())) {
                if (!isHsCode(hs)) {
                    faults.add("commodity " + c.code() + ": HS code \"" + hs + "\" is not 2 to 10 digits");
                }
            }
            if (c.moisture() != null && c.moisture().maxAgeDays() < 0) {
                faults.add("commodity " + c.code() + ": \"moisture.maxAgeDays\" "
                        + c.moisture().maxAgeDays() + " is below 0");
            }
            Set<String> analytes = new HashSet<>();
            for (Agreement.QualityLimit q : c.qualityLimits()) {
                checkQualityLimit(c.code(), q, analytes, faults);
            }
            if (c.pricing() != null) {
                checkPricing("commodity " + c.code() + ", pricing", c.pricing(), faults);
            }
        }
    }

    /** Pricing terms the settlement calculator can use as they are; each fault names the field and what it takes. */
    private void checkPricing(String where, PricingTerms t, List<String> faults) {
        if (t.currency() == null || !t.currency().matches("[A-Z]{3}")) {
            faults.add(where + ": \"currency\" is " + quoted(t.currency()) + ", expected an ISO 4217 code such as USD");
        }
        if (t.price() == null) {
            faults.add(where + ": \"price\" is missing, expected { metal, unit, source } of the price series");
        } else {
            if (t.price().metal() == null || t.price().metal().isBlank()) {
                faults.add(where + ": \"price.metal\" is missing, expected the metal the price file names, e.g. CU");
            }
            if (!PricingTerms.PRICE_UNITS.contains(t.price().unit())) {
                faults.add(where + ": \"price.unit\" is " + quoted(t.price().unit()) + ", expected one of "
                        + PricingTerms.PRICE_UNITS);
            }
        }
        boolean contained = PricingTerms.CONTAINED.equals(t.basis());
        if (!PricingTerms.BASES.contains(t.basis())) {
            faults.add(where + ": \"basis\" is " + quoted(t.basis()) + ", expected one of " + PricingTerms.BASES);
        }
        if (t.payable() == null || t.payable().analyte() == null) {
            faults.add(where + ": \"payable\" is missing, expected the paid analyte"
                    + (contained ? " ({ analyte: Sb })" : " with its percent ({ analyte: Cu, percent: 96.5 })"));
        } else {
            analyte(where + ", payable", t.payable().analyte(), faults);
            if (contained) {
                if (t.payable().percent() != null || t.payable().minimumDeduction() != null) {
                    faults.add(where + ": \"payable\" of a CONTAINED price names only the analyte;"
                            + " percent and minimumDeduction belong to PAYABLE_METAL");
                }
            } else if (t.payable().percent() == null
                    || t.payable().percent().signum() <= 0
                    || t.payable().percent().compareTo(HUNDRED) > 0) {
                faults.add(where + ": \"payable.percent\" is "
                        + number(t.payable().percent()) + ", expected a per cent above 0 and at most 100");
            }
            notNegative(where, "payable.minimumDeduction", t.payable().minimumDeduction(), faults);
        }
        notNegative(where, "tcPerDmt", t.tcPerDmt(), faults);
        notNegative(where, "rcPerLb", t.rcPerLb(), faults);
        if (contained && (t.tcPerDmt() != null || t.rcPerLb() != null)) {
            faults.add(where + ": \"tcPerDmt\" and \"rcPerLb\" apply to PAYABLE_METAL only, not to a CONTAINED price");
        }
        for (PricingTerms.Penalty pen : t.penalties()) {
            String at = where + ", penalty for " + (pen.analyte() == null ? "no analyte" : pen.analyte());
            analyte(at, pen.analyte(), faults);
            if (!PricingTerms.PENALTY_UNITS.contains(pen.unit())) {
                faults.add(
                        at + ": \"unit\" is " + quoted(pen.unit()) + ", expected one of " + PricingTerms.PENALTY_UNITS);
            }
            required(at, "threshold", pen.threshold(), faults);
            notNegative(at, "threshold", pen.threshold(), faults);
            positive(at, "step", pen.step(), faults);
            required(at, "ratePerDmt", pen.ratePerDmt(), faults);
            notNegative(at, "ratePerDmt", pen.ratePerDmt(), faults);
        }
        if (!contained && !t.gradeAdjustments().isEmpty()) {
            faults.add(where + ": \"gradeAdjustments\" apply to a CONTAINED price only");
        }
        for (PricingTerms.GradeAdjustment g : t.gradeAdjustments()) {
            String at = where + ", grade adjustment for " + (g.analyte() == null ? "no analyte" : g.analyte());
            analyte(at, g.analyte(), faults);
            required(at, "base", g.base(), faults);
            positive(at, "step", g.step(), faults);
            required(at, "pricePctPerStep", g.pricePctPerStep(), faults);
        }
        if (t.provisionalPct() == null
                || t.provisionalPct().signum() <= 0
                || t.provisionalPct().compareTo(HUNDRED) > 0) {
            faults.add(where + ": \"provisionalPct\" is " + number(t.provisionalPct())
                    + ", expected a per cent above 0 and at most 100");
        }
        if (t.quotationalPeriod() == null) {
            faults.add(where + ": \"quotationalPeriod\" is missing, expected { monthOffset: 1 } for M+1");
        } else if (Math.abs(t.quotationalPeriod().monthOffset()) > 12) {
            faults.add(where + ": \"quotationalPeriod.monthOffset\" is "
                    + t.quotationalPeriod().monthOffset()
                    + ", expected a month offset from the B/L month between -12 and 12");
        }
        Set<String> limited = new HashSet<>();
        for (PricingTerms.SplittingLimit l : t.splittingLimits()) {
            String at = where + ", splitting limit for " + (l.analyte() == null ? "no analyte" : l.analyte());
            analyte(at, l.analyte(), faults);
            positive(at, "limit", l.limit(), faults);
            if (l.analyte() != null && !limited.add(l.analyte())) {
                faults.add(at + ": the analyte has two splitting limits");
            }
        }
        notNegative(where, "invoiceTolerance", t.invoiceTolerance(), faults);
        if (t.balanceAs() != null && !PricingTerms.BALANCE_KINDS.contains(t.balanceAs())) {
            faults.add(where + ": \"balanceAs\" is " + quoted(t.balanceAs()) + ", expected one of "
                    + PricingTerms.BALANCE_KINDS + " (none: FINAL_INVOICE)");
        }
    }

    private void analyte(String where, String analyte, List<String> faults) {
        if (analyte == null) {
            faults.add(where + ": \"analyte\" is missing");
        } else if (!reference.isAnalyte(analyte)) {
            faults.add(where + ": analyte \"" + analyte + "\" is not in the analyte table (reference/analytes.csv)");
        }
    }

    private static void required(String where, String field, BigDecimal value, List<String> faults) {
        if (value == null) {
            faults.add(where + ": \"" + field + "\" is missing");
        }
    }

    private static void notNegative(String where, String field, BigDecimal value, List<String> faults) {
        if (value != null && value.signum() < 0) {
            faults.add(where + ": \"" + field + "\" " + value.toPlainString() + " is below 0");
        }
    }

    private static void positive(String where, String field, BigDecimal value, List<String> faults) {
        if (value == null || value.signum() <= 0) {
            faults.add(where + ": \"" + field + "\" is " + number(value) + ", expected more than 0");
        }
    }

    private static String number(BigDecimal value) {
        return value == null ? "missing" : value.toPlainString();
    }

    private void checkQualityLimit(
            String commodity, Agreement.QualityLimit q, Set<String> analytes, List<String> faults) {
        String where = "commodity " + commodity + ", quality limit";
        if (q.analyte() == null) {
            faults.add(where + ": \"analyte\" is missing");
            return;
        }
        where += " for " + q.analyte();
        if (!reference.isAnalyte(q.analyte())) {
            faults.add(where + ": analyte \"" + q.analyte() + "\" is not in the analyte table"
                    + " (reference/analytes.csv)");
        }
        if (q.unit() == null || !LIMIT_UNITS.contains(q.unit())) {
            faults.add(where + ": \"unit\" is " + quoted(q.unit()) + ", expected one of " + LIMIT_UNITS);
        }
        if (q.basis() != null && !BASES.contains(q.basis())) {
            faults.add(
                    where + ": \"basis\" is \"" + q.basis() + "\", expected one of " + BASES + " or none (any basis)");
        }
        if (!analytes.add(q.analyte() + "/" + q.basis())) {
            faults.add(where + ": the analyte has two limits on the same basis");
        }
        if (q.penalty() != null && q.rejection() != null && q.penalty().compareTo(q.rejection()) > 0) {
            faults.add(where + ": \"penalty\" " + q.penalty().toPlainString() + " is above \"rejection\" "
                    + q.rejection().toPlainString());
        }
        if (q.minimum() != null && q.rejection() != null && q.minimum().compareTo(q.rejection()) > 0) {
            faults.add(where + ": \"minimum\" " + q.minimum().toPlainString() + " is above \"rejection\" "
                    + q.rejection().toPlainString());
        }
        for (BigDecimal value : java.util.Arrays.asList(q.typical(), q.penalty(), q.rejection(), q.minimum())) {
            if (value != null && value.signum() < 0) {
                faults.add(where + ": limit " + value.toPlainString() + " is below 0");
            }
        }
    }

    private static void checkQuotas(Agreement a, List<String> faults) {
        Set<String> ids = new HashSet<>();
        for (Agreement.Quota q : a.quotas()) {
            String where = "quota " + (q.id() == null ? "without id" : "\"" + q.id() + "\"");
            if (q.id() == null || q.id().isBlank()) {
                faults.add("every quota needs an \"id\"");
            } else if (!ids.add(q.id())) {
                faults.add(where + " is listed twice");
            }
            if (q.commodity() == null || !a.covers(q.commodity())) {
                faults.add(where + ": commodity " + quoted(q.commodity()) + " is not a commodity of the agreement");
            }
            if (q.from() == null || q.to() == null) {
                faults.add(where + ": \"from\" and \"to\" are both needed");
            } else if (q.to().isBefore(q.from())) {
                faults.add(where + ": \"to\" " + q.to() + " is before \"from\" " + q.from());
            }
            if (q.tonnes() == null || q.tonnes().signum() <= 0) {
                faults.add(where + ": \"tonnes\" is "
                        + (q.tonnes() == null ? "missing" : q.tonnes().toPlainString()) + ", expected more than 0");
            }
        }
    }

    private static void checkPermits(Agreement a, List<String> faults) {
        Set<String> numbers = new HashSet<>();
        for (Agreement.Permit p : a.permits()) {
            if (p.number() == null || p.number().isBlank()) {
                faults.add("every permit needs a \"number\"");
                continue;
            }
            String where = "permit " + p.number();
            if (!numbers.add(p.number())) {
                faults.add(where + " is listed twice");
            }
            if (p.validFrom() == null) {
                faults.add(where + ": \"validFrom\" is missing");
            } else if (p.validTo() != null && p.validTo().isBefore(p.validFrom())) {
                faults.add(where + ": \"validTo\" " + p.validTo() + " is before \"validFrom\" " + p.validFrom());
            }
            if (p.hsCodes().isEmpty()) {
                faults.add(where + ": \"hsCodes\" is empty, so it would cover nothing");
            }
            for (String hs : p.hsCodes()) {
                if (!isHsCode(hs)) {
                    faults.add(where + ": HS code \"" + hs + "\" is not 2 to 10 digits");
                }
            }
            if (p.tonnes() != null && p.tonnes().signum() <= 0) {
                faults.add(where + ": \"tonnes\" is " + p.tonnes().toPlainString() + ", expected more than 0");
            }
        }
    }

    private void checkPorts(Agreement a, List<String> faults) {
        if (a.ports() == null) {
            return;
        }
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        byRole.put("loading", a.ports().loading());
        byRole.put("discharge", a.ports().discharge());
        byRole.put("delivery", a.ports().delivery());
        byRole.forEach((role, locodes) -> {
            for (String locode : locodes == null ? List.<String>of() : locodes) {
                if (!reference.isLocode(locode)) {
                    faults.add("ports." + role + ": \"" + locode + "\" is not a UN/LOCODE of the place table"
                            + " (reference/locodes.csv)");
                }
            }
        });
    }

    private static void checkDisclosure(Agreement a, List<String> faults) {
        if (a.disclosure() == null) {
            return;
        }
        Map<String, Map<DocumentKind, List<String>>> lists = Map.of(
                "publicFields",
                a.disclosure().publicFields(),
                "aggregateOnly",
                a.disclosure().aggregateOnly());
        lists.forEach((name, list) -> list.forEach((kind, fields) -> {
            for (String field : fields == null ? List.<String>of() : fields) {
                if (field == null || !field.matches("[A-Za-z][A-Za-z0-9]*(\\[])?(\\.[A-Za-z][A-Za-z0-9]*(\\[])?)*")) {
                    faults.add("disclosure." + name + "." + kind + ": " + quoted(field)
                            + " is not a field path such as body.lines[].hsCode");
                }
            }
        }));
        if (a.disclosure().minimumShipments() != null && a.disclosure().minimumShipments() < 1) {
            faults.add("disclosure.minimumShipments: " + a.disclosure().minimumShipments()
                    + " is below 1 (every published figure stands for at least one shipment)");
        }
    }

    /**
     * Each kind's issuers are roles some party holds; acknowledgements need no entry (they are answered by whoever the
     * acknowledged interchange went to) and a shipment dossier is never sent to the gateway.
     */
    private static void checkIssuers(Agreement a, List<String> faults) {
        Set<String> roles = new HashSet<>();
        a.parties().forEach(p -> roles.addAll(p.roles()));
        a.issuers().forEach((kind, issuers) -> {
            if (kind == DocumentKind.ACKNOWLEDGEMENT || kind == DocumentKind.SHIPMENT_DOSSIER) {
                faults.add("issuers." + kind + ": "
                        + (kind == DocumentKind.ACKNOWLEDGEMENT
                                ? "acknowledgements are accepted from whoever the acknowledged interchange was sent to;"
                                        + " leave them out"
                                : "a shipment dossier is made by the gateway, nobody sends one"));
            } else if (issuers.isEmpty()) {
                faults.add("issuers." + kind + ": name the roles that may issue it, e.g. [LABORATORY]");
            }
            for (String role : issuers) {
                if (role == null || !roles.contains(role)) {
                    faults.add("issuers." + kind + ": role " + quoted(role) + " is not the role of any party");
                }
            }
        });
    }

    private static boolean isHsCode(String code) {
        return code != null && code.matches("\\d{2,10}");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String quoted(String value) {
        return value == null ? "missing" : "\"" + value + "\"";
    }

    /**
     * Jackson reports where it finished the record, which can be many lines after an unknown field; the first line
     * that names the field is where a person should look.
     */
    private static int lineOf(Path file, String field, int fallback) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i)
                        .matches("\\s*(-\\s+)?\\{?\\s*\"?" + java.util.regex.Pattern.quote(field) + "\"?\\s*:.*")) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            return fallback;
        }
        return fallback;
    }

    private static InvalidAgreementException unreadable(Path file, IOException e) {
        String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                ? " at line " + jpe.getLocation().getLineNr()
                : "";
        return new InvalidAgreementException(
                file.getFileName() + ": not a readable agreement" + where + ": " + firstLine(e.getMessage()), e);
    }

    /** A value of a known field that is not one the field takes (an unknown document kind, a malformed date). */
    private static boolean isValueProblem(JsonMappingException e) {
        return !e.getPath().isEmpty()
                && e.getLocation() != null
                && (e instanceof InvalidFormatException || e.getCause() instanceof IllegalArgumentException);
    }

    /** The field as a person finds it in the file: {@code distribution[2].kind}, {@code requiredDocuments[4]}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return "\"" + path + "\"";
    }

    /** What is wrong with the value, without Jackson's class names. */
    private static String valueProblem(JsonMappingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            if (target != null && target.isEnum()) {
                return "\"" + f.getValue() + "\" is not one of " + java.util.Arrays.toString(target.getEnumConstants());
            }
            return "\"" + f.getValue() + "\" is not a valid "
                    + (target == null
                            ? "value"
                            : target.getSimpleName()
                                    .replace("LocalDate", "date (YYYY-MM-DD)")
                                    .replace("BigDecimal", "number"));
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
