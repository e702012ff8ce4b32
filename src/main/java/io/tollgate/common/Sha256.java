package io.tollgate.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, which every Java runtime has, without the checked exception at every call site. */
public final class Sha256 {

    /** Cloned for each digest: {@code getInstance} searches the security providers on every call. */
    private static final MessageDigest PROTOTYPE = newDigest();

    private Sha256() {
    }

    public static byte[] digest(byte[] bytes) {
        return incremental().digest(bytes);
    }

    /** A fresh digest to feed piece by piece. */
    public static MessageDigest incremental() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newDigest();
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    /** Of the text's UTF-8 encoding. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
