package io.tollgate.connection;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstUpToTheLimitPassesThenRequestsAreRefusedUntilATokenIsBack() {
        TokenBucket bucket = new TokenBucket(new AgentQuota(3, Duration.ofMinutes(1)), 0);
        long wall = 1_700_000_000_000L;

        assertEquals(new TokenBucket.Admission(true, 3, 2, 1_700_000_000L), bucket.take(0, wall));
        assertEquals(1, bucket.take(0, wall).remaining());
        TokenBucket.Admission last = bucket.take(0, wall);
        assertTrue(last.admitted());
        assertEquals(0, last.remaining());
        assertEquals(1_700_000_020L, last.resetEpochSecond(), "one token every 20 seconds");

        TokenBucket.Admission refused = bucket.take(5 * SECOND, wall + 5_000);
        assertFalse(refused.admitted());
        assertEquals(1_700_000_020L, refused.resetEpochSecond(), "the reset names when the next token arrives");

        assertTrue(bucket.take(20 * SECOND, wall + 20_000).admitted());
        assertFalse(bucket.take(20 * SECOND, wall + 20_000).admitted());
    }

    @Test
    void theBucketRefillsToItsLimitAndNoFurther() {
        TokenBucket bucket = new TokenBucket(new AgentQuota(2, Duration.ofSeconds(10)), 0);
        bucket.take(0, 0);
        bucket.take(0, 0);
        assertFalse(bucket.full(5 * SECOND));
        assertTrue(bucket.full(10 * SECOND));
        assertTrue(bucket.full(1000 * SECOND));
        assertEquals(1, bucket.take(1000 * SECOND, 0).remaining());
    }
}
