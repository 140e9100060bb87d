package org.corridor.platform;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded broker's settings ({@code corridor.broker.*}): how its journal flushes, how much heap it may hold, and
 * the optional TCP acceptor through which other systems send documents to the intake queue, with the one user allowed
 * to. The password is never shown ({@link #toString()}).
 *
 * @param journalBufferTimeoutNs how long the journal gathers writes before one fsync
 * @param maxMemoryMb            queued messages beyond this are paged to disk
 * @param acceptor               e.g. {@code tcp://127.0.0.1:61616}; empty: no acceptor, only the gateway itself (in
 *                               the same process) connects
 * @param user                   the user other systems connect as; required with an acceptor
 * @param password               that user's password, from the environment; required with an acceptor, no default
 */
@Validated
@ConfigurationProperties(prefix = "corridor.broker")
record BrokerProperties(
        @Min(0) int journalBufferTimeoutNs, @Min(1) long maxMemoryMb, String acceptor, String user, String password) {

    public BrokerProperties {
        acceptor = acceptor == null || acceptor.isBlank() ? null : acceptor.strip();
        user = user == null || user.isBlank() ? null : user.strip();
        password = password == null || password.isEmpty() ? null : password;
        if (acceptor != null && (user == null || password == null)) {
            throw new IllegalArgumentException("corridor.broker.acceptor is set (" + acceptor + "), so other systems"
                    + " can connect to the broker, but corridor.broker." + (user == null ? "user" : "password")
                    + " is not. Set CORRIDOR_BROKER_USER and CORRIDOR_BROKER_PASSWORD (there is no default"
                    + " password), or leave corridor.broker.acceptor empty.");
        }
    }

    /** Whether other systems may connect over the network. */
    public boolean hasAcceptor() {
        return acceptor != null;
    }

    @Override
    public String toString() {
        return "BrokerProperties[journalBufferTimeoutNs=" + journalBufferTimeoutNs + ", maxMemoryMb=" + maxMemoryMb
                + ", acceptor=" + acceptor + ", user=" + user + ", password=" + (password == null ? null : "******")
                + "]";
    }
}
