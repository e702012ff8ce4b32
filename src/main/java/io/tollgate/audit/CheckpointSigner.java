package io.tollgate.audit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Signs and checks retention checkpoints with a key only the servers hold. Without a configured key
 * nothing is purged: an unsigned starting point could be forged to hide deleted events.
 */
@ApplicationScoped
public class CheckpointSigner {

    private static final Logger LOG = Logger.getLogger(CheckpointSigner.class.getName());
    private static final String ALGORITHM = "HmacSHA256";

    @Inject
    @ConfigProperty(name = "tollgate.audit.checkpoint-key")
    Optional<String> key;

    private SecretKeySpec secret;

    @PostConstruct
    void load() {
        key.filter(value -> value.length() >= 32).ifPresentOrElse(
                value -> secret = new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), ALGORITHM),
                () -> LOG.info("tollgate.audit.checkpoint-key is not set (or shorter than 32 characters): retention purges nothing"));
    }

    public boolean canSign() {
        return secret != null;
    }

    String sign(String content) {
        if (secret == null) {
            throw new IllegalStateException("no checkpoint key configured");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is always available", e);
        }
    }

    boolean verify(AuditCheckpoint checkpoint) {
        return secret != null && MessageDigest.isEqual(sign(checkpoint.signedContent()).getBytes(StandardCharsets.US_ASCII),
                checkpoint.signature().getBytes(StandardCharsets.US_ASCII));
    }
}
