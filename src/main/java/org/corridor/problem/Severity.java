package org.corridor.problem;

/** How much a finding matters: an ERROR stops delivery, a WARNING travels with the document, INFO is for the record. */
public enum Severity {
    ERROR,
    WARNING,
    INFO
}
