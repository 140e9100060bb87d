package org.corridor.canonical;

/** Where a canonical document came from: wire format, message type, envelope ids and the received file. */
public record Source(
        String format,
        String messageType,
        String version,
        String sender,
        String receiver,
        String interchangeRef,
        String messageRef,
        String fileName,
        String sha256) {}
