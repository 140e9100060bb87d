package org.corridor.bench.edi;

import org.smooks.api.ExecutionContext;
import org.smooks.api.TypedKey;
import org.smooks.api.resource.visitor.sax.ng.AfterVisitor;
import org.w3c.dom.Element;

/**
 * Smooks visitor that counts the {@code Message} elements the EDIFACT parser emits (one per UNH…UNT), keeping
 * the count in the execution context where the caller reads it after filtering.
 */
public final class MessageCounter implements AfterVisitor {

    /** Where the count is kept in the execution context. */
    public static final TypedKey<long[]> COUNT = TypedKey.of("corridor.bench.messageCount");

    @Override
    public void visitAfter(Element element, ExecutionContext executionContext) {
        long[] count = executionContext.get(COUNT);
        if (count == null) {
            count = new long[1];
            executionContext.put(COUNT, count);
        }
        count[0]++;
    }

    /** The number of messages counted in this execution, 0 if none. */
    public static long count(ExecutionContext executionContext) {
        long[] count = executionContext.get(COUNT);
        return count == null ? 0 : count[0];
    }
}
