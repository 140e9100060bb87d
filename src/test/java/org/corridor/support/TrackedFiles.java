package org.corridor.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a test that drops a file asks the tracking store about it. */
public final class TrackedFiles {

    private TrackedFiles() {}

    /**
     * The document id the gateway gave the file {@code fileName} once it has received it (the newest, if the name came
     * more than once), waiting up to {@code timeout}.
     */
    public static String awaitDocumentId(JdbcTemplate jdbc, String fileName, Duration timeout) {
        return await("a document for " + fileName)
                .atMost(timeout)
                .until(
                        () -> jdbc
                                .queryForList(
                                        "SELECT document_id FROM documents WHERE file_name = ? AND parent_id IS NULL"
                                                + " ORDER BY received_at DESC",
                                        String.class,
                                        fileName)
                                .stream()
                                .findFirst()
                                .orElse(null),
                        id -> id != null);
    }
}
