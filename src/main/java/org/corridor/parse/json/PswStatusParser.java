package org.corridor.parse.json;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.corridor.canonical.CustomsResponse;
import org.corridor.detect.Detection;
import org.corridor.parse.DocumentParser;
import org.corridor.parse.ParsedMessage;

/**
 * Reads the clearing agent's status update on a filed goods declaration (JSON, see docs/mig/psw-worksheet-json.md)
 * into a CUSTOMS_RESPONSE. The agent writes WeBOC's words; they map to the four canonical statuses here, explicitly,
 * so a new word is refused by the schema instead of guessed.
 */
public final class PswStatusParser implements DocumentParser {

    static final String SCHEMA = "/schemas/psw-status-1.schema.json";
    static final String VERSION = "1";

    /** The agent's status vocabulary and the canonical status each one means. Keep in step with the schema enum. */
    static final Map<String, String> STATUS = Map.of(
            "Assessed", "ACCEPTED",
            "Examination", "HELD",
            "Objection", "HELD",
            "Contravention", "HELD",
            "Returned", "REJECTED",
            "Cancelled", "REJECTED",
            "Out of charge", "RELEASED");

    private final JsonMessageReader reader = new JsonMessageReader(SCHEMA, "status update");

    /** A JSON object naming a goods declaration and its status date, and not a worksheet. */
    @Override
    public Optional<Detection> recognise(Detection format, String head) {
        return Detection.JSON.equals(format.format())
                        && !head.contains("\"worksheetVersion\"")
                        && head.contains("\"gdNumber\"")
                        && head.contains("\"statusDate\"")
                ? Optional.of(new Detection(Detection.JSON, Detection.PSW_STATUS, VERSION))
                : Optional.empty();
    }

    @Override
    public boolean accepts(Detection detection) {
        return Detection.JSON.equals(detection.format()) && Detection.PSW_STATUS.equals(detection.messageType());
    }

    @Override
    public String version(Detection detection) {
        return VERSION;
    }

    @Override
    public List<ParsedMessage> parse(byte[] content, Detection detection) {
        JsonMessageReader.Checked checked = reader.read(content);
        PswStatus s = checked.bind(PswStatus.class, "status update");
        String status = STATUS.get(s.status());
        if (status == null) {
            throw new IllegalStateException("Status \"" + s.status() + "\" is in the schema but not mapped");
        }
        List<CustomsResponse.Message> messages = s.remarks() == null
                ? List.of()
                : s.remarks().stream()
                        .map(r -> new CustomsResponse.Message(r.code(), r.text()))
                        .toList();
        return List.of(
                ParsedMessage.of(new CustomsResponse(s.gdNumber(), status, s.statusDate(), s.office(), messages)));
    }
}
