package org.corridor.track;

/** The pipeline stages that write events. */
public enum Stage {
    INTAKE,
    DETECT,
    PARSE,
    ENRICH,
    VALIDATE,
    DOSSIER,
    ROUTE,
    DELIVER,
    REJECT,
    FAIL,
    REPLAY,
    ACK
}
