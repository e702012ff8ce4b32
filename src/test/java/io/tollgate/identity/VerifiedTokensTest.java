package io.tollgate.identity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(30);

    @Test
    void aRememberedTokenIsFoundUntilTheCachesMaxAge() {
        VerifiedTokens tokens = new VerifiedTokens(Duration.ofSeconds(60), SKEW, 100);
        AgentIdentity identity = identityExpiring(NOW.plusSeconds(3600));
        tokens.remember("token-a", identity, NOW);
        assertEquals(identity, tokens.find("token-a", NOW.plusSeconds(59)).orElseThrow());
        assertTrue(tokens.find("token-a", NOW.plusSeconds(60)).isEmpty(), "verified again after the max age");
        assertTrue(tokens.find("token-b", NOW).isEmpty(), "another token is not verified by this one");
    }

    @Test
    void aTokenIsNeverTakenAsVerifiedPastItsExpiryAndTheClockSkew() {
        VerifiedTokens tokens = new VerifiedTokens(Duration.ofSeconds(600), SKEW, 100);
        tokens.remember("token-a", identityExpiring(NOW.plusSeconds(10)), NOW);
        assertTrue(tokens.find("token-a", NOW.plusSeconds(39)).isPresent());
        assertTrue(tokens.find("token-a", NOW.plusSeconds(40)).isEmpty());
    }

    @Test
    void aFullCacheMakesRoomAndStaysBounded() {
        VerifiedTokens tokens = new VerifiedTokens(Duration.ofSeconds(60), SKEW, 2);
        tokens.remember("short", identityExpiring(NOW.plusSeconds(1)), NOW);
        tokens.remember("long", identityExpiring(NOW.plusSeconds(3600)), NOW);
        Instant later = NOW.plusSeconds(45);
        tokens.remember("third", identityExpiring(NOW.plusSeconds(3600)), later);
        assertTrue(tokens.find("long", later).isPresent(), "only the expired entry made room");
        assertTrue(tokens.find("third", later).isPresent());
        tokens.remember("fourth", identityExpiring(NOW.plusSeconds(3600)), later);
        assertTrue(tokens.find("fourth", later).isPresent());
        assertTrue(tokens.find("long", later).isEmpty() && tokens.find("third", later).isEmpty(),
                "nothing had expired, so everything made room");
    }

    @Test
    void aMaxAgeOfZeroTurnsTheCacheOff() {
        assertFalse(new VerifiedTokens(Duration.ZERO, SKEW, 100).enabled());
        assertFalse(new VerifiedTokens(Duration.ofSeconds(60), SKEW, 0).enabled());
        assertTrue(new VerifiedTokens(Duration.ofSeconds(60), SKEW, 1).enabled());
    }

    private static AgentIdentity identityExpiring(Instant expiry) {
        return new AgentIdentity("https://issuer.example", "agent", "client", List.of("api://default"), List.of(),
                List.of("agents"), "jti-1", NOW.minusSeconds(5), expiry, Map.of());
    }
}
