package org.corridor.parse.json;

import java.time.LocalDate;
import java.util.List;

/** The clearing agent's status update as JSON (schema psw-status-1): a DTO, bound after the schema accepted it. */
record PswStatus(String gdNumber, String status, LocalDate statusDate, String office, List<Remark> remarks) {

    /** A remark customs attached to the status, with its code where the agent copied one. */
    record Remark(String code, String text) {}
}
