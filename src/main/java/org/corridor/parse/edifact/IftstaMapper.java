package org.corridor.parse.edifact;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.corridor.canonical.ReferenceData;
import org.corridor.canonical.TransportEvent;
import org.corridor.canonical.Vessel;
import org.corridor.edi.EdiEnvelope;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiSegment;
import org.corridor.edi.EdiValues;
import org.corridor.parse.EdiMessageMapper;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;

/**
 * EDIFACT D96A IFTSTA (BGM 23, the carrier's status report) to one TRANSPORT_EVENT per status: every STS group of
 * every CNI consignment. The status code (STS C555 9011) maps through {@code reference/transport-status-codes.csv};
 * a code Corridor does not map becomes {@code OTHER}, kept as sent. The event time (DTM+334) is an instant: format
 * 303 carries its offset; a local time (203, 204) is read in the time zone of the status location (LOC in the STS
 * group, {@code reference/locode-time-zones.csv}: Karachi and Port Qasim are +05:00). See
 * docs/mig/edifact-iftsta-d96a.md.
 */
public final class IftstaMapper implements EdiMessageMapper {

    private static final Pattern WITH_ZONE = Pattern.compile("(\\d{12})([+-]\\d{2}(?::?\\d{2})?|Z|UTC)");
    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("uuuuMMddHHmm").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

    private final ReferenceData reference;

    /** A mapper that checks codes against {@code reference}. */
    public IftstaMapper(ReferenceData reference) {
        this.reference = reference;
    }

    @Override
    public String standard() {
        return EdiEnvelope.EDIFACT;
    }

    @Override
    public List<String> messageTypes() {
        return List.of("IFTSTA");
    }

    @Override
    public List<ParsedMessage> map(EdiMessage message) {
        List<ParsedMessage> events = new ArrayList<>();
        for (List<EdiSegment> consignment : message.groups("CNI", Set.of("UNT"))) {
            for (List<EdiSegment> status : EdiMessage.groups(consignment, "STS", Set.of("CNI", "UNT"))) {
                events.add(ParsedMessage.of(event(status)));
            }
        }
        return events;
    }

    private TransportEvent event(List<EdiSegment> group) {
        EdiSegment sts = group.get(0);
        String code = sts.component(2, 1);
        if (code == null) {
            throw EdiValues.reject(
                    ErrorCode.EDI_ELEMENT_MISSING,
                    sts,
                    2,
                    1,
                    "The status code in STS02-1 (data"
                            + " element 9011, status event) is missing. Give the event code, such as AE for loaded on"
                            + " vessel.");
        }
        String event = reference.transportEvent(code).orElse("OTHER");
        String location =
                EdiMessage.first(group, "LOC").map(EdifactValues::locode).orElse(null);
        EdiSegment dtm = EdiMessage.first(group, "DTM", "334")
                .orElseThrow(() -> EdiValues.reject(
                        ErrorCode.EDI_SEGMENT_MISSING,
                        sts,
                        2,
                        1,
                        "Status " + code + " has no event time: add DTM+334"
                                + " (status change date/time) after the STS segment."));
        OffsetDateTime time = eventTime(dtm, location);
        String container = EdiMessage.first(group, "EQD")
                .map(eqd -> EdifactValues.container(eqd, 2))
                .orElseGet(() -> EdiMessage.first(group, "RFF", "EQ")
                        .map(r -> r.component(1, 2))
                        .orElse(null));
        Vessel vessel = EdiMessage.first(group, "TDT")
                .map(tdt -> new Vessel(tdt.component(8, 4), tdt.component(8, 1), tdt.element(2)))
                .orElse(null);
        return new TransportEvent(
                event, code, time, location, container, reference(group, "BM"), reference(group, "BN"), vessel);
    }

    private static String reference(List<EdiSegment> group, String qualifier) {
        return EdiMessage.first(group, "RFF", qualifier)
                .map(r -> r.component(1, 2))
                .orElse(null);
    }

    /**
     * DTM C507: 303 {@code CCYYMMDDHHMM} followed by the offset ({@code +05}, {@code +0500}, {@code -05:00},
     * {@code Z} or {@code UTC}); 203 and 204 are local times at the status location. A date without a time (102) is
     * not an event time.
     */
    OffsetDateTime eventTime(EdiSegment dtm, String location) {
        String value = dtm.component(1, 2);
        String format = dtm.component(1, 3) == null ? "102" : dtm.component(1, 3);
        if (value == null) {
            throw EdiValues.reject(
                    ErrorCode.EDI_ELEMENT_MISSING, dtm, 1, 2, "The event time in DTM01-2 is" + " missing.");
        }
        try {
            switch (format) {
                case "303" -> {
                    Matcher m = WITH_ZONE.matcher(value);
                    if (!m.matches()) {
                        throw EdiValues.reject(
                                ErrorCode.EDI_DATE,
                                dtm,
                                1,
                                2,
                                "\"" + value + "\" in DTM01-2 is not"
                                        + " a date and time with offset in format 303 (CCYYMMDDHHMM then the offset, such"
                                        + " as 202510121430+05 or 202510121430+0500).");
                    }
                    LocalDateTime local = LocalDateTime.parse(m.group(1), MINUTES);
                    String zone = m.group(2);
                    ZoneOffset offset = zone.equals("Z") || zone.equals("UTC")
                            ? ZoneOffset.UTC
                            : ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
                    return local.atOffset(offset);
                }
                case "203", "204" -> {
                    LocalDateTime local = LocalDateTime.parse(value, format.equals("203") ? MINUTES : SECONDS);
                    Optional<ZoneId> zone = location == null ? Optional.empty() : reference.timeZone(location);
                    if (zone.isEmpty()) {
                        throw EdiValues.reject(
                                ErrorCode.EDI_DATE,
                                dtm,
                                1,
                                3,
                                "The event time \"" + value
                                        + "\" in DTM01-2 is a local time (format " + format + ") but "
                                        + (location == null
                                                ? "the status has no location (LOC)"
                                                : "Corridor does not know the time zone of " + location)
                                        + ". Send it with its offset in format 303: CCYYMMDDHHMM followed by the offset from UTC,"
                                        + " such as " + value.substring(0, 12) + "-0700.");
                    }
                    return local.atZone(zone.get()).toOffsetDateTime();
                }
                default ->
                    throw EdiValues.reject(
                            ErrorCode.EDI_DATE,
                            dtm,
                            1,
                            3,
                            "Date format \"" + format
                                    + "\" in DTM01-3 gives no time of day; a status needs its event time in format 203"
                                    + " (CCYYMMDDHHMM, local time at the status location), 204 (with seconds) or 303 (with"
                                    + " offset).");
            }
        } catch (DateTimeException e) {
            throw EdiValues.reject(
                    ErrorCode.EDI_DATE,
                    dtm,
                    1,
                    2,
                    "\"" + value + "\" in DTM01-2 is not a valid date" + " and time in format " + format + ".");
        }
    }
}
