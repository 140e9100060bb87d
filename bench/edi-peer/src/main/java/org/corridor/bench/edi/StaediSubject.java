package org.corridor.bench.edi;

import java.io.InputStream;
import java.nio.file.Path;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;

/**
 * The floor: raw StAEDI reading every event of the interchange, no schema, control-structure validation off.
 * Element text is touched (its length summed) so the reader cannot skip decoding it; nothing is mapped.
 */
final class StaediSubject implements Subject {

    private final EDIInputFactory factory = EDIInputFactory.newFactory();
    /** Sum of element lengths, kept so the JIT cannot drop the reads. */
    long checksum;

    StaediSubject() {
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, false);
    }

    @Override
    public String name() {
        return "StAEDI 1.26.0 raw events, no validation (floor)";
    }

    @Override
    public long run(Path file) throws Exception {
        long messages = 0;
        try (InputStream in = Inputs.open(file);
                EDIStreamReader reader = factory.createEDIStreamReader(in)) {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                // Without control-structure validation StAEDI emits no START_TRANSACTION: count UNH segments.
                if (event == EDIStreamEvent.START_SEGMENT && isUnh(reader)) {
                    messages++;
                } else if (event == EDIStreamEvent.ELEMENT_DATA) {
                    checksum += reader.getTextLength();
                }
            }
        }
        return messages;
    }

    private static boolean isUnh(EDIStreamReader reader) {
        char[] text = reader.getTextCharacters();
        int start = reader.getTextStart();
        return reader.getTextLength() == 3 && text[start] == 'U' && text[start + 1] == 'N' && text[start + 2] == 'H';
    }
}
