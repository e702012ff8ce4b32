package io.tollgate.sandbox.org;

import io.tollgate.sandbox.OktaProblem;
import io.tollgate.sandbox.state.Journal;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoryTest {

    private static Directory seeded() {
        Directory directory = new Directory(Clock.systemUTC(), new OktaIds(new Random(DirectorySeed.SEED)), Journal.NONE);
        DirectorySeed.populate(directory);
        return directory;
    }

    private static List<User> everyone(Directory directory) {
        return directory.listUsers(user -> true, null, 10_000).items();
    }

    @Test
    void seedIsDeterministicAndRealistic() {
        List<User> first = everyone(seeded());
        List<User> second = everyone(seeded());
        assertEquals(DirectorySeed.USER_COUNT, first.size());
        assertEquals(first, second);
        assertTrue(first.stream().allMatch(user -> user.id().matches("00u[0-9A-Za-z]{14}1d7")));
        long active = first.stream().filter(user -> user.status() == UserStatus.ACTIVE).count();
        assertTrue(active > first.size() / 2, "mostly active");
        assertTrue(first.stream().map(User::status).distinct().count() > 3, "mixed statuses");
    }

    @Test
    void everyoneHoldsEveryUserIncludingNewOnes() {
        Directory directory = seeded();
        Group everyone = directory.listGroups(group -> group.type() == GroupType.BUILT_IN, null, 10).items().get(0);
        User created = directory.createUser(profile("new.person@example.com"), User.Credentials.none().withPassword("Abcd1234!"), true);
        assertEquals(DirectorySeed.USER_COUNT + 1, directory.listMembers(everyone.id(), null, 10_000).items().size());
        assertEquals(UserStatus.ACTIVE, created.status());
        assertThrows(OktaProblem.class, () -> directory.addMember(everyone.id(), created.id()), "BUILT_IN memberships are Okta's");
    }

    @Test
    void loginsAreUniqueIgnoringCaseAndDiacritics() {
        Directory directory = seeded();
        directory.createUser(profile("isaac.brock@example.com"), User.Credentials.none(), false);
        OktaProblem duplicate = assertThrows(OktaProblem.class, () ->
                directory.createUser(profile("Isáac.Bröck@example.com"), User.Credentials.none(), false));
        assertEquals("E0000001", duplicate.error().errorCode());
        assertEquals(List.of("login: An object with this field already exists in the current organization"), duplicate.error().errorCauses());
    }

    @Test
    void activationWithoutPasswordLeavesTheUserProvisioned() {
        User user = seeded().createUser(profile("no.password@example.com"), User.Credentials.none(), true);
        assertEquals(UserStatus.PROVISIONED, user.status());
    }

    @Test
    void usersAreFoundByIdLoginAndShortName() {
        Directory directory = seeded();
        User user = directory.createUser(profile("unique.shortname@example.com"), User.Credentials.none().withPassword("Abcd1234!"), false);
        assertEquals(user, directory.findUser(user.id()).orElseThrow());
        assertEquals(user, directory.findUser("UNIQUE.shortname@example.com").orElseThrow());
        assertEquals(user, directory.findUser("unique.shortname").orElseThrow());
    }

    private static JsonObject profile(String login) {
        return Profiles.complete(Json.createObjectBuilder()
                .add("firstName", "New").add("lastName", "Person").add("email", login).add("login", login).build());
    }
}
