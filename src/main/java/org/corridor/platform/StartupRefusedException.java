package org.corridor.platform;

/**
 * The gateway cannot start with this configuration; the message says what to fix, in one line, and is all that is
 * printed ({@link StartupFailureReporter}).
 */
public class StartupRefusedException extends RuntimeException {

    public StartupRefusedException(String message) {
        super(message);
    }

    public StartupRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
