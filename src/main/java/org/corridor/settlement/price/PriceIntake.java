package org.corridor.settlement.price;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Header;
import org.corridor.base.FileNames;
import org.corridor.base.Headers;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;
import org.corridor.track.TrackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores the prices of a price file intake has archived (route {@code store-prices}, after {@code intake-prices}): read whole, checked, stored in
 * one transaction, and the file's tracking row ends CONSUMED with how many prices were new. A refusal is a
 * {@link RejectedException} naming line and field, which the route's {@code price-errors} turns into the error folder
 * and a reason.
 */
@Component("priceIntake")
public class PriceIntake {

    /** The tracking row's format and message type of a price file. */
    static final String FORMAT = "CSV";

    static final String TYPE = "PRICES";

    private static final Logger LOG = LoggerFactory.getLogger(PriceIntake.class);

    private final PriceStore store;
    private final TrackingStore tracking;

    PriceIntake(PriceStore store, TrackingStore tracking) {
        this.store = store;
        this.tracking = tracking;
    }

    /** The archived file of the exchange: its prices stored, its tracking row ended. Returns the rows newly stored. */
    public int storeArchived(
            @Header(Headers.DOCUMENT_ID) String documentId,
            @Header(Headers.FILE_NAME) String fileName,
            @Header(Headers.ARCHIVE_PATH) String archivePath,
            @Header(Headers.SHA256) String sha256) {
        Path archived = Path.of(archivePath);
        byte[] content;
        try {
            long size = Files.size(archived);
            if (size > PriceFileReader.MAX_BYTES) {
                // refused before it is read into memory
                throw new RejectedException(
                        ErrorCode.PRICE_LIMIT,
                        Location.NONE,
                        "The file is " + size + " bytes long; a price file may be at most " + PriceFileReader.MAX_BYTES
                                + " bytes (4 MB). Split it into several files.");
            }
            content = Files.readAllBytes(archived);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the archived price file " + archived, e);
        }
        // a refusal goes to price-errors, which files it in error/ and records it
        return storeAndRecord(documentId, PriceFileReader.read(fileName, content), sha256);
    }

    /**
     * A price file already read and archived (a partner's POST): stored, and its tracking row ended CONSUMED; or, when
     * the store refuses it, REJECTED with the reason, and the refusal thrown on to the caller's answer.
     */
    public int store(String documentId, PriceFile file, String sha256) {
        try {
            return storeAndRecord(documentId, file, sha256);
        } catch (RejectedException e) {
            tracking.rejected(documentId, e.problem().code().name(), e.problem().describe());
            throw e;
        }
    }

    private int storeAndRecord(String documentId, PriceFile file, String sha256) {
        int added = store.store(file, sha256);
        TrackingStore.Processing processing = tracking.processing(documentId);
        processing.detected(FORMAT, TYPE);
        processing.consumed(documentId, summary(file, added));
        tracking.record(processing);
        LOG.info("Stored prices of {} ({}): {}", FileNames.forLog(file.fileName()), documentId, summary(file, added));
        return added;
    }

    /** What a stored file did, for the tracking event, the log and the HTTP answer. */
    static String summary(PriceFile file, int added) {
        return file.rows().size() + " price rows, " + added + " new, "
                + (file.rows().size() - added) + " already stored with the same value (metals "
                + String.join(", ", file.metals()) + ")";
    }
}
