package org.chatserver.bootstrap.web;

import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.util.NetMask;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chat.http.trusted-proxies}: the reverse proxies whose {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto} are believed, as addresses or CIDR blocks. A request from any other
 * peer is taken at its socket's address, whatever headers it sends: the login throttle counts
 * per address, so a forged header must never choose which address it counts against.
 *
 * <p>Default: loopback only, for a proxy on the same host (nothing outside the host can send from
 * a loopback address). A proxy elsewhere must be named; an empty list trusts nobody.
 */
@ConfigurationProperties("chat.http")
public record ProxyProperties(@DefaultValue({"127.0.0.0/8", "::1"}) List<String> trustedProxies) {

    public ProxyProperties {
        List<String> blocks = new ArrayList<>();
        for (String entry : trustedProxies == null ? List.<String>of() : trustedProxies) {
            String block = entry == null ? "" : entry.strip();
            if (block.isEmpty()) {
                continue;
            }
            if (block.indexOf('/') < 0) {
                block = block + (block.indexOf(':') >= 0 ? "/128" : "/32");
            }
            try {
                new NetMask(block);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("chat.http.trusted-proxies must list IP addresses or CIDR blocks"
                        + " (e.g. 10.0.0.0/8, 192.0.2.7, fd00::/8), not '" + entry + "'");
            }
            blocks.add(block);
        }
        trustedProxies = List.copyOf(blocks);
    }

    /** Tomcat's notation: comma-separated CIDR blocks (each with its mask, so none is read as a regex). */
    String asCidrList() {
        return String.join(",", trustedProxies);
    }
}
