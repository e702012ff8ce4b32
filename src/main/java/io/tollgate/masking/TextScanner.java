package io.tollgate.masking;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Scans a text body for the connection's detectors as it streams, through a bounded window: each
 * round reads up to {@link #CHUNK} more characters and writes out all but the last
 * {@link #OVERLAP}, which stay for the next round, so an occurrence split across reads (up to
 * {@code OVERLAP} long) is still seen whole. A few characters before the window are kept for
 * look-behind. Bytes are read as ISO-8859-1, one character each, so whatever is not masked is
 * written back byte for byte, whatever the body's real charset.
 */
final class TextScanner {

    static final int CHUNK = 64 * 1024;
    static final int OVERLAP = Detectors.MAX_MATCH_LENGTH + 1024;
    static final int CONTEXT = 256;

    private TextScanner() {
    }

    static void copy(InputStream in, OutputStream out, MaskingProfile profile, MaskCounts counts) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.ISO_8859_1);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.ISO_8859_1), CHUNK);
        char[] window = new char[CONTEXT + OVERLAP + CHUNK];
        int written = 0;
        int length = 0;
        boolean end = false;
        while (true) {
            while (length < window.length && !end) {
                int read = reader.read(window, length, window.length - length);
                if (read < 0) {
                    end = true;
                } else {
                    length += read;
                }
            }
            int commit = end ? length : length - OVERLAP;
            written = profile.scan(new String(window, 0, length), written, commit, writer, counts);
            if (end) {
                break;
            }
            int keepFrom = Math.max(0, written - CONTEXT);
            System.arraycopy(window, keepFrom, window, 0, length - keepFrom);
            length -= keepFrom;
            written -= keepFrom;
        }
        writer.flush();
    }
}
