package org.corridor.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.corridor.base.FileNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts failed console logins per user name and per client address. After {@code corridor.logins.max-failures}
 * failures in a row, logins for that name (or from that address) are refused without looking at the password for
 * {@code corridor.logins.lock}, doubled with each further failure up to {@code max-lock}; a successful login clears the
 * name's count. Every failure is logged with the name and address (never the password) and counted in the metric
 * {@code corridor.logins.failed}.
 */
@Component
public class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    /** Entries idle this long are forgotten, so a flood of made-up names cannot fill the memory. */
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private static final int MAX_ENTRIES = 10_000;

    private final StaffSettings.Logins settings;
    private final Clock clock;
    private final Counter failures;
    private final Map<String, Failures> byKey = new ConcurrentHashMap<>();

    private record Failures(int count, Instant last, Instant lockedUntil) {}

    LoginThrottle(StaffSettings settings, Clock clock, MeterRegistry meters) {
        this.settings = settings.logins();
        this.clock = clock;
        this.failures = meters.counter("corridor.logins.failed");
    }

    /** How long logins for this name or from this address are still refused, if they are. */
    public Optional<Duration> lockedFor(String username, String address) {
        Instant now = Instant.now(clock);
        Duration longest = null;
        for (String key : keys(username, address)) {
            Failures f = byKey.get(key);
            if (f != null && f.lockedUntil() != null && f.lockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, f.lockedUntil());
                longest = longest == null || left.compareTo(longest) > 0 ? left : longest;
            }
        }
        return Optional.ofNullable(longest);
    }

    /** A failed login: counted for the name and the address, logged, and maybe a lock. */
    public void failed(String username, String address) {
        Instant now = Instant.now(clock);
        forgetIdle(now);
        int count = 0;
        for (String key : keys(username, address)) {
            Failures f = byKey.merge(key, new Failures(1, now, null), (old, one) -> {
                int n = old.count() + 1;
                return new Failures(n, now, n >= settings.maxFailures() ? now.plus(lockAfter(n)) : null);
            });
            if (f.count() >= settings.maxFailures() && f.lockedUntil() == null) {
                f = new Failures(f.count(), now, now.plus(lockAfter(f.count())));
                byKey.put(key, f);
            }
            count = Math.max(count, f.count());
        }
        failures.increment();
        if (count >= settings.maxFailures()) {
            LOG.warn(
                    "Failed login for user '{}' from {} ({} failures in a row): logins refused for {}",
                    FileNames.forLog(String.valueOf(username)),
                    address,
                    count,
                    lockAfter(count));
        } else {
            LOG.warn(
                    "Failed login for user '{}' from {} ({} failure(s) in a row)",
                    FileNames.forLog(String.valueOf(username)),
                    address,
                    count);
        }
    }

    /** A successful login: the name starts afresh (the address keeps its count: one address may try many names). */
    public void succeeded(String username) {
        byKey.remove(userKey(username));
    }

    /** Forgets every failure of this name (an admin's "unlock"). */
    public void clear(String username) {
        byKey.remove(userKey(username));
    }

    private Duration lockAfter(int count) {
        int doublings = Math.min(20, Math.max(0, count - settings.maxFailures()));
        Duration lock = settings.lock().multipliedBy(1L << doublings);
        return lock.compareTo(settings.maxLock()) > 0 ? settings.maxLock() : lock;
    }

    private void forgetIdle(Instant now) {
        if (byKey.size() < MAX_ENTRIES / 2) {
            return;
        }
        byKey.entrySet()
                .removeIf(e -> e.getValue().last().plus(FORGET_AFTER).isBefore(now)
                        && (e.getValue().lockedUntil() == null
                                || e.getValue().lockedUntil().isBefore(now)));
        if (byKey.size() >= MAX_ENTRIES) {
            // still full of live entries: keep the locks, forget the mere counts
            byKey.entrySet().removeIf(e -> e.getValue().lockedUntil() == null);
        }
    }

    private static String[] keys(String username, String address) {
        return address == null
                ? new String[] {userKey(username)}
                : new String[] {userKey(username), "address:" + address};
    }

    private static String userKey(String username) {
        return "user:" + String.valueOf(username).strip().toLowerCase(Locale.ROOT);
    }
}
