package io.tollgate.proxy;

import java.util.List;
import java.util.Map;

/**
 * How a forwarded exchange ended: what the upstream answered, what the agent received, and what
 * goes into the record.
 *
 * @param responseHeaders the headers sent to the agent, in order (the recorder redacts secrets)
 * @param oktaRequestId   Okta's {@code X-Okta-Request-Id}, to find the exchange in Okta's System Log
 * @param upstreamMillis  from sending the request upstream to the upstream's response headers
 */
public record ForwardingResult(int upstreamStatus, long responseBytes, boolean completed,
                               List<Map.Entry<String, String>> responseHeaders, String oktaRequestId, long upstreamMillis) {

    public ForwardingResult {
        responseHeaders = List.copyOf(responseHeaders);
    }
}
