package org.chatserver.application.port.in.attachment;

/**
 * Forgets uploads that no message carried within a while of their upload: a client uploads a file and then posts the
 * message that carries it, so a file still waiting long after was abandoned (the post failed, the app was closed), and
 * would otherwise be kept for good. Its record and its stored bytes go, its preview's too; posting it afterwards is
 * refused as any unknown file is. A message stored at the same moment as the sweep either keeps its file or is refused,
 * never stored pointing at a removed one.
 */
public interface ForgetUnpostedUploadsUseCase {

    /** Forgets every upload that waited longer than the retention; what it forgot. */
    Forgotten forgetUnposted();

    /**
     * @param files      uploads and previews forgotten
     * @param bytes      their recorded sizes together
     * @param notRemoved of those, the stored files the store failed to remove (left in it, unreachable)
     */
    record Forgotten(int files, long bytes, int notRemoved) {
    }
}
