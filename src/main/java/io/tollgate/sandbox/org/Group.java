package io.tollgate.sandbox.org;

import java.time.Instant;

/**
 * A group of the sandbox org, immutable; its members are kept by the directory.
 *
 * @param description null when the group has none (then the profile carries no description)
 */
public record Group(String id, Instant created, Instant lastUpdated, Instant lastMembershipUpdated, GroupType type,
                    String name, String description) {

    public Group withMembershipUpdated(Instant now) {
        return new Group(id, created, lastUpdated, now, type, name, description);
    }

    public Group withProfile(String newName, String newDescription, Instant now) {
        return new Group(id, created, now, lastMembershipUpdated, type, newName, newDescription);
    }
}
