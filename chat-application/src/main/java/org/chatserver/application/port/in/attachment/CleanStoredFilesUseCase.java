package org.chatserver.application.port.in.attachment;

import java.util.List;

/**
 * Removes from files stored before the server cleaned uploads (or before it cleaned their format) what a new upload
 * loses: where, when and with what they were made. Each file keeps its name and URL; its bytes are replaced by the
 * cleaned ones and its recorded size, in the upload record and in every message that carries it, follows. A file
 * that is already clean is left as it is, untouched. Walks the uploads page by page, so that a caller can report
 * progress, stop, and go on later from where it was.
 */
public interface CleanStoredFilesUseCase {

    /** Cleans the next uploads after {@code afterName} (null: from the first), at most {@code limit} of them. */
    Page cleanAfter(String afterName, int limit);

    /** What became of each upload of a page, in order; empty when there were no more. */
    record Page(List<Cleaned> files) {

        public Page {
            files = List.copyOf(files);
        }

        /** The name to go on after; null when the page is empty. */
        public String last() {
            return files.isEmpty() ? null : files.getLast().name();
        }
    }

    /**
     * @param sizeBefore the stored size before (that of the file found in the store)
     * @param sizeAfter  the stored size now (the same unless {@link Outcome#REWRITTEN})
     * @param problem    why it was left as it was, for {@link Outcome#FAILED}; null otherwise
     */
    record Cleaned(String name, Outcome outcome, long sizeBefore, long sizeAfter, String problem) {
    }

    enum Outcome {
        /** Its metadata was removed and the cleaned bytes replaced it. */
        REWRITTEN,
        /** Nothing to remove: a clean file, or a format that is stored as it is. */
        UNCHANGED,
        /** The store has no file under the name (or the upload went while it was being cleaned). */
        MISSING,
        /** Left as it was: the store could not be read or written, or the file would be nothing once cleaned. */
        FAILED
    }
}
