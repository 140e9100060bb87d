package org.corridor.canonical;

import java.time.LocalDate;
import java.util.List;

/** Body of a CUSTOMS_RESPONSE: customs' answer to a declaration (ACCEPTED, REJECTED, HELD, RELEASED). */
public record CustomsResponse(
        String declarationNo, String status, LocalDate statusDate, String office, List<Message> messages)
        implements DocumentBody {

    public CustomsResponse {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.CUSTOMS_RESPONSE;
    }

    /** One remark or error from customs. */
    public record Message(String code, String text) {}
}
