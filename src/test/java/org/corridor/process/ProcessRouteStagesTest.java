package org.corridor.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The process route as the docs draw it: every stage by its step id, in the order the stages run. Reads the real
 * YAML, so a stage moved, renamed or dropped there fails here until the picture is updated too.
 */
class ProcessRouteStagesTest {

    private static final Pattern STEP_ID = Pattern.compile("^\\s+id: (\\S+)\\s*$");

    @Test
    void processRouteShowsEveryStageByItsStepIdInTheOrderTheyRun() throws Exception {
        List<String> ids = Files.readAllLines(Path.of("routes/process/process-document.camel.yaml")).stream()
                .map(STEP_ID::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .toList();

        assertThat(ids)
                .containsExactly(
                        "process-document",
                        "process-read",
                        "process-receive",
                        "process-large-file",
                        "process-large-file-acknowledge",
                        "process-large-file-batches",
                        "process-large-file-batch-handoff",
                        "enrich-agreement",
                        "validate-rules",
                        "process-route",
                        "validate-quota",
                        "dossier-file",
                        "settle",
                        "process-plan",
                        "process-acknowledge",
                        "process-record",
                        "process-split",
                        "render-document",
                        "process-handoff");
    }
}
