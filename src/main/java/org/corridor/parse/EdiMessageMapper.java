package org.corridor.parse;

import java.util.List;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiValues;

/**
 * Maps one valid EDI message type to canonical bodies. The message has passed its StAEDI schema; a mapper checks
 * what a schema cannot (a real date, a number, a code Corridor maps) and throws
 * {@link org.corridor.problem.RejectedException} with the segment's location ({@link EdiValues} helps). It returns
 * only body and kind; the parser adds the envelope facts (sender, receiver, references, type and version).
 */
public interface EdiMessageMapper {

    /** {@code EDIFACT} or {@code X12}. */
    String standard();

    /** The message types read, such as {@code QALITY} or {@code 863}. */
    List<String> messageTypes();

    /** The canonical bodies of one message: one for most messages, one per status for IFTSTA and 315. */
    List<ParsedMessage> map(EdiMessage message);
}
