package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jakarta.servlet.Filter;
import org.chatserver.bootstrap.TestDataDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The size limit is exact (10 MiB passes, one byte more does not) and uploads stream: the thread
 * that takes an upload allocates far less than the file's size. A filter around the upload
 * endpoint reads that thread's own allocation counter before and after the request, so nothing
 * else running in the JVM counts. Requests run on platform threads here: the JVM keeps no
 * allocation counter for a virtual thread (it answers -1), and the code that runs is the same.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UploadStreamingTest {

    private static final BlockingQueue<Long> REQUEST_ALLOCATIONS = new LinkedBlockingQueue<>();

    private static final int LIMIT = 10 * 1024 * 1024;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @LocalServerPort
    int port;

    @TempDir
    Path files;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", TestDataDirs.once("upload-streaming-test-"));
        registry.add("chat.security.bcrypt-cost", () -> "4");
        registry.add("spring.threads.virtual.enabled", () -> "false");
    }

    /** Counts what the thread serving each upload allocates while it does. */
    @TestConfiguration(proxyBeanMethods = false)
    static class AllocationProbe {

        @Bean
        FilterRegistrationBean<Filter> uploadAllocation() {
            Filter probe = (request, response, chain) -> {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                try {
                    chain.doFilter(request, response);
                } finally {
                    long after = THREADS.getCurrentThreadAllocatedBytes();
                    REQUEST_ALLOCATIONS.add(before < 0 || after < 0 ? -1 : after - before);
                }
            };
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(probe);
            registration.addUrlPatterns("/api/upload-file");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }

    @Test
    void tenMebibytesPassOneByteMoreDoesNotAndNeitherIsHeldInMemory() throws Exception {
        HttpTestClient http = new HttpTestClient(port);
        String token = http.post("/api/auth/signup", AuthFlowContract.credentials(
                "big" + UUID.randomUUID().toString().substring(0, 8), "correct horse"), null).text("access_token");
        Path exact = text(files.resolve("exact.txt"), LIMIT);
        Path over = text(files.resolve("over.txt"), LIMIT + 1);
        assertThat(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled())
                .as("this JVM counts allocation per thread").isTrue();
        assertThat(allocationWhile(() -> new byte[LIMIT])).as("the counter sees a 10 MiB array")
                .isGreaterThanOrEqualTo(LIMIT);
        curl(token, exact); // warm up class loading and pools, so they do not count below
        requestAllocation();

        Result accepted = curl(token, exact);
        long acceptedAllocation = requestAllocation();
        Result refused = curl(token, over);
        long refusedAllocation = requestAllocation();

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("\"file_size\":" + LIMIT);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("File size must be less than 10MB");
        System.out.printf("allocated by the request thread for a %d-byte upload: %d bytes; for a refused one: %d bytes%n",
                LIMIT, acceptedAllocation, refusedAllocation);
        // above zero: the counter ran for these requests; below half the file: it was never held whole
        assertThat(acceptedAllocation).as("bytes allocated while taking a 10 MiB upload").isPositive()
                .isLessThan(LIMIT / 2);
        assertThat(refusedAllocation).as("bytes allocated while refusing a 10 MiB + 1 upload").isPositive()
                .isLessThan(LIMIT / 2);
    }

    /** What the thread that served the last upload allocated while serving it. */
    private static long requestAllocation() throws InterruptedException {
        Long bytes = REQUEST_ALLOCATIONS.poll(30, TimeUnit.SECONDS);
        assertThat(bytes).as("the upload went through the probe and was counted").isNotNull().isNotNegative();
        return bytes;
    }

    private static long allocationWhile(java.util.function.Supplier<byte[]> work) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        byte[] made = work.get();
        long after = THREADS.getCurrentThreadAllocatedBytes();
        assertThat(made).isNotNull();
        return after - before;
    }

    private record Result(int status, String body) {
    }

    private Result curl(String token, Path file) throws IOException, InterruptedException {
        Path body = Files.createTempFile(files, "response", ".json");
        List<String> command = List.of("curl", "-s", "-o", body.toString(), "-w", "%{http_code}",
                "-H", "Authorization: Bearer " + token,
                "-F", "file=@" + file + ";type=text/plain",
                "http://127.0.0.1:" + port + "/api/upload-file");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("this test drives uploads with curl from another process: install curl", e);
        }
        String status = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor();
        return new Result(Integer.parseInt(status.substring(status.length() - 3)), Files.readString(body));
    }

    private static Path text(Path path, int size) throws IOException {
        byte[] line = "all work and no play makes a large upload\n".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(path)) {
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = line[i % line.length];
            }
            int left = size;
            while (left > 0) {
                int n = Math.min(left, chunk.length);
                out.write(Arrays.copyOf(chunk, n));
                left -= n;
            }
        }
        return path;
    }
}
