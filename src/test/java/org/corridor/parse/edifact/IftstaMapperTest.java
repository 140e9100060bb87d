package org.corridor.parse.edifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.corridor.canonical.TransportEvent;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;

class IftstaMapperTest {

    private static TransportEvent only(String... statusGroup) {
        String[] segments = new String[statusGroup.length + 2];
        segments[0] = "BGM+23+ST-1+9";
        segments[1] = "CNI+1+ASOC-BL-2025-0147";
        System.arraycopy(statusGroup, 0, segments, 2, statusGroup.length);
        List<ParsedMessage> parsed = EdifactFixtures.parse("IFTSTA", segments);
        assertThat(parsed).hasSize(1);
        return (TransportEvent) parsed.get(0).body();
    }

    @Test
    void readsLocalTimeInTheTimeZoneOfTheStatusLocation() {
        TransportEvent karachi = only("STS+1+12", "DTM+334:202510141000:203", "LOC+9+PKKHI");
        assertThat(karachi.event()).isEqualTo("CUSTOMS_RELEASED");
        assertThat(karachi.eventTime()).hasToString("2025-10-14T10:00+05:00");

        TransportEvent houstonSummer = only("STS+1+UV", "DTM+334:20251101081530:204", "LOC+11+USHOU");
        assertThat(houstonSummer.eventTime()).hasToString("2025-11-01T08:15:30-05:00");
        TransportEvent houstonWinter = only("STS+1+OA", "DTM+334:202511030900:203", "LOC+11+USHOU");
        assertThat(houstonWinter.event()).isEqualTo("GATE_OUT");
        assertThat(houstonWinter.eventTime()).hasToString("2025-11-03T09:00-06:00");
    }

    @Test
    void takesTheOffsetAsSentInFormat303() {
        assertThat(only("STS+1+AE", "DTM+334:202510120845-0430:303", "LOC+9+PKBQM")
                        .eventTime())
                .hasToString("2025-10-12T08:45-04:30");
        assertThat(only("STS+1+AE", "DTM+334:202510120845UTC:303").eventTime()).hasToString("2025-10-12T08:45Z");
    }

    @Test
    void keepsAStatusCodeCorridorDoesNotMapAsOther() {
        TransportEvent event = only("STS+1+31", "RFF+EQ:TGHU8144721", "DTM+334:202510200000?+05:303");
        assertThat(event.event()).isEqualTo("OTHER");
        assertThat(event.sourceCode()).isEqualTo("31");
        assertThat(event.containerNo()).isEqualTo("TGHU8144721");
        assertThat(event.location()).isNull();
    }

    @Test
    void refusesALocalTimeWithoutALocationAndAStatusWithoutTime() {
        assertThatThrownBy(() -> only("STS+1+AE", "DTM+334:202510120845:203"))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_DATE);
                    assertThat(e.problem().message()).contains("the status has no location");
                });
        assertThatThrownBy(() -> only("STS+1+AE", "DTM+334:20251012:102", "LOC+9+PKBQM"))
                .isInstanceOfSatisfying(
                        RejectedException.class,
                        e -> assertThat(e.problem().location().field()).isEqualTo("DTM01-3"));
        assertThatThrownBy(() -> only("STS+1+AE", "LOC+9+PKBQM")).isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.problem().code()).isEqualTo(ErrorCode.EDI_SEGMENT_MISSING);
            assertThat(e.problem().message()).contains("DTM+334");
        });
    }
}
