package io.tollgate.audit;

import jakarta.persistence.Embeddable;
import jakarta.persistence.Lob;

/**
 * A body as recorded: its masked text up to the recording cap (none for binary bodies), whether
 * that text was cut, and the size and SHA-256 of the whole original, so an auditor can tell bodies
 * apart without the original being stored.
 */
@Embeddable
public class RecordedBody {

    @Lob
    private String text;

    private String sha256;

    private Long bytes;

    private Boolean truncated;

    protected RecordedBody() {
    }

    public RecordedBody(String text, String sha256, long bytes, boolean truncated) {
        this.text = text;
        this.sha256 = sha256;
        this.bytes = bytes;
        this.truncated = truncated;
    }

    public String text() {
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
}
