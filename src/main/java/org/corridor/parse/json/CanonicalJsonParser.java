package org.corridor.parse.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Optional;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;
import org.corridor.detect.Detection;
import org.corridor.parse.DocumentParser;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;

/**
 * Canonical JSON ({@code corridor/1}) as input: what a partner that already speaks the contract sends, and what
 * {@code convert FILE --to <format>} renders from. Each document keeps its kind and body; it gets a new id and source.
 */
public final class CanonicalJsonParser implements DocumentParser {

    public static final String MESSAGE_TYPE = "CANONICAL";

    @Override
    public Optional<Detection> recognise(Detection format, String head) {
        boolean canonical = Detection.JSON.equals(format.format())
                && head.contains("\"schema\"")
                && head.contains("\"" + CanonicalDocument.SCHEMA + "\"");
        return canonical
                ? Optional.of(new Detection(Detection.JSON, MESSAGE_TYPE, CanonicalDocument.SCHEMA))
                : Optional.empty();
    }

    @Override
    public boolean accepts(Detection detection) {
        return Detection.JSON.equals(detection.format()) && MESSAGE_TYPE.equals(detection.messageType());
    }

    @Override
    public String version(Detection detection) {
        return CanonicalDocument.SCHEMA;
    }

    @Override
    public List<ParsedMessage> parse(byte[] content, Detection detection) {
        List<ParsedMessage> messages;
        try {
            messages = CanonicalJson.readAll(content).stream()
                    .map(d -> new ParsedMessage(d.body(), d.kind(), null, null, null, d.documentId())
                            .withShipmentRef(d.shipmentRef()))
                    .toList();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String path = message.startsWith("$") ? message.substring(0, message.indexOf(':')) : null;
            // JSON that cannot be read is placed where the reader stopped; a wrong value by its path
            JsonLocation at = e.getCause() instanceof JsonProcessingException json ? json.getLocation() : null;
            Integer line = at != null && at.getLineNr() > 0
                    ? Integer.valueOf(at.getLineNr())
                    : path == null ? Integer.valueOf(1) : null;
            Integer column = at != null && at.getColumnNr() > 0 ? Integer.valueOf(at.getColumnNr()) : null;
            throw new RejectedException(
                    message.startsWith("not JSON") ? ErrorCode.JSON_MALFORMED : ErrorCode.JSON_SCHEMA,
                    new Location(line, column, path, null, null),
                    "This is not a valid canonical document (corridor/1): " + message);
        }
        if (messages.isEmpty()) {
            throw new RejectedException(
                    ErrorCode.JSON_SCHEMA,
                    new Location(1, null, "$", null, null),
                    "The array holds no canonical document (corridor/1): there is nothing to deliver. Send one"
                            + " document, or an array of at least one.");
        }
        return messages;
    }
}
