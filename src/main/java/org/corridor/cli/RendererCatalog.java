package org.corridor.cli;

import org.corridor.render.CanonicalJsonRenderer;
import org.corridor.render.Renderer;
import org.corridor.render.edi.EdiRenderer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.corridor.render.psw.PswWorksheetCsvRenderer;
import org.corridor.render.psw.PswWorksheetJsonRenderer;

/**
 * The renderers this build has, for the command line (which runs without Spring), and the names {@code --to} accepts
 * for them. The gateway gets the same renderers as Spring beans.
 */
public final class RendererCatalog {

    /** {@code --to} name → renderer format. */
    public static final Map<String, String> TO_NAMES = Map.of("canonical", CanonicalJsonRenderer.FORMAT,
            "worksheet-json", PswWorksheetJsonRenderer.FORMAT, "worksheet-csv", PswWorksheetCsvRenderer.FORMAT,
            "edifact", "EDIFACT", "x12", "X12");

    private RendererCatalog() {
    }

    public static List<Renderer> all() {
        return List.of(new CanonicalJsonRenderer(), new PswWorksheetJsonRenderer(), new PswWorksheetCsvRenderer(),
                new EdiRenderer("EDIFACT"), new EdiRenderer("X12"));
    }

    public static Optional<Renderer> forTo(String to) {
        String format = TO_NAMES.get(to);
        return all().stream().filter(r -> r.format().equals(format)).findFirst();
    }
}
