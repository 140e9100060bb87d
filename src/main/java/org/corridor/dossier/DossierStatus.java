package org.corridor.dossier;

/**
 * Where a shipment's dossier stands: OPEN until every required document is there without errors, then COMPLETE (and
 * sent); REOPENED when a later document brings an error into a complete dossier, COMPLETE again (and sent again) once
 * no error remains.
 */
public enum DossierStatus {
    OPEN,
    COMPLETE,
    REOPENED
}
