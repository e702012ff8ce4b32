package io.tollgate.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AuthorizationHeaderTest {

    @Test
    void acceptsBearerAndSswsSchemesCaseInsensitively() throws InvalidAgentTokenException {
        assertEquals("a.b.c", AuthorizationHeader.token("Bearer a.b.c"));
        assertEquals("a.b.c", AuthorizationHeader.token("bearer a.b.c"));
        assertEquals("a.b.c", AuthorizationHeader.token("SSWS a.b.c"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Bearer", "Bearer ", "Basic YWdlbnQ6c2VjcmV0", "Bearer a b", "Bearer a\tb", "Bearera.b.c", "Bearer é.x.y"})
    void refusesAnythingElse(String header) {
        assertThrows(InvalidAgentTokenException.class, () -> AuthorizationHeader.token(header));
    }

    @Test
    void refusesOversizedTokens() {
        String huge = "Bearer " + "a".repeat(AuthorizationHeader.MAX_TOKEN_LENGTH + 1);
        assertThrows(InvalidAgentTokenException.class, () -> AuthorizationHeader.token(huge));
    }
}
