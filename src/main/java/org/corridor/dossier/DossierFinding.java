package org.corridor.dossier;

import org.corridor.problem.Finding;

/** A dossier finding and the document it is about (the one that differs, or the first one concerned), by id. */
record DossierFinding(String documentId, Finding finding) {}
