package org.corridor.canonical;

/** An Incoterms rule with its named place and edition, e.g. CIF USHOU 2020. */
public record Incoterm(String rule, String place, String version) {}
