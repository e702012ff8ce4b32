package io.tollgate.policy;

import java.io.IOException;
import java.util.Optional;

/**
 * The body of a request, read only if a rule that may match the request inspects it. The caller
 * decides how much it is willing to hold in memory for inspection (the proxy buffers at most a
 * configured number of bytes, then replays them upstream); a policy never sees a partial body.
 */
@FunctionalInterface
public interface RequestBody {

    /**
     * The whole body, or empty when it is longer than the caller is willing to inspect. A body the
     * policy needs but cannot see whole is denied (see {@link PolicyDecision.Basis#UNINSPECTABLE_REQUEST}).
     * Called at most once per evaluation.
     *
     * @throws IOException when the body cannot be read; the evaluation fails with it and nothing may be forwarded
     */
    Optional<byte[]> read() throws IOException;

    /** A request without a body (an empty one). */
    static RequestBody empty() {
        return of(new byte[0]);
    }

    /** A body held in memory, such as the explain endpoint's. */
    static RequestBody of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return () -> Optional.of(copy);
    }

    /** A body too large to inspect: a policy that needs it denies the request. */
    static RequestBody tooLarge() {
        return Optional::empty;
    }
}
