package io.tollgate.proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PathCanonicalizerTest {

    @Test
    void splitsConnectionFromTheUpstreamPath() throws AmbiguousPathException {
        ProxyTarget target = PathCanonicalizer.canonicalize("/okta/api/v1/users/00ub0oNGTSWTBKOLGLNR");
        assertEquals("okta", target.connection());
        assertEquals("/api/v1/users/00ub0oNGTSWTBKOLGLNR", target.upstreamPath());
        assertEquals(List.of("api", "v1", "users", "00ub0oNGTSWTBKOLGLNR"), target.segments());
    }

    @Test
    void keepsTheAgentsEncodingForTheUpstreamAndDecodesForMatching() throws AmbiguousPathException {
        ProxyTarget target = PathCanonicalizer.canonicalize("/okta/api/v1/users/john%40example.com");
        assertEquals("/api/v1/users/john%40example.com", target.upstreamPath());
        assertEquals("/api/v1/users/john@example.com", target.decodedPath());
    }

    @Test
    void decodesUtf8() throws AmbiguousPathException {
        ProxyTarget target = PathCanonicalizer.canonicalize("/okta/api/v1/users/j%C3%BCrgen");
        assertEquals("jürgen", target.segments().get(3));
    }

    @Test
    void aTrailingSlashIsKeptAsIs() throws AmbiguousPathException {
        ProxyTarget target = PathCanonicalizer.canonicalize("/okta/api/v1/users/");
        assertEquals("/api/v1/users/", target.upstreamPath());
        assertEquals("/api/v1/users/", target.decodedPath());
    }

    @Test
    void theConnectionAloneMeansTheUpstreamBase() throws AmbiguousPathException {
        ProxyTarget target = PathCanonicalizer.canonicalize("/okta");
        assertEquals("", target.upstreamPath());
        assertEquals(List.of(), target.segments());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/okta/api/v1/../users", "/okta/api/v1/./users", "/okta/api/..", "/okta/api/%2e%2e/users",
            "/okta/api/%2E/users", "/okta/api/v1/users%2e%2e", "/okta/api/v1%2fusers", "/okta/api/v1%2Fusers",
            "/okta/api/v1%5cusers", "/okta/api\\v1", "/okta/api//v1", "//okta/api", "/okta/api/%252e%252e",
            "/okta/api/v1/users;jsessionid=abc", "/okta/api/v1/users%3bx=1", "/okta/api/%00", "/okta/api/%0d%0a",
            "/okta/api/%zz", "/okta/api/%2", "/okta/api/%c0%ae%c0%ae", "/okta/api/%e0%80%ae",
            "/okta/api/%EF%BC%8E%EF%BC%8E", "/okta/api/%EF%BC%8F", "/okta/api/a b", "/okta/api/<x>",
            "/okta/api/\u00e9", "", "/", "okta/api"})
    void refusesEveryPathThatCouldBeReadTwoWays(String rawPath) {
        assertThrows(AmbiguousPathException.class, () -> PathCanonicalizer.canonicalize(rawPath));
    }
}
