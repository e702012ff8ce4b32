package io.tollgate.masking;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How one body goes out: parsed and masked as JSON, scanned as text, passed untouched, or
 * blocked. The same treatment serves what the agent receives and what is recorded, so the two
 * cannot differ.
 */
public final class BodyMasking {

    /** Recorded in place of a body that could not be masked. */
    static final String WITHHELD = "[body withheld by Tollgate: it could not be masked]";

    private static final int PASS_BUFFER = 64 * 1024;

    private enum Kind { JSON, SCAN, PASS, BLOCK }

    private final MaskingProfile profile;
    private final Kind kind;
    private final String blockReason;

    private BodyMasking(MaskingProfile profile, Kind kind, String blockReason) {
        this.profile = profile;
        this.kind = kind;
        this.blockReason = blockReason;
    }

    static BodyMasking json(MaskingProfile profile) {
        return new BodyMasking(profile, Kind.JSON, null);
    }

    static BodyMasking scanned(MaskingProfile profile) {
        return new BodyMasking(profile, Kind.SCAN, null);
    }

    static BodyMasking passed(MaskingProfile profile) {
        return new BodyMasking(profile, Kind.PASS, null);
    }

    static BodyMasking blocked(MaskingProfile profile, String reason) {
        return new BodyMasking(profile, Kind.BLOCK, reason);
    }

    /** Why the body must not reach the agent, when it must not; the reason names no value. */
    public Optional<String> blocked() {
        return Optional.ofNullable(blockReason);
    }

    /** True when the body goes out byte for byte, so the upstream's Content-Length still holds. */
    public boolean unchanged() {
        return kind == Kind.PASS;
    }

    /**
     * Streams {@code in} to {@code out}, masked; {@code filter} rewrites JSON strings first (links).
     *
     * @throws IllegalStateException when the body is blocked: ask {@link #blocked()} first
     * @throws IOException           when either stream fails, or a JSON body is not well-formed
     *                               (then the copy breaks off where it stopped being readable)
     */
    public void copy(InputStream in, OutputStream out, JsonStringFilter filter, MaskCounts counts) throws IOException {
        switch (kind) {
            case JSON -> JsonMaskingCopier.copy(in, out, filter, profile, counts);
            case SCAN -> TextScanner.copy(in, out, profile, counts);
            case PASS -> pass(in, out);
            case BLOCK -> throw new IllegalStateException("a blocked body is not copied: " + blockReason);
        }
    }

    private static void pass(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[PASS_BUFFER];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
        }
    }

    byte[] maskForRecord(byte[] body, boolean truncated, MaskCounts counts) {
        try {
            return switch (kind) {
                case JSON -> jsonForRecord(body, truncated, counts);
                case SCAN -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
                    TextScanner.copy(new ByteArrayInputStream(body), out, profile, counts);
                    yield out.toByteArray();
                }
                case PASS -> body.clone();
                case BLOCK -> WITHHELD.getBytes(StandardCharsets.UTF_8);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("masking bytes in memory does not fail", e);
        }
    }

    /** A body cut at the cap parses up to the cut: what came before it is kept, the token cut in two is not. */
    private byte[] jsonForRecord(byte[] body, boolean truncated, MaskCounts counts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        try (JsonParser parser = JsonMaskingCopier.factory().createParser(body);
             JsonGenerator generator = JsonMaskingCopier.factory().createGenerator(out)) {
            try {
                JsonMaskingCopier.transfer(parser, generator, JsonStringFilter.NONE, profile, counts);
            } catch (StreamReadException e) {
                if (!truncated) {
                    return WITHHELD.getBytes(StandardCharsets.UTF_8);
                }
            }
        }
        return out.toByteArray();
    }
}
