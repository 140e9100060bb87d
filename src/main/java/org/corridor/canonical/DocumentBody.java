package org.corridor.canonical;

/** The kind-specific content of a canonical document. */
public interface DocumentBody {

    /** The kind this body belongs to, so an envelope never disagrees with its body. */
    DocumentKind kind();
}
