package io.tollgate.sandbox.org;

import io.tollgate.sandbox.state.Journal.Kind;
import jakarta.json.JsonObject;

/**
 * The sandbox org as a whole: its directory and what hangs off it, restored from the journal when
 * the sandbox starts, seeded only when the journal is empty, and reset on demand.
 */
public final class Org {

    private final Directory directory;
    private final GroupRules groupRules;
    private final RoleAssignments roles;
    private final Apps apps;
    private final SystemLog log;

    public Org(Directory directory) {
        this.directory = directory;
        this.groupRules = new GroupRules(directory);
        this.roles = new RoleAssignments(directory);
        this.apps = new Apps(directory);
        this.log = new SystemLog(directory);
    }

    public Directory directory() {
        return directory;
    }

    public GroupRules groupRules() {
        return groupRules;
    }

    public RoleAssignments roles() {
        return roles;
    }

    public Apps apps() {
        return apps;
    }

    public SystemLog log() {
        return log;
    }

    /** Restores one object read back from the journal; the journal hands them over kind by kind, in {@link Kind} order. */
    public void restore(Kind kind, JsonObject document) {
        switch (kind) {
            case USER, GROUP, MEMBERSHIP -> directory.restore(kind, document);
            case GROUP_RULE -> groupRules.restore(document);
            case ROLE -> roles.restore(document);
            case APP -> apps.restore(document);
            case LOG_EVENT -> log.restore(document);
        }
    }

    /** Seeds the demo people and groups; only for an empty org. */
    public void seed() {
        if (!directory.isEmpty()) {
            throw new IllegalStateException("The sandbox org is seeded only while it is empty");
        }
        DirectorySeed.populate(directory);
    }

    /** Forgets everything in memory; the caller clears the journal and seeds again. */
    public void clear() {
        directory.write(() -> {
            groupRules.clear();
            roles.clear();
            apps.clear();
            log.clear();
            return null;
        });
        directory.clear();
    }

    /** Deletes a user (deactivated already) and the roles it held. */
    public void deleteUser(String id) {
        directory.write(() -> {
            directory.deleteUser(id);
            roles.forgetUser(id);
            return null;
        });
    }

    /** Deletes a group, dropping it from role targets and group rules. */
    public void deleteGroup(String id) {
        directory.deleteGroup(id, () -> {
            roles.forgetGroup(id);
            groupRules.forgetGroup(id);
        });
    }
}
