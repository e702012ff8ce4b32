package io.tollgate.masking;

import io.tollgate.common.Sha256;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The copy of a response body kept for the record while it streams to the agent: the masked
 * bytes exactly as the agent received them, up to a cap, and the SHA-256 of the whole original
 * (unmasked) body, so an auditor can tell a recorded body from another without it being stored.
 * One capture belongs to one exchange and is filled by the thread relaying it. Its buffer and digest
 * are made when the first byte arrives, so a request without a body costs nothing to capture.
 */
public final class BodyCapture {

    /** The SHA-256 of no bytes at all, the digest of a body that never came. */
    private static final String EMPTY_SHA256 = HexFormat.of().formatHex(Sha256.digest(new byte[0]));
    /** The first buffer's size when the body's length is not known: most recorded bodies are small. */
    private static final int FIRST_BUFFER_BYTES = 2048;

    private final int maxBytes;
    private ByteArrayOutputStream kept;
    private MessageDigest original;
    private long deliveredBytes;
    private long originalBytes;

    public BodyCapture(int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("the cap of a recorded body cannot be negative");
        }
        this.maxBytes = maxBytes;
    }

    /** What the agent is sent, also kept here up to the cap. */
    public OutputStream tee(OutputStream agent) {
        return new FilterOutputStream(agent) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                keep(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                keep(b, off, len);
            }
        };
    }

    /** The upstream's body as read, digested on the way. */
    public InputStream digesting(InputStream upstream) {
        return observing(upstream, false);
    }

    /**
     * The agent's request body as it is read on its way upstream: digested, and kept up to the cap
     * (unmasked: the recorder masks what it keeps before storing it).
     */
    public InputStream capturing(InputStream request) {
        return observing(request, true);
    }

    private InputStream observing(InputStream body, boolean keep) {
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    seen(new byte[]{(byte) b}, 0, 1, keep);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int read = in.read(b, off, len);
                if (read > 0) {
                    seen(b, off, read, keep);
                }
                return read;
            }
        };
    }

    private void seen(byte[] b, int off, int len, boolean keep) {
        if (original == null) {
            original = Sha256.incremental();
        }
        original.update(b, off, len);
        originalBytes += len;
        if (keep) {
            keep(b, off, len);
        }
    }

    /** What was kept, up to the cap: the masked answer as the agent received it, or the request as the agent sent it. */
    public byte[] bytes() {
        return kept == null ? new byte[0] : kept.toByteArray();
    }

    /** True when the agent received more than the cap, so {@link #bytes()} is only the beginning. */
    public boolean truncated() {
        return deliveredBytes > maxBytes;
    }

    /** How many bytes the agent was sent. */
    public long deliveredBytes() {
        return deliveredBytes;
    }

    /** How many bytes of the original body were read from the upstream. */
    public long originalBytes() {
        return originalBytes;
    }

    /** Hex SHA-256 of the original body as far as it was read (all of it, once the relay completed). */
    public String originalSha256() {
        if (original == null) {
            return EMPTY_SHA256;
        }
        try {
            return HexFormat.of().formatHex(((MessageDigest) original.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests of the JDK can be cloned", e);
        }
    }

    private void keep(byte[] b, int off, int len) {
        int room = (int) Math.max(0, Math.min(len, maxBytes - deliveredBytes));
        if (room > 0) {
            if (kept == null) {
                kept = new ByteArrayOutputStream(Math.min(maxBytes, Math.max(room, FIRST_BUFFER_BYTES)));
            }
            kept.write(b, off, room);
        }
        deliveredBytes += len;
    }
}
