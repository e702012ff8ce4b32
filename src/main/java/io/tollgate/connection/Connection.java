package io.tollgate.connection;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A named upstream that agents reach at {@code /proxy/{name}/...}.
 *
 * @param baseUri       the upstream's base, without a trailing slash; agents' paths are appended to it
 * @param credential      empty when none is configured: then nothing is forwarded
 * @param responseTimeout the longest wait for the upstream's next bytes (headers or body)
 * @param exchangeTimeout the longest a whole exchange may take, however steadily the upstream trickles
 */
public record Connection(
        String name,
        URI baseUri,
        ConnectionKind kind,
        Optional<UpstreamCredential> credential,
        Duration connectTimeout,
        Duration responseTimeout,
        Duration exchangeTimeout) {

    /** {@code scheme://host[:port]}, how the upstream writes its own absolute links. */
    public String origin() {
        return baseUri.getScheme() + "://" + baseUri.getRawAuthority();
    }
}
