package org.corridor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;
import org.corridor.track.Stage;
import org.corridor.track.TrackingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receive stage: a large EDI file read into batches is accepted or refused as a whole, after its interchanges
 * are acknowledged; a refused one leaves no batch behind, an accepted one is recorded before its batches go out.
 */
class ReceiveStageTest {

    @TempDir
    Path folder;

    private final FileAcknowledgements acknowledgements = mock(FileAcknowledgements.class);
    private final TrackingStore tracking = mock(TrackingStore.class);
    private final TrackingStore.Processing processing = mock(TrackingStore.Processing.class);

    private FileInProcess spooledFile(Path batches) throws Exception {
        Files.createDirectories(batches);
        Files.writeString(batches.resolve("batch-1.jsonl"), "{}\n");
        FileInProcess file = new FileInProcess("D-1", "big.edi", "sha", "archive", null, false, null, processing);
        file.spooled(new FileInProcess.Spooled(
                batches, List.of(batches.resolve("batch-1.jsonl").toString()), 7, 10));
        return file;
    }

    @Test
    void aRefusedLargeFileLeavesNoBatchBehind() throws Exception {
        Path batches = folder.resolve("big.edi.batches");
        FileInProcess file = spooledFile(batches);
        RejectedException duplicate = new RejectedException(ErrorCode.EDI_DUPLICATE, Location.NONE, "duplicate");
        when(acknowledgements.register(file, null)).thenReturn(Optional.of(duplicate));

        assertThatThrownBy(() -> new ReceiveStage(acknowledgements, tracking).receive(file))
                .isSameAs(duplicate);

        assertThat(batches).doesNotExist();
        verify(tracking, never()).record(any());
    }

    @Test
    void anAcceptedLargeFileIsRecordedWithItsBatchesBeforeTheyGoOut() throws Exception {
        Path batches = folder.resolve("big.edi.batches");
        FileInProcess file = spooledFile(batches);
        when(acknowledgements.register(file, null)).thenReturn(Optional.empty());

        new ReceiveStage(acknowledgements, tracking).receive(file);

        assertThat(batches.resolve("batch-1.jsonl")).exists();
        verify(tracking).record(processing);
        verify(tracking)
                .event(
                        eq("D-1"),
                        eq(Stage.PARSE),
                        isNull(),
                        eq("7 business messages, processed in 1 batches of up to 10"));
        verify(processing, never()).parsed(any());
    }

    @Test
    void theParsersRefusalOfAFileWithoutInterchangesIsThrownWithoutAcknowledging() {
        FileInProcess file = new FileInProcess("D-1", "bad.csv", "sha", "archive", null, false, null, processing);
        RejectedException unreadable = new RejectedException(ErrorCode.EMPTY_FILE, Location.NONE, "empty");
        file.unreadable(unreadable);

        assertThatThrownBy(() -> new ReceiveStage(acknowledgements, tracking).receive(file))
                .isSameAs(unreadable);

        verify(acknowledgements, never()).register(any(), any());
        verify(processing, never()).parsed(any());
    }
}
