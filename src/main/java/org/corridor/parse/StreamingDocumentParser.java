package org.corridor.parse;

import java.io.InputStream;
import java.util.function.Consumer;
import org.corridor.detect.Detection;

/**
 * A parser that reads a file of any size message by message (EDI interchanges of many messages), handing each
 * message to {@code sink} as soon as it is read. Faults are collected and thrown as one
 * {@link org.corridor.problem.RejectedException} at the end, after the valid messages were handed on: a caller
 * that must not act on part of a refused file keeps what it received until the call returns.
 */
public interface StreamingDocumentParser extends DocumentParser {

    void parse(InputStream content, Detection detection, Consumer<ParsedMessage> sink, Consumer<Object> facts);
}
