package org.chatserver.bootstrap;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** Web settings that follow the chat settings, so there is one place to change them. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** Room for the multipart envelope and the other form fields around the file. */
    private static final long ENVELOPE_BYTES = DataSize.ofKilobytes(64).toBytes();

    /**
     * Uploads stream to disk from the first byte (threshold 0), and the servlet container cuts an
     * upload off as soon as it passes {@code chat.uploads.max-file-size}: a large upload is never
     * held in memory nor read to its end.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(ChatProperties properties) {
        long maxFile = properties.uploads().maxFileSize().toBytes();
        return new MultipartConfigElement(null, maxFile, maxFile + ENVELOPE_BYTES, 0);
    }

    /**
     * Tomcat answers an encoded slash in a path ({@code /api/files/..%2Fetc}) with its own HTML
     * 400 page. Passed through instead, such a name reaches the file endpoint, which refuses it
     * like any other malformed name: 404 with a JSON {@code detail}.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheApplication() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
    }

    /**
     * Idle WebSocket connections are most of what a chat server holds. Tomcat gives every
     * connection an 8 KiB read and an 8 KiB write buffer for as long as it is open, and keeps the
     * buffers of up to all closed connections for reuse. Once a connection is a WebSocket, the
     * write buffer only stages small frames on their way to the socket and the read buffer what
     * goes into the WebSocket's 1 KiB input buffer (see ChatServerApplication): 2 KiB each, and a
     * bounded cache. The price: HTTP bodies (uploads, downloads) move
     * 2 KiB a system call.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallConnectionBuffers() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", "2048");
            connector.setProperty("socket.appWriteBufSize", "2048");
            connector.setProperty("socket.bufferPool", "1000");
        });
    }
}
