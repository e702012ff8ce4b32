package io.tollgate.sandbox.state;

import jakarta.json.JsonObject;

import java.util.List;

/**
 * Where the sandbox org writes its changes, so that its state survives a restart: one JSON document
 * per object, by kind and id. The org keeps its working copy in memory and reads the journal back
 * only when it starts. Each call is one transaction: an operation's changes are kept together or
 * not at all.
 */
@FunctionalInterface
public interface Journal {

    /** The kinds of object the org keeps, in the order they are restored (memberships after users and groups). */
    enum Kind { USER, GROUP, MEMBERSHIP, GROUP_RULE, ROLE, APP, LOG_EVENT }

    /** A journal that keeps nothing: for unit tests and an org that lives only in memory. */
    Journal NONE = changes -> { };

    /**
     * One change to one object.
     *
     * @param document the object's new state, or null when it was removed
     */
    record Change(Kind kind, String id, JsonObject document) {

        public static Change put(Kind kind, String id, JsonObject document) {
            return new Change(kind, id, document);
        }

        public static Change remove(Kind kind, String id) {
            return new Change(kind, id, null);
        }
    }

    void apply(List<Change> changes);
}
