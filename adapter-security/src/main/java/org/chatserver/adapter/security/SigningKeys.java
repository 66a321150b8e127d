package org.chatserver.adapter.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Finds the token signing key: {@code chat.security.signing-key} (base64 or base64url) wins;
 * otherwise {@code chat.security.signing-key-file}, generated on first start and reused after, so
 * tokens survive a restart. There is deliberately no built-in default: the old server shipped one.
 * The key file holds the key as one line of base64, so an operator can move it into the property.
 */
final class SigningKeys {

    static final String KEY_PROPERTY = "chat.security.signing-key";
    static final String FILE_PROPERTY = "chat.security.signing-key-file";
    static final int MIN_KEY_BYTES = JjwtAccessTokens.MIN_KEY_BYTES;
    static final int GENERATED_KEY_BYTES = 32;

    private static final Log LOG = LogFactory.getLog(SigningKeys.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SigningKeys() {
    }

    /**
     * @throws InvalidSigningKeyException naming the property to fix, never quoting the secret
     */
    static byte[] resolve(String signingKey, Path signingKeyFile) {
        if (signingKey != null && !signingKey.isBlank()) {
            return fromProperty(signingKey);
        }
        if (signingKeyFile != null) {
            return fromFile(signingKeyFile);
        }
        throw new InvalidSigningKeyException(KEY_PROPERTY + " is required: set it to a random secret of at least "
                + MIN_KEY_BYTES + " bytes in base64 (e.g. the output of `openssl rand -base64 32`, or the"
                + " environment variable CHAT_SECURITY_SIGNING_KEY), or set " + FILE_PROPERTY
                + " to a file where the server keeps a key it generates itself");
    }

    private static byte[] fromProperty(String signingKey) {
        byte[] key = decode(signingKey);
        if (key == null) {
            throw new InvalidSigningKeyException(KEY_PROPERTY + " is not valid base64 or base64url");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new InvalidSigningKeyException(KEY_PROPERTY + " decodes to " + key.length
                    + " bytes; at least " + MIN_KEY_BYTES + " (256 bits) are required for HS256");
        }
        return key;
    }

    private static byte[] fromFile(Path file) {
        // NOFOLLOW: a dangling link is an operator's mistake to report, not a place to write a new key
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return read(file);
        }
        return generate(file);
    }

    private static byte[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidSigningKeyException(FILE_PROPERTY + " " + file + " is not a regular file");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidSigningKeyException(FILE_PROPERTY + " " + file + " cannot be read: " + e, e);
        }
        byte[] key = decode(text);
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new InvalidSigningKeyException(FILE_PROPERTY + " " + file + " must hold one line of base64"
                    + " encoding at least " + MIN_KEY_BYTES + " bytes; delete it to have a new key generated"
                    + " (this logs every user out)");
        }
        warnIfOthersCanRead(file);
        return key;
    }

    private static byte[] generate(Path file) {
        byte[] key = new byte[GENERATED_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null) {
            throw new InvalidSigningKeyException(FILE_PROPERTY + " " + target + " names no file");
        }
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, ".signing-key-", ".tmp", ownerOnly(dir));
            Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            if (publish(temp, target)) {
                LOG.info("Generated a new token signing key in " + target);
                return key;
            }
            // another instance starting at the same moment won: use its key, or their tokens won't verify here
            return read(target);
        } catch (IOException e) {
            throw new InvalidSigningKeyException(FILE_PROPERTY + " " + target + " cannot be created: " + e, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Puts the fully written key in place in one step: a crash never leaves half a key, and a hard
     * link, unlike a rename, never replaces a key another instance has just published.
     *
     * @return false if a key file was already there
     */
    private static boolean publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
        }
        return new FileAttribute<?>[0];
    }

    private static void warnIfOthersCanRead(Path file) {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")
                    && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
                LOG.warn(FILE_PROPERTY + " " + file + " can be read by other users than its owner;"
                        + " anyone who reads it can forge access tokens (chmod 600 it)");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // only a warning: the key itself was read fine
        }
    }

    /** base64 or base64url, padded or not; null if neither. */
    static byte[] decode(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        try {
            boolean url = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0;
            return (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(trimmed);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("Could not delete temporary key file " + temp + ": " + e);
        }
    }
}
