package org.corridor.track;

/** What tracking records of one parsed business message. */
public record ParsedDocument(String documentId, String kind, String describe) {}
