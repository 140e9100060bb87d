package org.corridor.formats;

import org.apache.camel.CamelContext;
import org.corridor.canonical.ReferenceData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's format catalog: the same one the command line builds, as a bean. */
@Configuration(proxyBeanMethods = false)
class FormatsConfig {

    @Bean
    FormatCatalog formatCatalog(CamelContext camelContext, ReferenceData reference) {
        return FormatCatalog.standard(camelContext, reference);
    }
}
