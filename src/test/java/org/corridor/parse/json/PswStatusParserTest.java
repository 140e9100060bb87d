package org.corridor.parse.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corridor.canonical.CustomsResponse;
import org.corridor.detect.Detection;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.RejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PswStatusParserTest {

    private static final Detection JSON = new Detection(Detection.JSON, null, null);
    private static final Detection STATUS = new Detection(Detection.JSON, Detection.PSW_STATUS, "1");

    private final PswStatusParser parser = new PswStatusParser();

    private static String sample() throws IOException {
        return Files.readString(Path.of("sample-docs/customs/PSW-STATUS-FWO-2025-0147.json"));
    }

    private CustomsResponse parse(String json) {
        return (CustomsResponse) parser.parse(json.getBytes(StandardCharsets.UTF_8), STATUS)
                .get(0)
                .body();
    }

    private RejectedException refusal(String json) {
        try {
            parser.parse(json.getBytes(StandardCharsets.UTF_8), STATUS);
        } catch (RejectedException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void recognisesStatusButNotWorksheet() throws IOException {
        assertThat(parser.recognise(JSON, sample())).contains(STATUS);
        assertThat(parser.recognise(JSON, Files.readString(Path.of("sample-docs/customs/PSW-SD-FWO-2025-0147.json"))))
                .isEmpty();
    }

    @Test
    void readsOutOfChargeAsReleasedWithRemarks() throws IOException {
        CustomsResponse r = parse(sample());
        assertThat(r.declarationNo()).isEqualTo("PQEX-SB-0004471-14102025");
        assertThat(r.status()).isEqualTo("RELEASED");
        assertThat(r.statusDate()).hasToString("2025-10-16");
        assertThat(r.office()).contains("Port Muhammad Bin Qasim");
        assertThat(r.messages()).extracting(CustomsResponse.Message::code).containsExactly("EXM", null);
    }

    @ParameterizedTest
    @CsvSource({
        "Assessed,ACCEPTED",
        "Examination,HELD",
        "Objection,HELD",
        "Contravention,HELD",
        "Returned,REJECTED",
        "Cancelled,REJECTED",
        "Out of charge,RELEASED"
    })
    void mapsEveryAgentStatusExplicitly(String agent, String canonical) throws IOException {
        assertThat(parse(sample().replace("\"Out of charge\"", "\"" + agent + "\""))
                        .status())
                .isEqualTo(canonical);
    }

    @Test
    void everyStatusInTheMapIsInTheSchemaAndBack() throws IOException {
        String schema = new String(
                PswStatusParserTest.class
                        .getResourceAsStream(PswStatusParser.SCHEMA)
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        PswStatusParser.STATUS.keySet().forEach(s -> assertThat(schema).contains("\"" + s + "\""));
        assertThat(PswStatusParser.STATUS).hasSize(7);
    }

    @Test
    void rejectsStatusOutsideTheVocabulary() throws IOException {
        RejectedException e = refusal(sample().replace("\"Out of charge\"", "\"Cleared\""));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_SCHEMA);
        assertThat(e.problem().location().field()).isEqualTo("$.status");
        assertThat(e.problem().location().line()).isEqualTo(3);
        assertThat(e.problem().message()).contains("Out of charge");
    }

    @Test
    void rejectsMissingStatusDate() throws IOException {
        RejectedException e = refusal(sample().replace("  \"statusDate\": \"2025-10-16\",\n", ""));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_SCHEMA);
        assertThat(e.problem().location().field()).isEqualTo("$.statusDate");
        assertThat(e.problem().location().line()).isEqualTo(1);
    }

    @Test
    void rejectsRemarkWithoutText() throws IOException {
        RejectedException e = refusal(
                sample().replace("\"text\": \"Allowed to load on vessel for Houston.\"", "\"note\": \"Allowed\""));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_SCHEMA);
        assertThat(e.problem().location().field()).isIn("$.remarks[1].text", "$.remarks[1].note");
    }

    @Test
    void rejectsTruncatedStatus() throws IOException {
        RejectedException e = refusal(sample().substring(0, 60));
        assertThat(e.problem().code()).isEqualTo(ErrorCode.JSON_MALFORMED);
        assertThat(e.problem().location().line()).isNotNull();
    }
}
