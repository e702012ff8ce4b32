package io.tollgate.sandbox.authorization;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization codes the sandbox issued and not yet redeemed: each is good once, for one minute.
 * Kept in memory: a code is redeemed seconds after it is issued, by the browser that got it.
 */
public final class AuthorizationCodes {

    static final Duration LIFETIME = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a code stands for: who signed in, for which client, and how the client proves it holds the code. */
    public record Issued(AuthorizationRequest request, Client user, Instant expiresAt) {
    }

    private final Map<String, Issued> codes = new ConcurrentHashMap<>();
    private final Clock clock;

    public AuthorizationCodes(Clock clock) {
        this.clock = clock;
    }

    public String issue(AuthorizationRequest request, Client user) {
        Instant now = clock.instant();
        codes.values().removeIf(issued -> !now.isBefore(issued.expiresAt()));
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        codes.put(code, new Issued(request, user, now.plus(LIFETIME)));
        return code;
    }

    /** The code's grant, once: a second redemption, or one after a minute, finds nothing. */
    public Optional<Issued> redeem(String code) {
        Issued issued = code == null ? null : codes.remove(code);
        return Optional.ofNullable(issued).filter(found -> clock.instant().isBefore(found.expiresAt()));
    }
}
