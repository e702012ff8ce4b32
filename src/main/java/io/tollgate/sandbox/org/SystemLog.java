package io.tollgate.sandbox.org;

import io.tollgate.sandbox.state.Journal.Change;
import io.tollgate.sandbox.state.Journal.Kind;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The org's System Log: one event per change the sandbox makes, in Okta's {@code LogEvent} shape,
 * kept in order of publication. Events are written with the change they describe, in the same
 * journal transaction, and are never changed afterwards.
 */
public final class SystemLog {

    /** A target of an event: what the change was made to. */
    public record Target(String id, String type, String alternateId, String displayName) {

        static Target of(User user) {
            String name = user.profile().getString("firstName", "") + " " + user.profile().getString("lastName", "");
            return new Target(user.id(), "User", user.login(), name.trim());
        }

        static Target of(Group group) {
            return new Target(group.id(), "UserGroup", "unknown", group.name());
        }
    }

    private final Directory directory;
    /** Ordered by publication; a cursor is an event's position in this list. */
    private final List<JsonObject> events = new ArrayList<>();

    public SystemLog(Directory directory) {
        this.directory = directory;
    }

    /** Records an event as part of the change under way (or on its own, outside of one). */
    public void record(Actor actor, String eventType, String displayMessage, Target... targets) {
        record(actor, eventType, displayMessage, JsonObject.EMPTY_JSON_OBJECT, targets);
    }

    /** Records an event with Okta's {@code debugContext.debugData}, such as the scopes a token request asked for. */
    public void record(Actor actor, String eventType, String displayMessage, JsonObject debugData, Target... targets) {
        directory.write(() -> {
            JsonObject event = event(actor, eventType, displayMessage, debugData, List.of(targets));
            events.add(event);
            directory.changed(Change.put(Kind.LOG_EVENT, positionId(events.size() - 1), event));
            return null;
        });
    }

    private JsonObject event(Actor actor, String eventType, String displayMessage, JsonObject debugData, List<Target> targets) {
        Instant now = directory.now();
        JsonArrayBuilder targetArray = Json.createArrayBuilder();
        targets.forEach(target -> targetArray.add(Json.createObjectBuilder()
                .add("id", target.id()).add("type", target.type())
                .add("alternateId", target.alternateId()).add("displayName", target.displayName())));
        return Json.createObjectBuilder()
                .add("actor", Json.createObjectBuilder().add("id", actor.id()).add("type", actor.type())
                        .add("alternateId", actor.alternateId()).add("displayName", actor.displayName()))
                .add("client", Json.createObjectBuilder().add("userAgent", Json.createObjectBuilder()
                        .add("rawUserAgent", "Okta sandbox").add("os", "Unknown").add("browser", "UNKNOWN")))
                .add("authenticationContext", Json.createObjectBuilder().add("externalSessionId", "unknown"))
                .add("displayMessage", displayMessage)
                .add("eventType", eventType)
                .add("outcome", Json.createObjectBuilder().add("result", "SUCCESS"))
                .add("published", OrgJson.timestamp(now))
                .add("securityContext", JsonObject.EMPTY_JSON_OBJECT)
                .add("severity", "INFO")
                .add("debugContext", Json.createObjectBuilder().add("debugData", debugData))
                .add("legacyEventType", legacy(eventType))
                .add("transaction", Json.createObjectBuilder().add("type", "WEB").add("id", UUID.randomUUID().toString()))
                .add("uuid", UUID.randomUUID().toString())
                .add("version", "0")
                .add("request", Json.createObjectBuilder().add("ipChain", Json.createArrayBuilder()))
                .add("target", targetArray)
                .build();
    }

    /** Okta's legacy event types are the new ones in the old naming, dots to underscores. */
    private static String legacy(String eventType) {
        return "core." + eventType.replace('.', '_');
    }

    /**
     * Events published in {@code [since, until)} that match, after the cursor, at most {@code limit}.
     *
     * @param after the cursor of the last event already seen, or -1
     * @return the page and the cursor of its last event (or {@code after} when empty)
     */
    public Page<JsonObject> list(Instant since, Instant until, Predicate<JsonObject> matching, long after, int limit) {
        return directory.read(() -> {
            List<JsonObject> page = new ArrayList<>();
            long last = after;
            for (int position = (int) Math.max(0, after + 1); position < events.size() && page.size() < limit; position++) {
                JsonObject event = events.get(position);
                Instant published = Instant.parse(event.getString("published"));
                if (published.isBefore(since) || until != null && !published.isBefore(until)) {
                    continue;
                }
                last = position;
                if (matching.test(event)) {
                    page.add(event);
                }
            }
            return new Page<>(page, Optional.of(Long.toString(last)));
        });
    }

    /** Restores an event read back from the journal, which lists them in order of publication. */
    void restore(JsonObject event) {
        events.add(event);
    }

    void clear() {
        events.clear();
    }

    /** Positions are zero-padded so that the journal lists events in order. */
    private static String positionId(int position) {
        return String.format("%012d", position);
    }
}
