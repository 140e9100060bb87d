package org.corridor.canonical;

/** One identifier of a party in a named scheme (EDI, NTN, STRN, EIN, SCAC, IMO, DUNS, LAB). */
public record PartyId(String scheme, String value) {}
