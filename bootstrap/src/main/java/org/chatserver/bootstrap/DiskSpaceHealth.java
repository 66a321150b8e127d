package org.chatserver.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.unit.DataSize;

/**
 * Free space where the server writes: the data folder (SQLite, attachments on disk) and the folder
 * uploads are spooled to while they arrive. Below the threshold the node reports DOWN (readiness
 * included), so a load balancer sends traffic elsewhere before writes start failing with 507, and
 * the change is logged once each way. Folders that do not exist are skipped (production keeps
 * nothing in the data folder).
 */
final class DiskSpaceHealth implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(DiskSpaceHealth.class);

    private final List<Path> folders;
    private final DataSize threshold;
    private final AtomicBoolean low = new AtomicBoolean();

    DiskSpaceHealth(List<Path> folders, DataSize threshold) {
        this.folders = folders.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        this.threshold = threshold;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        String lowest = null;
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            long free;
            try {
                free = Files.getFileStore(folder).getUsableSpace();
            } catch (IOException e) {
                return Health.down(e).withDetail("path", folder.toString()).build();
            }
            details.put(folder.toString(), Map.of("free", free));
            if (free < threshold.toBytes()) {
                lowest = folder + " has " + DataSize.ofBytes(free).toMegabytes() + "MB free";
            }
        }
        details.put("threshold", threshold.toBytes());
        report(lowest);
        return (lowest == null ? Health.up() : Health.down()).withDetails(details).build();
    }

    private void report(String lowest) {
        if (lowest != null && low.compareAndSet(false, true)) {
            LOG.warn("Low disk space: {}, below chat.health.min-free-disk ({}MB); this node reports DOWN until space is"
                    + " freed, and uploads and new messages may fail with 507", lowest, threshold.toMegabytes());
        } else if (lowest == null && low.compareAndSet(true, false)) {
            LOG.info("Disk space is above chat.health.min-free-disk ({}MB) again", threshold.toMegabytes());
        }
    }
}
