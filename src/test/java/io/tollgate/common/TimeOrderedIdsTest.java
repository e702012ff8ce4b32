package io.tollgate.common;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeOrderedIdsTest {

    @Test
    void idsMadeOneAfterAnotherSortInTheOrderTheyWereMadeAsText() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(TimeOrderedIds.next().toString());
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted);
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no id twice");
    }

    @Test
    void idsAreVersion7UuidsThatCarryTheTimeTheyWereMade() {
        long before = System.currentTimeMillis();
        UUID id = TimeOrderedIds.next();
        long after = System.currentTimeMillis();
        assertEquals(7, id.version());
        assertEquals(2, id.variant(), "the RFC variant");
        long millis = id.getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after + 20_000 / 4096 + 1, "milliseconds " + millis);
        assertEquals(36, id.toString().length(), "fits the 36-character id columns");
    }

    @Test
    void namesAreTimeOrderedIdsToo() {
        UUID name = TimeOrderedIds.nextName();
        UUID id = TimeOrderedIds.next();
        assertEquals(7, name.version());
        assertEquals(2, name.variant());
        assertTrue(name.toString().compareTo(id.toString()) < 0, "ids and names share one sequence");
    }
}
