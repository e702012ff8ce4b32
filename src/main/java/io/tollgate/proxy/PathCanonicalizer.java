package io.tollgate.proxy;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the raw path after {@code /proxy} into a {@link ProxyTarget}, refusing every form that a
 * policy, Tollgate and the upstream could read differently: dot segments (plain or encoded), encoded
 * slashes and backslashes, backslashes, empty segments, double encoding, matrix parameters, control
 * characters, invalid escapes or UTF-8, and characters that normalise to path syntax. What passes
 * decodes to exactly one path, which is both what the policy sees and what the upstream receives.
 */
public final class PathCanonicalizer {

    /** RFC 3986 pchar minus '%' (checked separately) and ';' (matrix parameters are refused). */
    private static final boolean[] ALLOWED = new boolean[128];

    static {
        String allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,=:@/";
        allowed.chars().forEach(c -> ALLOWED[c] = true);
    }

    private PathCanonicalizer() {
    }

    /**
     * @param rawPath the request path after {@code /proxy}, still percent-encoded, for example
     *                {@code /okta/api/v1/users}
     */
    public static ProxyTarget canonicalize(String rawPath) throws AmbiguousPathException {
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.length() < 2) {
            throw new AmbiguousPathException("the path must name a connection: /proxy/{connection}/...");
        }
        checkCharacters(rawPath);
        String[] rawSegments = rawPath.substring(1).split("/", -1);
        String connection = decode(rawSegments[0]);
        if (connection.isEmpty()) {
            throw new AmbiguousPathException("empty path segment");
        }
        List<String> segments = new ArrayList<>(rawSegments.length - 1);
        for (int i = 1; i < rawSegments.length; i++) {
            boolean last = i == rawSegments.length - 1;
            if (rawSegments[i].isEmpty() && !last) {
                throw new AmbiguousPathException("empty path segment (//)");
            }
            segments.add(decode(rawSegments[i]));
        }
        int upstreamStart = rawSegments[0].length() + 1;
        return new ProxyTarget(connection, rawPath.substring(upstreamStart), segments);
    }

    private static void checkCharacters(String rawPath) throws AmbiguousPathException {
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                continue;
            }
            if (c == '\\') {
                throw new AmbiguousPathException("backslash in path");
            }
            if (c == ';') {
                throw new AmbiguousPathException("matrix parameters (;) in path");
            }
            if (c >= 128 || !ALLOWED[c]) {
                throw new AmbiguousPathException("character not allowed in a path: " + describe(c));
            }
        }
    }

    private static String decode(String rawSegment) throws AmbiguousPathException {
        ByteBuffer bytes = ByteBuffer.allocate(rawSegment.length());
        for (int i = 0; i < rawSegment.length(); i++) {
            char c = rawSegment.charAt(i);
            if (c != '%') {
                bytes.put((byte) c);
                continue;
            }
            if (i + 2 >= rawSegment.length() || hex(rawSegment.charAt(i + 1)) < 0 || hex(rawSegment.charAt(i + 2)) < 0) {
                throw new AmbiguousPathException("invalid percent-encoding in path");
            }
            int value = hex(rawSegment.charAt(i + 1)) * 16 + hex(rawSegment.charAt(i + 2));
            switch (value) {
                case '/' -> throw new AmbiguousPathException("encoded slash (%2F) in path");
                case '\\' -> throw new AmbiguousPathException("encoded backslash (%5C) in path");
                case '%' -> throw new AmbiguousPathException("double encoding (%25) in path");
                case '.' -> throw new AmbiguousPathException("encoded dot (%2E) in path");
                case ';' -> throw new AmbiguousPathException("encoded semicolon (%3B) in path");
                default -> {
                    if (value < 0x20 || value == 0x7f) {
                        throw new AmbiguousPathException("encoded control character in path");
                    }
                }
            }
            bytes.put((byte) value);
            i += 2;
        }
        bytes.flip();
        String segment = strictUtf8(bytes);
        if (segment.equals(".") || segment.equals("..")) {
            throw new AmbiguousPathException("dot segment in path");
        }
        String compatible = Normalizer.normalize(segment, Normalizer.Form.NFKC);
        if (!compatible.equals(segment) && (compatible.contains("/") || compatible.contains("\\")
                || compatible.equals(".") || compatible.equals("..") || compatible.contains(";"))) {
            throw new AmbiguousPathException("characters that normalise to path syntax");
        }
        return segment;
    }

    /** Overlong forms and other invalid UTF-8 are refused rather than replaced. */
    private static String strictUtf8(ByteBuffer bytes) throws AmbiguousPathException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new AmbiguousPathException("invalid UTF-8 in path");
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static String describe(char c) {
        return c < 0x20 || c >= 0x7f ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }
}
