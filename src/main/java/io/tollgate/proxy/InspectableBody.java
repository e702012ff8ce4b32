package io.tollgate.proxy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * The agent's request body, readable twice when a policy must look at it: what inspection read is
 * kept and replayed in front of the rest of the stream when forwarding, so the upstream receives
 * exactly the bytes the policy judged. Only up to a limit is ever held in memory.
 */
public final class InspectableBody {

    private final InputStream source;
    private final int limit;
    private byte[] inspected;
    private boolean complete;

    public InspectableBody(InputStream source, int limit) {
        this.source = source;
        this.limit = limit;
    }

    /** The whole body if it is at most {@code limit} bytes long, otherwise empty. Reads at most {@code limit + 1} bytes, once. */
    public Optional<byte[]> inspect() throws IOException {
        if (inspected == null) {
            byte[] buffer = source.readNBytes(limit + 1);
            complete = buffer.length <= limit;
            inspected = buffer;
        }
        return complete ? Optional.of(Arrays.copyOf(inspected, inspected.length)) : Optional.empty();
    }

    /** What to send upstream: the inspected bytes, then whatever was not read yet. */
    public InputStream forwardable() {
        if (inspected == null) {
            return source;
        }
        ByteArrayInputStream replay = new ByteArrayInputStream(inspected);
        return complete ? replay : new SequenceInputStream(replay, source);
    }
}
