package org.corridor.render;

import java.util.Set;
import org.corridor.canonical.DocumentKind;

/** What every message writer declares about itself: standard, message type, version, X12 group, document kinds. */
public abstract class AbstractMessageWriter implements EdiMessageWriter {

    private final String standard;
    private final String messageType;
    private final String version;
    private final String functionalGroup;
    private final Set<DocumentKind> kinds;

    protected AbstractMessageWriter(
            String standard, String messageType, String version, String functionalGroup, DocumentKind... kinds) {
        this.standard = standard;
        this.messageType = messageType;
        this.version = version;
        this.functionalGroup = functionalGroup;
        this.kinds = Set.of(kinds);
    }

    @Override
    public final String standard() {
        return standard;
    }

    @Override
    public final String messageType() {
        return messageType;
    }

    @Override
    public final String version() {
        return version;
    }

    @Override
    public final String functionalGroup() {
        return functionalGroup;
    }

    @Override
    public final Set<DocumentKind> kinds() {
        return kinds;
    }
}
