package io.tollgate.credential;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The vault's keys, from configuration: {@code tollgate.vault.keys} (entries {@code id:base64key},
 * from any MicroProfile Config source, the environment variable {@code TOLLGATE_VAULT_KEYS}
 * included) and the AES secret-key entries of a keystore file ({@code tollgate.vault.keystore},
 * alias = key id, {@code tollgate.vault.keystore-password}, {@code tollgate.vault.keystore-type}).
 * {@code tollgate.vault.active-key} names the key new secrets are sealed with; it may be left out
 * when there is only one. Without any key there is no vault: connections configured with plain
 * settings still work, but no credential can be stored in the database.
 */
@ApplicationScoped
public class VaultKeys {

    private static final Logger LOG = Logger.getLogger(VaultKeys.class.getName());

    @Inject
    Config config;

    private CredentialVault vault;
    private String problem;

    @PostConstruct
    void load() {
        try {
            Map<String, SecretKey> keys = new LinkedHashMap<>();
            for (String entry : config.getOptionalValues("tollgate.vault.keys", String.class).orElse(List.of())) {
                int colon = entry.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("tollgate.vault.keys entries are id:base64key");
                }
                keys.put(entry.substring(0, colon).strip(), aesKey(entry.substring(colon + 1).strip(), entry.substring(0, colon).strip()));
            }
            config.getOptionalValue("tollgate.vault.keystore", String.class).filter(path -> !path.isBlank())
                    .ifPresent(path -> keys.putAll(fromKeystore(Path.of(path))));
            if (keys.isEmpty()) {
                problem = "no vault key is configured (tollgate.vault.keys or tollgate.vault.keystore)";
                LOG.warning("Credential vault: " + problem + "; connections cannot be stored through the API");
                return;
            }
            Optional<String> active = config.getOptionalValue("tollgate.vault.active-key", String.class).filter(id -> !id.isBlank());
            if (active.isEmpty() && keys.size() > 1) {
                throw new IllegalArgumentException("tollgate.vault.active-key must name one of the vault keys " + keys.keySet());
            }
            vault = new CredentialVault(keys, active.orElse(keys.keySet().iterator().next()));
            LOG.info("Credential vault: keys " + keys.keySet() + ", sealing with '" + vault.activeKeyId() + "'");
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
            LOG.severe("Credential vault unusable: " + problem + "; stored connections will be refused");
        }
    }

    /** The vault, or empty (with {@link #problem()} saying why) when no usable key is configured. */
    public Optional<CredentialVault> vault() {
        return Optional.ofNullable(vault);
    }

    public String problem() {
        return problem;
    }

    private static SecretKey aesKey(String base64, String id) {
        try {
            byte[] bytes = base64.contains("-") || base64.contains("_")
                    ? Base64.getUrlDecoder().decode(base64) : Base64.getDecoder().decode(base64);
            return new SecretKeySpec(bytes, "AES");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vault key '" + id + "' is not base64");
        }
    }

    private Map<String, SecretKey> fromKeystore(Path path) {
        char[] password = config.getOptionalValue("tollgate.vault.keystore-password", String.class).orElse("").toCharArray();
        String type = config.getOptionalValue("tollgate.vault.keystore-type", String.class).orElse("PKCS12");
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, password);
                    if (key instanceof SecretKey secret) {
                        keys.put(alias, new SecretKeySpec(secret.getEncoded(), "AES"));
                    }
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the vault keystore " + path + " cannot be read: " + e.getClass().getSimpleName());
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the vault keystore " + path + " holds no secret keys");
        }
        return keys;
    }
}
