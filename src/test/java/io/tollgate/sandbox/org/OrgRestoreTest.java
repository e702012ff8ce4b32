package io.tollgate.sandbox.org;

import io.tollgate.sandbox.state.Journal;
import io.tollgate.sandbox.state.Journal.Kind;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the org writes to its journal is enough to bring it back: an org restored from the journal
 * (as the sandbox does when it starts on a database that holds sandbox state) answers as the
 * original did, and new ids still sort after the restored ones.
 */
class OrgRestoreTest {

    /** A journal kept in memory, by kind and id, as the database table keeps it. */
    private static final class MemoryJournal implements Journal {

        final Map<Kind, TreeMap<String, JsonObject>> records = new EnumMap<>(Kind.class);

        @Override
        public void apply(List<Change> changes) {
            for (Change change : changes) {
                TreeMap<String, JsonObject> ofKind = records.computeIfAbsent(change.kind(), kind -> new TreeMap<>());
                if (change.document() == null) {
                    ofKind.remove(change.id());
                } else {
                    ofKind.put(change.id(), change.document());
                }
            }
        }

        Org restore() {
            Org org = new Org(new Directory(Clock.systemUTC(), new OktaIds(new Random(1)), Journal.NONE));
            for (Kind kind : Kind.values()) {
                records.getOrDefault(kind, new TreeMap<>()).values().forEach(document -> org.restore(kind, document));
            }
            return org;
        }
    }

    @Test
    void aRestoredOrgAnswersAsTheOriginal() {
        MemoryJournal journal = new MemoryJournal();
        Org org = new Org(new Directory(Clock.systemUTC(), new OktaIds(new Random(DirectorySeed.SEED)), journal));
        org.seed();
        Directory directory = org.directory();
        User user = directory.createUser(profile("kept@example.com"), User.Credentials.none().withPassword("Secret-123"), true);
        Group group = directory.createGroup("Kept", null);
        directory.addMember(group.id(), user.id());
        org.roles().assign(user.id(), Json.createObjectBuilder().add("type", "USER_ADMIN").build());
        org.roles().addGroupTarget(user.id(), RoleAssignments.idOf("USER_ADMIN"), group.id());
        org.log().record(Actor.API_TOKEN, "user.lifecycle.create", "Create okta user", SystemLog.Target.of(user));
        User gone = directory.createUser(profile("gone@example.com"), User.Credentials.none(), false);
        directory.updateUser(gone.id(), current -> current.withStatus(UserStatus.DEPROVISIONED, directory.now()));
        org.deleteUser(gone.id());

        Org restored = journal.restore();
        Directory again = restored.directory();
        assertEquals(directory.listUsers(any -> true, null, 10_000).items(), again.listUsers(any -> true, null, 10_000).items());
        assertEquals(directory.listGroups(any -> true, null, 10_000).items(), again.listGroups(any -> true, null, 10_000).items());
        assertEquals(List.of(user), again.listMembers(group.id(), null, 100).items());
        assertTrue(again.findUser(gone.id()).isEmpty(), "a deleted user stays deleted");
        assertTrue(again.requireUser(user.id()).credentials().passwordIs("Secret-123"), "the password digest survives");
        assertEquals(org.roles().list(user.id()), restored.roles().list(user.id()));
        assertEquals(List.of(group), restored.roles().groupTargets(user.id(), RoleAssignments.idOf("USER_ADMIN")));
        assertEquals(org.log().list(Instant.EPOCH, null, event -> true, -1, 100).items(),
                restored.log().list(Instant.EPOCH, null, event -> true, -1, 100).items());

        User later = again.createUser(profile("later@example.com"), User.Credentials.none(), false);
        assertTrue(later.id().compareTo(user.id()) > 0, "new ids sort after restored ones: " + later.id() + " vs " + user.id());
    }

    private static JsonObject profile(String login) {
        return Profiles.complete(Json.createObjectBuilder().add("firstName", "Kim").add("lastName", "Kept")
                .add("email", login).add("login", login).build());
    }
}
