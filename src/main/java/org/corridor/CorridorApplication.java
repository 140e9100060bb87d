package org.corridor;

import org.corridor.cli.CorridorCli;
import org.corridor.platform.StartupChecks;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The one jar: without arguments, or with only settings ({@code --corridor.home=/srv/x}), it starts the gateway;
 * with anything else it is the command-line tool, which never starts one.
 */
@SpringBootApplication(scanBasePackages = "org.corridor")
@ConfigurationPropertiesScan("org.corridor")
public class CorridorApplication {

    public static void main(String[] args) {
        if (CorridorCli.isCommand(args)) {
            CorridorCli.quietLogging();
            System.exit(new CorridorCli(System.out, System.err).run(args));
        }
        SpringApplication gateway = new SpringApplication(CorridorApplication.class);
        gateway.addListeners(new StartupChecks());
        try {
            gateway.run(args);
        } catch (RuntimeException e) {
            // already reported (StartupFailureReporter, or Spring Boot's own report); threads the failed start left
            // behind must not keep the process alive
            System.exit(1);
        }
    }
}
