package org.corridor.base;

import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The folders under {@code corridor.home} that clerks and partners see; created at start so a drop never fails. */
@Component
public class FolderLayout {

    /** The inbox folders; detection goes by content, so the folder is only a hint for people. */
    public static final List<String> INBOXES = List.of("assay", "customs", "shipping", "any", "settlement");
    /** The inbox of price files: settlement input, read as prices, never as a document. */
    public static final String PRICE_INBOX = "prices";

    private static final Logger LOG = LoggerFactory.getLogger(FolderLayout.class);

    private final CorridorProperties properties;
    private final Path home;

    FolderLayout(CorridorProperties properties) {
        this.properties = properties;
        this.home = properties.home().toAbsolutePath().normalize();
    }

    @PostConstruct
    void create() {
        try {
            for (String inbox : INBOXES) {
                Files.createDirectories(inbox(inbox));
            }
            Files.createDirectories(inbox(PRICE_INBOX));
            Files.createDirectories(archive());
            Files.createDirectories(error());
            for (String partner : properties.partners().keySet()) {
                Files.createDirectories(outbox(partner));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folders under " + home, e);
        }
        LOG.info(
                "Corridor home {}: inbox/{{},{}}, archive, error, outbox",
                home,
                String.join(",", INBOXES),
                PRICE_INBOX);
    }

    public Path home() {
        return home;
    }

    public Path inbox(String name) {
        return home.resolve("inbox").resolve(name);
    }

    public Path archive() {
        return home.resolve("archive");
    }

    public Path error() {
        return home.resolve("error");
    }

    public Path outbox(String partnerId) {
        return home.resolve("outbox").resolve(partnerId);
    }
}
