package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.chatserver.application.contract.TestImages;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.bootstrap.TestDataDirs;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A photo sent before this server cleaned uploads still tells every member of its room where it was taken. The
 * operator starts a cleaning run on the management port; afterwards the same URL serves the photo without its
 * place, and the room's history shows the new size.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class FileCleaningTest {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", TestDataDirs.once("file-cleaning-test-"));
        registry.add("chat.security.bcrypt-cost", () -> "4");
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    AttachmentStorage storage;

    @Autowired
    AttachmentRepository attachments;

    @Autowired
    MessageRepository messages;

    @Autowired
    UserRepository users;

    @Test
    void aPhotoStoredWithItsPlaceIsServedWithoutItAfterACleaningRunAndItsMessageShowsTheNewSize() {
        HttpTestClient http = new HttpTestClient(port);
        String name = "clean" + UUID.randomUUID().toString().substring(0, 8);
        String token = http.post("/api/auth/signup", AuthFlowContract.credentials(name, "correct horse"), null)
                .text("access_token");
        long room = http.post("/api/rooms", "{\"name\":\"Holiday " + name + "\",\"private\":false}", token)
                .json().path("id").asLong();
        byte[] photo = TestImages.phonePhoto(TestImages.picture(64, 48, BufferedImage.TYPE_INT_RGB), 6);
        String file = storedAsAnOlderServerDid(name, room, photo);
        assertThat(new String(download(http, file).body(), StandardCharsets.ISO_8859_1)).as("before the run")
                .contains(TestImages.PLACE);

        HttpTestClient management = new HttpTestClient(managementPort);
        HttpTestClient.Response started = management.post("/actuator/filecleaning", null, null);
        assertThat(started.status()).isEqualTo(200);
        JsonNode report = untilFinished(management);

        HttpResponse<byte[]> served = download(http, file);
        assertThat(new String(served.body(), StandardCharsets.ISO_8859_1)).doesNotContain(TestImages.PLACE);
        assertThat(served.body().length).isLessThan(photo.length);
        assertThat(served.headers().firstValueAsLong("Content-Length")).hasValue(served.body().length);
        JsonNode message = http.get("/api/rooms/" + room + "/messages", token).json().path(0);
        assertThat(message.path("file_size").asLong()).as("the size its message shows").isEqualTo(served.body().length);
        assertThat(report.path("state").asString()).isEqualTo("done");
        assertThat(report.path("rewritten").asLong()).isEqualTo(1);
        assertThat(report.path("failed").asLong()).isZero();
        assertThat(report.path("bytes_removed").asLong()).isEqualTo(photo.length - served.body().length);

        assertThat(management.post("/actuator/filecleaning", null, null).status()).isEqualTo(200);
        JsonNode again = untilFinished(management);
        assertThat(again.path("rewritten").asLong()).as("a second run").isZero();
        assertThat(again.path("unchanged").asLong()).isEqualTo(1);

        assertThat(management.post("/actuator/filecleaning", "{\"after\":\"" + file + "\"}", null).status())
                .isEqualTo(200);
        JsonNode resumed = untilFinished(management);
        assertThat(resumed.path("after").asString()).as("going on after the last name").isEqualTo(file);
        assertThat(resumed.path("examined").asLong()).isZero();
    }

    /** The photo's bytes as sent, its upload record and a message that carries it: what an upgraded server finds. */
    private String storedAsAnOlderServerDid(String username, long room, byte[] photo) {
        UserId alice = users.findByUsername(new Username(username)).orElseThrow().id();
        String file = UUID.randomUUID() + ".jpg";
        storage.store(new StorageKey(file), new ByteArrayInputStream(photo), photo.length, "image/jpeg");
        attachments.add(new StoredAttachment(file, "IMG_0001.jpg", photo.length, "image/jpeg", AttachmentKind.IMAGE,
                alice, Instant.now(), null));
        messages.append(new RoomId(room), alice, new MessageDraft(MessageText.EMPTY, MessageType.IMAGE,
                new Attachment(file, "IMG_0001.jpg", (long) photo.length, "image/jpeg")), null, Instant.now());
        return file;
    }

    private static HttpResponse<byte[]> download(HttpTestClient http, String file) {
        HttpResponse<byte[]> response = http.download("/api/files/" + file);
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static JsonNode untilFinished(HttpTestClient management) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            JsonNode report = management.get("/actuator/filecleaning", null).json();
            if (!report.path("state").asString().equals("running") || Instant.now().isAfter(deadline)) {
                return report;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
