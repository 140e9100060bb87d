package org.corridor.render.psw;

import java.util.List;
import org.corridor.base.OutputFormat;
import org.corridor.canonical.CanonicalDocument;
import org.corridor.canonical.CustomsDeclaration;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;

/** What the worksheet renderers share: which documents they take, and a party's id in one scheme. */
final class PswDeclarations {

    private PswDeclarations() {}

    /** The body of a CUSTOMS_DECLARATION with jurisdiction PK; anything else is refused. */
    static CustomsDeclaration pakistanDeclaration(CanonicalDocument document, OutputFormat format) {
        if (document == null
                || document.kind() != DocumentKind.CUSTOMS_DECLARATION
                || !(document.body() instanceof CustomsDeclaration declaration)) {
            throw new IllegalArgumentException(format + " renders only CUSTOMS_DECLARATION documents, not "
                    + (document == null ? "null" : document.kind()));
        }
        if (!"PK".equals(declaration.jurisdiction())) {
            throw new IllegalArgumentException(format + " renders only Pakistan (PK) declarations, not jurisdiction "
                    + declaration.jurisdiction());
        }
        return declaration;
    }

    /** The value of the party's id in {@code scheme}, or null; a scheme given twice is refused. */
    static String id(Party party, String scheme) {
        if (party == null) {
            return null;
        }
        List<String> values = party.ids().stream()
                .filter(i -> scheme.equals(i.scheme()))
                .map(PartyId::value)
                .toList();
        if (values.size() > 1) {
            throw new IllegalArgumentException("Party " + party.name() + " has " + values.size() + " " + scheme
                    + " ids; the worksheet carries one");
        }
        return values.isEmpty() ? null : values.get(0);
    }
}
