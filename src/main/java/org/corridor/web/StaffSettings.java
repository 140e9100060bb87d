package org.corridor.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The console's people and how their logins are guarded ({@code corridor.users.*}, {@code corridor.logins.*}).
 *
 * @param users  staff users by name: each with its role and the bcrypt hash of its password
 *               ({@code java -jar corridor.jar users hash} prints one); none configured, the first start creates
 *               {@code admin} with a random password in {@code initial-admin-password} under corridor.home
 * @param logins how failed logins are throttled
 */
@Validated
@ConfigurationProperties(prefix = "corridor")
record StaffSettings(
        Map<String, @Valid User> users, @Valid @NotNull Logins logins) {

    StaffSettings {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    /**
     * @param role         VIEWER, OPERATOR or ADMIN
     * @param passwordHash the bcrypt hash of the password ({@code $2a$…}, {@code $2b$…} or {@code $2y$…})
     */
    record User(@NotNull StaffRole role, @NotNull String passwordHash) {

        @Override
        public String toString() {
            return "User[role=" + role + ", passwordHash=******]";
        }
    }

    /**
     * @param maxFailures failed logins in a row (per user name, and per client address) before logins are refused
     *                    for a while
     * @param lock        how long the first refusal lasts; each further failure doubles it
     * @param maxLock     the longest refusal
     */
    record Logins(
            @Min(1) int maxFailures,
            @NotNull Duration lock,
            @NotNull Duration maxLock) {}
}
