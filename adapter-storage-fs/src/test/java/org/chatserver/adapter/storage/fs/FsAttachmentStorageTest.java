package org.chatserver.adapter.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.chatserver.application.contract.AttachmentStorageContract;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.AttachmentStorageException;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FsAttachmentStorageTest extends AttachmentStorageContract {

    @TempDir
    Path temp;
    Path root;
    FsAttachmentStorage storage;

    @BeforeEach
    void createStorage() {
        root = temp.resolve("files");
        storage = new FsAttachmentStorage(root);
    }

    @Override
    protected AttachmentStorage storage() {
        return storage;
    }

    @Test
    void createsItsFolderWhenMissing() {
        Path nested = temp.resolve("a/b/c");

        new FsAttachmentStorage(nested);

        assertThat(nested).isDirectory();
    }

    @Test
    void refusesARootThatIsAFile() throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> new FsAttachmentStorage(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not-a-folder");
    }

    @Test
    void keepsEachObjectAsAFileNamedByItsKeyDirectlyInTheRoot() throws IOException {
        StorageKey key = freshKey(".txt");
        store(key, "on disk".getBytes(StandardCharsets.UTF_8));

        assertThat(root.resolve(key.value())).hasContent("on disk");
        assertThat(filesIn(temp)).containsExactly("files");
    }

    @Test
    void leavesNoTemporaryFileBehindWhenAStoreFails() throws IOException {
        StorageKey kept = freshKey(".txt");
        store(kept, "kept".getBytes(StandardCharsets.UTF_8));

        for (long announced : new long[] {5, 50}) {
            StorageKey key = freshKey(".bin");
            assertThatThrownBy(() -> storage.store(key, new ByteArrayInputStream(ascending(20)), announced, "x/y"))
                    .isInstanceOf(AttachmentStorageException.class);
        }
        assertThatThrownBy(() -> storage.store(kept, new GeneratedInputStream(500_000, 100_000), 500_000, "x/y"))
                .isInstanceOf(AttachmentStorageException.class);

        assertThat(filesIn(root)).containsExactly(kept.value());
    }

    @Test
    void leavesNoTemporaryFileBehindWhenAStoreSucceeds() throws IOException {
        StorageKey key = freshKey(".bin");
        storage.store(key, new GeneratedInputStream(1_000_000, -1), 1_000_000, "x/y");

        assertThat(filesIn(root)).containsExactly(key.value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escaped", "a/../../escaped", "/tmp/escaped", "sub/file", "..", ".", ""})
    void neverResolvesANameOutsideTheRootEvenWithoutStorageKeyChecks(String name) {
        assertThatThrownBy(() -> storage.resolve(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doesNotFollowASymbolicLinkPlantedInItsFolder() throws IOException {
        Path secret = Files.writeString(temp.resolve("secret.txt"), "outside the root");
        StorageKey key = new StorageKey("planted.txt");
        Files.createSymbolicLink(root.resolve(key.value()), secret);

        assertThat(storage.open(key, null)).isEmpty();
        assertThat(storage.stat(key)).isEmpty();
    }

    @Test
    void handsOutNoPresignedUrls() {
        StorageKey key = freshKey(".png");
        store(key, ascending(3));

        assertThat(storage.presignedDownload(key, "image/png", "inline")).isEmpty();
    }

    private static List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
