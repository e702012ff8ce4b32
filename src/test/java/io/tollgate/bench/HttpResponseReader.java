package io.tollgate.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response off a keep-alive connection and throws its body away: the status
 * line, the headers, then a body framed by {@code Content-Length}, by chunks, or by the end of the
 * connection. Enough for a load generator that must leave the connection ready for the next request.
 */
final class HttpResponseReader {

    record Response(int status, long bodyBytes, boolean keepAlive) {
    }

    private HttpResponseReader() {
    }

    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        boolean keepAlive = parts[0].equals("HTTP/1.1");
        long contentLength = -1;
        boolean chunked = false;
        String header;
        while (!(header = line(in)).isEmpty()) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + header);
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> keepAlive = value.contains("keep-alive") || (keepAlive && !value.contains("close"));
                default -> {
                    // Other headers do not frame the body.
                }
            }
        }
        if (status / 100 == 1 || status == 204 || status == 304) {
            return new Response(status, 0, keepAlive);
        }
        if (chunked) {
            return new Response(status, skipChunks(in), keepAlive);
        }
        if (contentLength >= 0) {
            skipExactly(in, contentLength);
            return new Response(status, contentLength, keepAlive);
        }
        return new Response(status, skipToEnd(in), false);
    }

    private static long skipChunks(InputStream in) throws IOException {
        long total = 0;
        while (true) {
            String sizeLine = line(in);
            int extension = sizeLine.indexOf(';');
            long size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip(), 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // Trailer fields: not needed.
                }
                return total;
            }
            skipExactly(in, size);
            total += size;
            if (!line(in).isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private static void skipExactly(InputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("connection closed " + left + " bytes before the end of the body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static long skipToEnd(InputStream in) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            total += read;
        }
        return total;
    }

    /** A line without its CRLF (a bare LF is tolerated); ISO-8859-1, as header bytes are. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed in the middle of a response head");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
