package org.chatserver.bootstrap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The chat server. Scans only this package: the core is built by {@link UseCaseConfiguration}
 * and each adapter arrives through its own configuration class, imported in {@link AdapterWiring}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChatServerApplication {

    private static final String TOMCAT_WEBSOCKET_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    /**
     * Tomcat gives every WebSocket connection three buffers of this size, 8 KiB each by default,
     * idle or not: the input buffer frames are read into, an output buffer used only for masked or
     * batched frames (a server writes neither) and an encoder buffer used only for frames sent as
     * strings (ours go out as the bytes they were encoded to once, see FrameWriter). Chat frames
     * are a few hundred bytes; 1 KiB buffers save 21 KiB per connection against the default (a
     * larger frame from a client is read in more rounds). Set before Tomcat reads it, and only
     * when the operator has not.
     */
    static {
        if (System.getProperty(TOMCAT_WEBSOCKET_BUFFER) == null) {
            System.setProperty(TOMCAT_WEBSOCKET_BUFFER, "1024");
        }
    }

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(ChatServerApplication.class, args);
        if (context.getBeanProvider(TrainingRun.class).getIfAvailable() != null) {
            // the training run is done: exiting lets the JVM write the AOT cache it was asked for
            System.exit(SpringApplication.exit(context));
        }
    }
}
