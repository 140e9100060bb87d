package org.corridor.parse.x12;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corridor.canonical.ReferenceData;
import org.corridor.canonical.TransportEvent;
import org.corridor.canonical.Vessel;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiSegment;
import org.corridor.edi.EdiValues;
import org.corridor.parse.EdiMessageMapper;
import org.corridor.parse.PackingListRules;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;

/**
 * X12 004010 315 Status Details (Ocean) to one TRANSPORT_EVENT; see docs/mig/x12-315-004010.md. B403 is mapped to the
 * canonical event (a code Corridor does not map becomes OTHER, the code kept in sourceCode). B404/B405 are the local
 * date and time at the status location B411 (a UN/LOCODE): the offset is that location's on that date, from
 * {@code reference/locode-time-zones.csv}, so daylight saving time is applied where the place has it.
 */
public final class OceanStatus315Mapper implements EdiMessageMapper {

    /** B403 shipment status codes (data element 157) Corridor maps; any other code is OTHER. */
    static final Map<String, String> EVENTS = Map.of(
            "I",
            "GATE_IN",
            "AE",
            "LOADED",
            "VD",
            "DEPARTED",
            "VA",
            "ARRIVED",
            "UV",
            "DISCHARGED",
            "CT",
            "CUSTOMS_RELEASED",
            "OA",
            "GATE_OUT");

    private final ReferenceData reference;

    /** A mapper that checks codes against {@code reference}. */
    public OceanStatus315Mapper(ReferenceData reference) {
        this.reference = reference;
    }

    @Override
    public String standard() {
        return "X12";
    }

    @Override
    public List<String> messageTypes() {
        return List.of("315");
    }

    @Override
    public List<ParsedMessage> map(EdiMessage message) {
        EdiSegment b4 = message.first("B4").orElseThrow();
        String code = b4.element(3);
        String location = b4.element(11);
        ZoneId zone = reference
                .timeZone(location)
                .orElseThrow(() -> EdiValues.reject(
                        ErrorCode.EDI_CONTENT,
                        b4,
                        11,
                        0,
                        "Corridor does not know the time zone of \"" + location + "\" (B411), so the local time"
                                + " in B404/B405 cannot be placed on the clock. Use a corridor port or place (PKKHI, PKBQM,"
                                + " PKGWD, USHOU, USMSY, USBAL, USNYC, USSTL), or ask the gateway operator to add it to"
                                + " reference/locode-time-zones.csv."));
        LocalDateTime local = EdiValues.x12DateTime(b4, 4, 5);
        OffsetDateTime eventTime = local.atZone(zone).toOffsetDateTime();

        String containerNo = b4.element(7) + b4.element(8);
        String problem = PackingListRules.containerProblem(containerNo);
        if (problem != null) {
            throw EdiValues.reject(ErrorCode.CONTAINER_CHECK_DIGIT, b4, 8, 0, problem);
        }
        if (b4.element(13) != null && !b4.element(13).equals(containerNo.substring(10))) {
            throw EdiValues.reject(
                    ErrorCode.CONTAINER_CHECK_DIGIT,
                    b4,
                    13,
                    0,
                    "The check digit in B413 is "
                            + b4.element(13) + " but container " + containerNo + " ends in " + containerNo.substring(10)
                            + ".");
        }
        String blNo = message.first("N9", "BM").map(n -> n.element(2)).orElse(null);
        String bookingNo = message.first("N9", "BN").map(n -> n.element(2)).orElse(null);
        Vessel vessel = message.first("Q2")
                .map(q -> new Vessel(q.element(13), q.is(12, "L") ? q.element(1) : null, q.element(9)))
                .orElse(null);
        // the R4 schedule dates are not part of the event, but a wrong one is still refused
        for (List<EdiSegment> loop : message.groups("R4", Set.of("SE"))) {
            loop.stream().filter(s -> s.tag().equals("DTM")).forEach(d -> EdiValues.date(d, 2, 1));
        }
        TransportEvent event = new TransportEvent(
                EVENTS.getOrDefault(code, "OTHER"), code, eventTime, location, containerNo, blNo, bookingNo, vessel);
        return List.of(ParsedMessage.of(event));
    }
}
