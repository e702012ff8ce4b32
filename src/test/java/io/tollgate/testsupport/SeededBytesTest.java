package io.tollgate.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Both ends of a streaming test compare digests; the generator must be deterministic and digest what it produced. */
class SeededBytesTest {

    @Test
    void sameSeedGivesSameBytesAndDigestMatchesWhatWasRead() throws IOException {
        SeededBytes first = new SeededBytes(42, 1_000_003);
        Digests.Digested read = Digests.consume(first);

        assertEquals(1_000_003, read.length());
        assertEquals(read.sha256(), first.sha256());
        assertEquals(read, Digests.consume(new SeededBytes(42, 1_000_003)));
        assertNotEquals(read.sha256(), Digests.consume(new SeededBytes(43, 1_000_003)).sha256());
    }
}
