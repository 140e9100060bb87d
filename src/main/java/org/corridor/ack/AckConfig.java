package org.corridor.ack;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on Spring's scheduler for the acknowledgement check. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AckConfig {}
