package org.chatserver.adapter.notification.webhook;

import java.time.Clock;
import org.chatserver.application.port.out.notification.Notifications;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Notifications to a webhook, as bootstrap imports it: fills the {@link Notifications} port from
 * {@code chat.notifications.webhook.*} ({@link WebhookProperties}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {

    @Bean(destroyMethod = "close")
    Notifications webhookNotifications(WebhookProperties properties, Clock clock) {
        return new WebhookNotifications(properties, clock);
    }
}
