package org.corridor.platform;

import org.corridor.cli.CorridorCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The one jar: with a command it is the command-line tool, without one it starts the gateway. */
@SpringBootApplication(scanBasePackages = "org.corridor")
@ConfigurationPropertiesScan("org.corridor")
public class CorridorApplication {

    public static void main(String[] args) {
        if (CorridorCli.isCommand(args)) {
            CorridorCli.quietLogging();
            System.exit(new CorridorCli(System.out, System.err).run(args));
        }
        SpringApplication.run(CorridorApplication.class, args);
    }
}
