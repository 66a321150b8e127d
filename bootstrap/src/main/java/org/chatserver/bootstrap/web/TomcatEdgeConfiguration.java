package org.chatserver.bootstrap.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * What Tomcat itself does before any filter or controller: JSON error bodies instead of its HTML
 * page, and which peers may say who the client is ({@link ProxyProperties}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProxyProperties.class)
public class TomcatEdgeConfiguration {

    /**
     * {@code X-Forwarded-For} read right to left, believed only from the configured proxies (Boot's
     * own valve, {@code server.forward-headers-strategy=native}, would believe any private-range
     * peer, and stays off).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> trustedProxies(ProxyProperties properties) {
        return factory -> {
            RemoteIpValve valve = new RemoteIpValve();
            valve.setRemoteIpHeader("X-Forwarded-For");
            valve.setProtocolHeader("X-Forwarded-Proto");
            valve.setInternalProxies(properties.asCidrList());
            valve.setTrustedProxies("");
            factory.addEngineValves(valve);
        };
    }

    /** Lets slow calls notice a client that has hung up ({@link ClientGoneProbeValve}). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> clientGoneProbe() {
        return factory -> factory.addContextValves(new ClientGoneProbeValve());
    }

    /**
     * Runs after Boot's own customizer, which puts a plain {@link ErrorReportValve} on the host:
     * that one is replaced, and the host told not to add its default one at start.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                host.getPipeline().addValve(new JsonErrorReportValve());
            }
        });
    }
}
