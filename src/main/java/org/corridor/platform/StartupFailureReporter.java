package org.corridor.platform;

import java.io.PrintStream;
import org.corridor.partner.InvalidPartnerException;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Reports a start refused for a reason an operator fixes in the configuration (a {@link StartupRefusedException}, a
 * bad partner file) as one line, {@code corridor: cannot start: <reason>}, instead of Spring Boot's report with a
 * stack trace. Runs before Boot's own reporters; other failures are left to them.
 */
public class StartupFailureReporter implements SpringBootExceptionReporter, Ordered {

    static final String PREFIX = "corridor: cannot start: ";

    private final PrintStream err;

    /** The constructor Spring Boot calls (the context may be null: the start can fail before there is one). */
    public StartupFailureReporter(ConfigurableApplicationContext context) {
        this(System.err);
    }

    StartupFailureReporter(PrintStream err) {
        this.err = err;
    }

    @Override
    public boolean reportException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StartupRefusedException || t instanceof InvalidPartnerException) {
                err.println(PREFIX + t.getMessage());
                err.flush();
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
