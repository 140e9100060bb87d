package org.corridor.support;

import org.corridor.agreement.AgreementFiles;
import org.corridor.canonical.ReferenceData;

/**
 * The reference tables for tests, loaded once per test run (main code has no such shared copy: the application
 * loads its own and passes it on), and the agreement file reader built on them.
 */
public final class TestReferenceData {

    /** The project's reference tables, as the gateway and the command line load them. */
    public static final ReferenceData REFERENCE = ReferenceData.load();

    /** Reads agreement files with {@link #REFERENCE}. */
    public static final AgreementFiles AGREEMENT_FILES = new AgreementFiles(REFERENCE);

    private TestReferenceData() {}
}
