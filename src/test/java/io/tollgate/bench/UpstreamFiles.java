package io.tollgate.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the static upstream of the benchmark: Okta-shaped user list pages (JSON arrays of users
 * with {@code _links}, as Okta answers {@code GET /api/v1/users}) of about 2 KB and 200 KB, and the
 * same shape at 2 MB and 200 MB for the response-size series. Links name the upstream itself, so a
 * proxy that rewrites links has work to do.
 *
 * <pre>java io.tollgate.bench.UpstreamFiles DIRECTORY UPSTREAM_BASE_URL</pre>
 */
public final class UpstreamFiles {

    private UpstreamFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: UpstreamFiles DIRECTORY UPSTREAM_BASE_URL");
            System.exit(2);
        }
        Path directory = Files.createDirectories(Path.of(args[0]));
        String base = args[1];
        write(directory.resolve("users-2k.json"), 2 * 1024, base);
        write(directory.resolve("users-200k.json"), 200 * 1024, base);
        write(directory.resolve("users-2m.json"), 2 * 1024 * 1024, base);
        write(directory.resolve("users-200m.json"), 200L * 1024 * 1024, base);
    }

    /** A JSON array of as many users as fit in {@code size} bytes (at least one); the file is written only if missing or different in size. */
    static long write(Path file, long size, String base) throws IOException {
        long expected = plannedSize(size, base);
        if (Files.isRegularFile(file) && Files.size(file) == expected) {
            return expected;
        }
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write('[');
            long users = usersFitting(size, base);
            for (long i = 0; i < users; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(user(i, base));
            }
            out.write(']');
        }
        return Files.size(file);
    }

    private static long plannedSize(long size, String base) {
        long users = usersFitting(size, base);
        return 2 + users * user(0, base).length() + (users - 1);
    }

    private static long usersFitting(long size, String base) {
        // Every user has the same length: ids and numbers are zero-padded.
        long one = user(0, base).length() + 1;
        return Math.max(1, (size - 2 + 1) / one);
    }

    static String user(long n, String base) {
        String id = String.format(Locale.ROOT, "00u%017d", n);
        String name = String.format(Locale.ROOT, "user%010d", n);
        return "{\"id\":\"" + id + "\",\"status\":\"ACTIVE\",\"created\":\"2026-01-05T10:00:00.000Z\","
                + "\"activated\":\"2026-01-05T10:00:01.000Z\",\"statusChanged\":\"2026-01-05T10:00:01.000Z\","
                + "\"lastLogin\":\"2026-11-20T08:30:00.000Z\",\"lastUpdated\":\"2026-11-01T12:00:00.000Z\","
                + "\"passwordChanged\":\"2026-01-05T10:00:01.000Z\",\"type\":{\"id\":\"oty00000000000000001\"},"
                + "\"profile\":{\"firstName\":\"Bench\",\"lastName\":\"" + name + "\",\"mobilePhone\":null,\"secondEmail\":null,"
                + "\"login\":\"" + name + "@example.com\",\"email\":\"" + name + "@example.com\"},"
                + "\"credentials\":{\"password\":{},\"provider\":{\"type\":\"OKTA\",\"name\":\"OKTA\"}},"
                + "\"_links\":{\"self\":{\"href\":\"" + base + "/api/v1/users/" + id + "\"}}}";
    }
}
