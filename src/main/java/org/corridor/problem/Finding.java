package org.corridor.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One result of checking a document against its agreement, or a shipment's documents against each other: a code from
 * {@link FindingCode}, a severity, a sentence a clerk understands (naming the document, field and values), and the
 * canonical field it is about (a JSON path such as {@code body.lines[0].hsCode}), if one. Part of the canonical
 * envelope ({@code findings}) and of a dossier.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String code, Severity severity, String text, String field) {

    public static Finding of(FindingCode code, Severity severity, String field, String text) {
        return new Finding(code.name(), severity, text, field);
    }

    public static Finding error(FindingCode code, String field, String text) {
        return of(code, Severity.ERROR, field, text);
    }

    public static Finding warning(FindingCode code, String field, String text) {
        return of(code, Severity.WARNING, field, text);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
