package io.tollgate.connection;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A named upstream that agents reach at {@code /proxy/{name}/...}.
 *
 * @param baseUri       the upstream's base, without a trailing slash; agents' paths are appended to it
 * @param credential    empty when none is configured: then nothing is forwarded
 * @param quota         how many requests each agent may send through it, when limited
 */
public record Connection(
        String name,
        URI baseUri,
        ConnectionKind kind,
        Optional<UpstreamCredential> credential,
        Duration connectTimeout,
        Duration responseTimeout,
        Optional<AgentQuota> quota) {

    /** A connection without a per-agent quota. */
    public Connection(String name, URI baseUri, ConnectionKind kind, Optional<UpstreamCredential> credential,
                      Duration connectTimeout, Duration responseTimeout) {
        this(name, baseUri, kind, credential, connectTimeout, responseTimeout, Optional.empty());
    }

    /** {@code scheme://host[:port]}, how the upstream writes its own absolute links. */
    public String origin() {
        return baseUri.getScheme() + "://" + baseUri.getRawAuthority();
    }
}
