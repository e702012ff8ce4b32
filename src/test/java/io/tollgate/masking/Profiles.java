package io.tollgate.masking;

import io.tollgate.connection.ConnectionKind;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Masking profiles made from documents, as {@link Maskings} makes them, for unit tests. */
final class Profiles {

    static final byte[] KEY = "unit-test-tokenize-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private Profiles() {
    }

    static MaskingProfile of(String connection, ConnectionKind kind, String yaml) {
        MaskingDocumentReader.Document document = yaml == null ? MaskingDocumentReader.Document.absent(kind)
                : MaskingDocumentReader.read(yaml, connection + ".yaml", kind);
        return new MaskingProfile(document.effectiveRules(), document.bodies(),
                Tokenizer.forConnection(KEY, connection));
    }

    static MaskingProfile okta() {
        return of("okta", ConnectionKind.OKTA, null);
    }

    static MaskingProfile http(String yaml) {
        return of("lab", ConnectionKind.HTTP, yaml);
    }

    /** The body as the agent would receive it. */
    static String masked(MaskingProfile profile, String contentType, String body, MaskCounts counts) throws IOException {
        return masked(profile, contentType, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), counts);
    }

    static String masked(MaskingProfile profile, String contentType, InputStream body, MaskCounts counts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        profile.response(contentType, null).copy(body, out, JsonStringFilter.NONE, counts);
        return out.toString(StandardCharsets.UTF_8);
    }
}
