package org.corridor.dossier;

/** Where a shipment's dossier stands: OPEN until every required document is there without errors, then COMPLETE. */
public enum DossierStatus { OPEN, COMPLETE }
