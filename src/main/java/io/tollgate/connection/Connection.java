package io.tollgate.connection;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A named upstream that agents reach at {@code /proxy/{name}/...}.
 *
 * @param baseUri       the upstream's base, without a trailing slash; agents' paths are appended to it
 * @param credential    empty when none is configured: then nothing is forwarded
 */
public record Connection(
        String name,
        URI baseUri,
        ConnectionKind kind,
        Optional<UpstreamCredential> credential,
        Duration connectTimeout,
        Duration responseTimeout) {

    /** {@code scheme://host[:port]}, how the upstream writes its own absolute links. */
    public String origin() {
        return baseUri.getScheme() + "://" + baseUri.getRawAuthority();
    }
}
