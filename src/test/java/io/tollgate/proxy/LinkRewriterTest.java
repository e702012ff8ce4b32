package io.tollgate.proxy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinkRewriterTest {

    private final LinkRewriter rewriter = new LinkRewriter("https://acme.okta.com", "https://tollgate.example/proxy/okta");

    @Test
    void rewritesTheUpstreamOriginKeepingPathAndQueryByteForByte() {
        assertEquals("https://tollgate.example/proxy/okta/api/v1/users?after=00u1%2B2&limit=200&search=profile.x+eq+%22a%22",
                rewriter.rewriteUrl("https://acme.okta.com/api/v1/users?after=00u1%2B2&limit=200&search=profile.x+eq+%22a%22"));
    }

    @Test
    void leavesOtherHostsAndLookAlikesAlone() {
        assertEquals("https://op1static.oktacdn.com/logo.png", rewriter.rewriteUrl("https://op1static.oktacdn.com/logo.png"));
        assertEquals("https://acme.okta.com.evil.example/api", rewriter.rewriteUrl("https://acme.okta.com.evil.example/api"));
        assertEquals("http://acme.okta.com/api", rewriter.rewriteUrl("http://acme.okta.com/api"));
    }

    @Test
    void rewritesEveryTargetOfALinkHeader() {
        assertEquals("<https://tollgate.example/proxy/okta/api/v1/users?limit=2>; rel=\"self\", "
                        + "<https://tollgate.example/proxy/okta/api/v1/users?after=00u2&limit=2>; rel=\"next\"",
                rewriter.rewriteLinkHeader("<https://acme.okta.com/api/v1/users?limit=2>; rel=\"self\", "
                        + "<https://acme.okta.com/api/v1/users?after=00u2&limit=2>; rel=\"next\""));
    }

    @Test
    void anUpstreamWithABasePathOnlyMatchesBelowIt() {
        LinkRewriter based = new LinkRewriter("http://localhost:9080/sandbox/okta", "http://localhost:9080/proxy/okta");
        assertEquals("http://localhost:9080/proxy/okta/api/v1/groups", based.rewriteUrl("http://localhost:9080/sandbox/okta/api/v1/groups"));
        assertEquals("http://localhost:9080/sandbox/oktaX/api", based.rewriteUrl("http://localhost:9080/sandbox/oktaX/api"));
    }
}
