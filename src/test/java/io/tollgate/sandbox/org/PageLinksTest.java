package io.tollgate.sandbox.org;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PageLinksTest {

    private static final List<String> IDS = List.of("00u1", "00u2", "00u3", "00u4", "00u5");

    @Test
    void selfLinkIsTheRecordedOne() {
        // From list-users.har: Okta repeats the search, form-encoded, after an explicit limit.
        assertEquals(List.of("<https://org.example/api/v1/users?limit=200&search=profile.nickName+eq+%22johny-list-users%22>; rel=\"self\""),
                PageLinks.of("https://org.example/api/v1/users", Map.of("search", "profile.nickName eq \"johny-list-users\""),
                        200, Optional.empty()));
    }

    @Test
    void nextLinkCarriesTheCursorAndTheSameSelection() {
        assertEquals(List.of(
                        "<https://org.example/api/v1/users?after=00u2&filter=status+eq+%22ACTIVE%22&limit=2>; rel=\"self\"",
                        "<https://org.example/api/v1/users?after=00u4&filter=status+eq+%22ACTIVE%22&limit=2>; rel=\"next\""),
                PageLinks.of("https://org.example/api/v1/users", Map.of("filter", "status eq \"ACTIVE\"", "after", "00u2"),
                        2, Optional.of("00u4")));
    }

    @Test
    void valuesAreEncodedSoTheyCannotBreakTheQuery() {
        assertEquals("<https://org.example/api/v1/groups?limit=5&q=R%26D+%3E+50%25%3Dyes>; rel=\"self\"",
                PageLinks.of("https://org.example/api/v1/groups", Map.of("q", "R&D > 50%=yes"), 5, Optional.empty()).get(0));
    }

    @Test
    void pagesFollowTheCursorUntilNothingRemains() {
        Page<String> first = Page.of(IDS, id -> id, id -> true, null, 2);
        assertEquals(List.of("00u1", "00u2"), first.items());
        assertEquals(Optional.of("00u2"), first.next());
        Page<String> second = Page.of(IDS, id -> id, id -> true, first.next().get(), 2);
        assertEquals(List.of("00u3", "00u4"), second.items());
        Page<String> last = Page.of(IDS, id -> id, id -> true, second.next().get(), 2);
        assertEquals(List.of("00u5"), last.items());
        assertEquals(Optional.empty(), last.next());
    }

    @Test
    void aFullLastPageHasNoNext() {
        Page<String> page = Page.of(IDS, id -> id, id -> !id.equals("00u3"), "00u1", 3);
        assertEquals(List.of("00u2", "00u4", "00u5"), page.items());
        assertEquals(Optional.empty(), page.next());
    }

    @Test
    void aCursorThatNoLongerExistsStillResumesInOrder() {
        assertEquals(List.of("00u4", "00u5"), Page.of(IDS, id -> id, id -> true, "00u35", 10).items());
    }
}
