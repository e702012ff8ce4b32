package io.tollgate.testsupport;

import java.io.IOException;

/** What a test scripts the upstream stub to answer; it runs on the stub's thread for each request. */
@FunctionalInterface
public interface UpstreamResponder {

    void respond(RecordedRequest request, UpstreamReply reply) throws IOException, InterruptedException;
}
