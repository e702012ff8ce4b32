package io.tollgate.audit;

import jakarta.persistence.Embeddable;

import java.nio.charset.StandardCharsets;

/**
 * A body as recorded: its masked text up to the recording cap (none for binary bodies), whether
 * that text was cut, and the size and SHA-256 of the whole original, so an auditor can tell bodies
 * apart without the original being stored.
 */
@Embeddable
public class RecordedBody {

    /** The masked text as UTF-8, as it went to or came from the wire. */
    private byte[] text;

    private String sha256;

    private Long bytes;

    private Boolean truncated;

    protected RecordedBody() {
    }

    /** @param utf8Text the masked text as UTF-8 bytes, or null for a body that is not text */
    public RecordedBody(byte[] utf8Text, String sha256, long bytes, boolean truncated) {
        this.text = utf8Text;
        this.sha256 = sha256;
        this.bytes = bytes;
        this.truncated = truncated;
    }

    public String text() {
        return utf8(text);
    }

    byte[] textBytes() {
        return text;
    }

    public String sha256() {
        return sha256;
    }

    public Long bytes() {
        return bytes;
    }

    public Boolean truncated() {
        return truncated;
    }

    static String utf8(byte[] stored) {
        return stored == null ? null : new String(stored, StandardCharsets.UTF_8);
    }
}
