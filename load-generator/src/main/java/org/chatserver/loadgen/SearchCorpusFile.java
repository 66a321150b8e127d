package org.chatserver.loadgen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the search scenario's corpus ({@link SearchCorpus}) as tab-separated lines {@code room seq text}
 * for {@code search-seed.sh}, which loads a million messages straight into a database in seconds instead
 * of posting them for an hour: {@code java -jar load-generator-exec.jar search-corpus
 * <messages> <rooms> <file>}. Message {@code seq} goes to room {@code seq % rooms}; the texts are exactly the
 * ones the scenario posts, without the load generator's payload in front. They contain no tab, newline,
 * quote or backslash, so the file loads as it is into sqlite3 ({@code .mode tabs}) and psql ({@code \copy}).
 */
public final class SearchCorpusFile {

    private SearchCorpusFile() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: search-corpus <messages> <rooms> <file>");
            System.exit(2);
        }
        long messages = Long.parseLong(args[0]);
        int rooms = Integer.parseInt(args[1]);
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                Files.newOutputStream(Path.of(args[2])), StandardCharsets.UTF_8), 1 << 16)) {
            write(messages, rooms, out);
        }
    }

    static void write(long messages, int rooms, Appendable out) throws IOException {
        for (long seq = 0; seq < messages; seq++) {
            out.append(Long.toString(seq % rooms)).append('\t').append(Long.toString(seq)).append('\t')
                    .append(SearchCorpus.text(seq).substring(1)).append('\n');
        }
    }
}
