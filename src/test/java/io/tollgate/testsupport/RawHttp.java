package io.tollgate.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for requests no client library would send as written: request
 * targets with {@code ..}, backslashes or odd encodings, and hop-by-hop headers such as
 * {@code Connection}. Every exchange uses its own connection ({@code Connection: close} is added
 * to the given headers unless they name a Connection header themselves).
 */
public final class RawHttp {

    private static final int HANG_GUARD_MILLIS = 5 * 60 * 1000;

    private RawHttp() {
    }

    /**
     * Sends {@code method target HTTP/1.1} with the given header lines and body; {@code Host} names
     * the server unless the lines give a Host header of their own.
     */
    public static RawResponse send(String method, String target, List<String> headerLines, byte[] body) {
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (headerLines.stream().noneMatch(line -> line.regionMatches(true, 0, "Host:", 0, 5))) {
            head.append("Host: localhost:").append(ItSettings.httpPort()).append("\r\n");
        }
        headerLines.forEach(line -> head.append(line).append("\r\n"));
        if (headerLines.stream().noneMatch(line -> line.regionMatches(true, 0, "Connection:", 0, 11))) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ItSettings.httpPort())) {
            socket.setSoTimeout(HANG_GUARD_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new AssertionError("Raw exchange " + method + " " + target + " failed", e);
        }
    }

    /**
     * Writes the bytes exactly as given (request line, headers, framing and all) and reads every
     * answer until the server closes the connection: one answer per request the server read off
     * these bytes, none when it refused them outright. The bytes should ask the server to close.
     */
    public static List<RawResponse> exchangeToTheEnd(byte[] requests) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ItSettings.httpPort())) {
            socket.setSoTimeout(HANG_GUARD_MILLIS);
            socket.getOutputStream().write(requests);
            socket.getOutputStream().flush();
            BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
            List<RawResponse> answers = new ArrayList<>();
            for (in.mark(1); in.read() != -1; in.mark(1)) {
                in.reset();
                answers.add(read(in));
            }
            return answers;
        } catch (SocketException e) {
            // Reset after the answers: the server dropped what it would not read.
            return List.of();
        } catch (IOException e) {
            throw new AssertionError("Raw exchange failed", e);
        }
    }

    /**
     * Writes {@code first} (say, the head and half the body), runs {@code meanwhile} while the
     * server waits for the rest, then writes {@code rest} and reads the answer.
     */
    public static RawResponse exchangeInTwoParts(byte[] first, Runnable meanwhile, byte[] rest) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ItSettings.httpPort())) {
            socket.setSoTimeout(HANG_GUARD_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(first);
            out.flush();
            meanwhile.run();
            out.write(rest);
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new AssertionError("Raw exchange in two parts failed", e);
        }
    }

    private static RawResponse read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP/1.x status line: " + statusLine);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        int status = Integer.parseInt(parts[1]);
        byte[] body;
        if (headers.getOrDefault("Transfer-Encoding", List.of()).stream().anyMatch(v -> v.equalsIgnoreCase("chunked"))) {
            body = chunked(in);
        } else if (headers.containsKey("Content-Length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("Content-Length").get(0)));
        } else {
            body = in.readAllBytes();
        }
        return new RawResponse(status, Collections.unmodifiableMap(headers), body);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
            body.write(in.readNBytes(size));
            line(in);
        }
        skipTrailers(in);
        return body.toByteArray();
    }

    /** Trailers, if any, end with an empty line; no test looks at them. */
    private static void skipTrailers(InputStream in) throws IOException {
        String trailer;
        do {
            trailer = line(in);
        } while (!trailer.isEmpty());
    }

    private static int chunkSize(String line) {
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("Connection closed in the middle of a line: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** A response read off the socket; header names are matched case-insensitively. */
    public record RawResponse(int status, Map<String, List<String>> headers, byte[] body) {

        public Optional<String> header(String name) {
            return headers.getOrDefault(name, List.of()).stream().findFirst();
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
