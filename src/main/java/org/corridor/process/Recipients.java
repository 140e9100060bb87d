package org.corridor.process;

import java.util.List;
import org.corridor.canonical.DocumentKind;
import org.corridor.render.edi.EdiOutbound;
import org.corridor.agreement.Agreement;
import org.corridor.render.Renderers;
import org.springframework.stereotype.Component;

/** Whom an agreement names for a kind of document, each in a format this build can write. */
@Component
class Recipients {

    private final Renderers renderers;
    private final EdiOutbound ediOutbound;

    Recipients(Renderers renderers, EdiOutbound ediOutbound) {
        this.renderers = renderers;
        this.ediOutbound = ediOutbound;
    }

    /** Possibly nobody: an agreement need not send complete dossiers anywhere. */
    List<Agreement.Distribution> of(Agreement agreement, DocumentKind kind) {
        List<Agreement.Distribution> recipients = agreement.recipientsOf(kind);
        for (Agreement.Distribution r : recipients) {
            if (renderers.find(r.format()).isEmpty() && !ediOutbound.canWrite(r.format(), kind)) {
                throw new IllegalStateException("agreement " + agreement.id() + " asks for format " + r.format()
                        + " for " + r.partner() + ", which this build cannot write");
            }
        }
        return recipients;
    }
}
