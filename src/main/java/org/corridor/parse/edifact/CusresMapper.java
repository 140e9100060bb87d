package org.corridor.parse.edifact;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corridor.canonical.CustomsResponse;
import org.corridor.edi.EdiMessage;
import org.corridor.edi.EdiSegment;
import org.corridor.edi.EdiValues;
import org.corridor.parse.EdiMessageMapper;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;

/**
 * EDIFACT D96A CUSRES (customs response) to CUSTOMS_RESPONSE, as docs/mig/edifact-cusres-d96a.md describes: BGM
 * 1001 gives the status ({@code 961} accepted, {@code 962} released, {@code 963} rejected), {@code RFF+ABT} the
 * declaration, {@code DTM+137} the status date, {@code LOC+22} the customs office; each {@code ERC} code is a message,
 * with the text of the {@code FTX} whose C107 names that code; an {@code FTX} naming no code is a message without
 * one. Messages keep the order of the ERC segments, then of the remaining FTX.
 */
public final class CusresMapper implements EdiMessageMapper {

    static final Map<String, String> STATUS = Map.of("961", "ACCEPTED", "962", "RELEASED", "963", "REJECTED");

    @Override
    public String standard() {
        return "EDIFACT";
    }

    @Override
    public List<String> messageTypes() {
        return List.of("CUSRES");
    }

    @Override
    public List<ParsedMessage> map(EdiMessage message) {
        EdiSegment bgm = message.first("BGM").orElseThrow();
        String status = bgm.component(1, 1) == null ? null : STATUS.get(bgm.component(1, 1));
        if (status == null) {
            throw EdiValues.reject(
                    ErrorCode.EDI_ELEMENT_MISSING,
                    bgm,
                    1,
                    1,
                    "BGM01-1 (data element 1001) in"
                            + " segment BGM at position " + bgm.position() + " is empty. Write 961 (accepted), 962"
                            + " (released) or 963 (rejected).");
        }
        EdiSegment rff = message.first("RFF", "ABT").orElseThrow();
        String declarationNo = rff.component(1, 2);
        if (declarationNo == null) {
            throw EdiValues.reject(
                    ErrorCode.EDI_ELEMENT_MISSING,
                    rff,
                    1,
                    2,
                    "RFF01-2 (data element 1154) in"
                            + " segment RFF at position " + rff.position() + " is empty: write the goods declaration"
                            + " number the response is about.");
        }
        LocalDate statusDate =
                message.first("DTM", "137").map(EdiValues::dtmDate).orElse(null);
        String office = message.first("LOC", "22")
                .map(l -> l.component(2, 4) != null ? l.component(2, 4) : l.component(2, 1))
                .orElse(null);
        Map<String, String> texts = new LinkedHashMap<>();
        List<String> uncoded = new ArrayList<>();
        for (EdiSegment ftx : message.all("FTX")) {
            String text = text(ftx);
            String code = ftx.component(3, 1);
            if (code != null && !texts.containsKey(code)) {
                texts.put(code, text);
            } else if (text != null) {
                uncoded.add(text);
            }
        }
        List<CustomsResponse.Message> messages = new ArrayList<>();
        for (EdiSegment erc : message.all("ERC")) {
            String code = erc.component(1, 1);
            messages.add(new CustomsResponse.Message(code, texts.remove(code)));
        }
        texts.forEach((code, text) -> messages.add(new CustomsResponse.Message(code, text)));
        uncoded.forEach(text -> messages.add(new CustomsResponse.Message(null, text)));
        return List.of(ParsedMessage.of(new CustomsResponse(declarationNo, status, statusDate, office, messages)));
    }

    /** The text of an FTX: the C108 components joined with a space (each holds at most 70 characters). */
    private static String text(EdiSegment ftx) {
        List<String> parts = new ArrayList<>();
        for (int c = 1; c <= 5; c++) {
            String part = ftx.component(4, c);
            if (part != null) {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }
}
