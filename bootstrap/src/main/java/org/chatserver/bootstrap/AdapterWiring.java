package org.chatserver.bootstrap;

import org.chatserver.adapter.persistence.PersistenceConfiguration;
import org.chatserver.adapter.rest.RestConfiguration;
import org.chatserver.adapter.security.SecurityConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Which adapter fills which port. Reading this and {@link UseCaseConfiguration} gives the whole system. */
@Configuration(proxyBeanMethods = false)
@Import({PersistenceConfiguration.class, SecurityConfiguration.class, RestConfiguration.class})
class AdapterWiring {
}
