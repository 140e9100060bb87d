package org.corridor.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CanonicalJson;

/** The values a field path of the disclosure policy ({@code body.lines[].hsCode}) names in a canonical document. */
final class FieldPaths {

    private FieldPaths() {}

    /** The document as the tree paths are read from: made once per document, read for each of its paths. */
    static JsonNode tree(CanonicalDocument document) {
        return CanonicalJson.mapper().valueToTree(document);
    }

    /** Each value at the path in a document's {@link #tree}, as text; an object (a quantity) as its values joined by spaces. */
    static List<String> values(JsonNode document, String path) {
        List<JsonNode> nodes = List.of(document);
        for (String step : path.split("\\.")) {
            boolean each = step.endsWith("[]");
            String name = each ? step.substring(0, step.length() - 2) : step;
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : nodes) {
                JsonNode child = n.path(name);
                if (each && child.isArray()) {
                    child.forEach(next::add);
                } else if (!child.isMissingNode() && !child.isNull()) {
                    next.add(child);
                }
            }
            nodes = next;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode n : nodes) {
            if (n.isValueNode()) {
                values.add(n.asText());
            } else if (n.isObject()) {
                List<String> parts = new ArrayList<>();
                n.forEach(v -> {
                    if (v.isValueNode()) {
                        parts.add(v.asText());
                    }
                });
                values.add(String.join(" ", parts));
            }
        }
        return values;
    }
}
