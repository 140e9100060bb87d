package org.corridor.process;

import org.corridor.track.TrackingStore;
import org.springframework.stereotype.Component;

/**
 * Stage {@code process-record}: everything this run learned goes to the tracking store in one transaction, before
 * the orders are handed off. Written again by a redelivery, so a crash in between does no harm.
 */
@Component("recordStage")
public class RecordStage {

    private final TrackingStore tracking;

    RecordStage(TrackingStore tracking) {
        this.tracking = tracking;
    }

    public FileInProcess record(FileInProcess file) {
        tracking.record(file.processing());
        return file;
    }
}
