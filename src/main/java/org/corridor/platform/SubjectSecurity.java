package org.corridor.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * What Corridor's broker security managers share ({@link BrokerSecurity} of the embedded broker, the standalone
 * broker's node login): an authenticated connection is a {@link Subject} with one principal, checked by name.
 */
abstract class SubjectSecurity implements ActiveMQSecurityManager5 {

    /** A subject of one principal. */
    static Subject subject(String name) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(name));
        return subject;
    }

    /** Whether {@code subject} is the principal {@code name}. */
    static boolean is(Subject subject, String name) {
        return subject != null
                && subject.getPrincipals(UserPrincipal.class).stream().anyMatch(p -> name.equals(p.getName()));
    }

    /** The password given against the one configured, in constant time. */
    static boolean matches(byte[] expected, String given) {
        return given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
    }

    /** The pre-Subject entry points; the broker uses authenticate and authorize instead. */
    @Override
    public boolean validateUser(String user, String password) {
        return false;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return false;
    }
}
