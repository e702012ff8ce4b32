package io.tollgate.testsupport;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.SplittableRandom;

/**
 * A body of pseudo-random bytes generated on the fly from a seed, so that bodies larger than
 * Tollgate's heap are never held in memory by anyone: read it as a stream, and its SHA-256 is
 * computed as the bytes go by ({@link #sha256()} once the stream is exhausted).
 */
public final class SeededBytes extends InputStream {

    private final SplittableRandom random;
    private final MessageDigest sha256 = Digests.sha256();
    private final long length;
    private long produced;
    private long word;
    private int bytesLeftInWord;

    public SeededBytes(long seed, long length) {
        this.random = new SplittableRandom(seed);
        this.length = length;
    }

    public long length() {
        return length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
        if (produced == length) {
            return -1;
        }
        int n = (int) Math.min(count, length - produced);
        for (int i = 0; i < n; i++) {
            if (bytesLeftInWord == 0) {
                word = random.nextLong();
                bytesLeftInWord = Long.BYTES;
            }
            buffer[offset + i] = (byte) word;
            word >>>= 8;
            bytesLeftInWord--;
        }
        sha256.update(buffer, offset, n);
        produced += n;
        return n;
    }

    /** SHA-256 (hex) of all bytes produced; only meaningful once the stream has been read to its end. */
    public String sha256() {
        if (produced != length) {
            throw new IllegalStateException("Only " + produced + " of " + length + " bytes have been produced");
        }
        return Digests.hex(sha256);
    }
}
