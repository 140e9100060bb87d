package org.corridor.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * Who may do what on the embedded broker once it accepts network connections. The gateway itself connects in-process
 * (an in-VM connection, which nothing outside the process can open) and may do everything, as before. A network
 * connection must log in as the one configured sender, who may only send to the intake queue: it can neither read a
 * queue nor send anywhere else. Anything else is refused.
 */
final class BrokerSecurity implements ActiveMQSecurityManager5 {

    /** The identity of the gateway's own in-process connections. */
    private static final String GATEWAY = "corridor-gateway (in-process)";

    private final String user;
    private final byte[] password;
    private final String inboundQueue;

    BrokerSecurity(String user, String password, String inboundQueue) {
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.inboundQueue = inboundQueue;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        if (connection != null && connection.getTransportConnection() instanceof InVMConnection) {
            return subject(GATEWAY);
        }
        if (user != null
                && password != null
                && this.user.equals(user)
                && MessageDigest.isEqual(this.password, password.getBytes(StandardCharsets.UTF_8))) {
            return subject(sender());
        }
        return null;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false;
        }
        Set<UserPrincipal> principals = subject.getPrincipals(UserPrincipal.class);
        if (principals.stream().anyMatch(p -> GATEWAY.equals(p.getName()))) {
            return true;
        }
        // the sender may only put documents on the intake queue (by address, or by its fully qualified queue name)
        return principals.stream().anyMatch(p -> sender().equals(p.getName()))
                && checkType == CheckType.SEND
                && (inboundQueue.equals(address) || (inboundQueue + "::" + inboundQueue).equals(address));
    }

    /** The configured sender's principal name, distinct from the gateway's whatever the user is called. */
    private String sender() {
        return "sender:" + user;
    }

    private static Subject subject(String name) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(name));
        return subject;
    }

    /** The pre-Subject entry points; the broker uses {@link #authenticate} and {@link #authorize} instead. */
    @Override
    public boolean validateUser(String user, String password) {
        return false;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return false;
    }
}
