package io.tollgate.access.control;

import java.time.Duration;
import java.util.List;

/** What an agent asks for: operations and/or Okta scopes on a connection, for a while (or once), and why. */
public record AccessAsk(String connection, List<String> operations, List<String> scopes, Duration duration,
                        String reason, boolean oneShot) {

    public AccessAsk {
        operations = operations == null ? List.of() : List.copyOf(operations);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
}
