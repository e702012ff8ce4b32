package io.tollgate.sandbox.org;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Fills a new sandbox org with the same people every time: a few hundred users with realistic names,
 * mostly {@code ACTIVE} with a mix of the other statuses, the built-in {@code Everyone} group and a
 * handful of department groups with their members. The same seed gives the same org, ids included,
 * so trials and tests can be reproduced.
 */
public final class DirectorySeed {

    public static final long SEED = 20_240_304L;
    public static final int USER_COUNT = 300;

    private static final Instant ORG_CREATED = Instant.parse("2024-03-04T09:00:00Z");
    private static final String DOMAIN = "example.com";

    private static final List<String> FIRST_NAMES = List.of(
            "Olivia", "Liam", "Emma", "Noah", "Ava", "Oliver", "Sophia", "Elijah", "Isabella", "James",
            "Mia", "William", "Amelia", "Benjamin", "Harper", "Lucas", "Evelyn", "Henry", "Abigail", "Theodore",
            "Emily", "Jack", "Ella", "Levi", "Elizabeth", "Alexander", "Camila", "Jackson", "Luna", "Mateo",
            "Sofia", "Daniel", "Avery", "Michael", "Mila", "Mason", "Aria", "Sebastian", "Scarlett", "Ethan",
            "Priya", "Arjun", "Mei", "Hiroshi", "Fatima", "Omar", "Ingrid", "Lars", "Chiara", "Matteo",
            "Aisha", "Kwame", "Zofia", "Piotr", "Ana", "Diego", "Yuki", "Jae-won", "Nadia", "Tomás");
    private static final List<String> LAST_NAMES = List.of(
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
            "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
            "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
            "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
            "Patel", "Sharma", "Chen", "Wang", "Tanaka", "Kim", "Okafor", "Mensah", "Kowalski", "Nowak",
            "Rossi", "Bianchi", "Larsen", "Johansson", "Müller", "Schmidt", "Dubois", "Moreau", "Silva", "O'Brien");
    private static final List<String> DEPARTMENTS = List.of("Engineering", "Sales", "Finance", "Support", "Marketing");
    private static final Map<String, List<String>> TITLES = Map.of(
            "Engineering", List.of("Software Engineer", "Senior Software Engineer", "Site Reliability Engineer", "Engineering Manager"),
            "Sales", List.of("Account Executive", "Sales Engineer", "Sales Manager"),
            "Finance", List.of("Financial Analyst", "Controller", "Accountant"),
            "Support", List.of("Support Engineer", "Support Lead"),
            "Marketing", List.of("Product Marketing Manager", "Content Strategist"));
    private static final String CONTRACTORS = "Contractors";

    private DirectorySeed() {
    }

    public static void populate(Directory directory) {
        Random random = new Random(SEED);
        directory.write(() -> {
            Map<String, String> groupIds = new HashMap<>();
            directory.insertGroup(new Group(directory.newId(OktaIds.GROUP_PREFIX), ORG_CREATED, ORG_CREATED, ORG_CREATED,
                    GroupType.BUILT_IN, "Everyone", "All users in your organization"));
            for (String department : DEPARTMENTS) {
                groupIds.put(department, seedGroup(directory, department, "Everyone in " + department));
            }
            groupIds.put(CONTRACTORS, seedGroup(directory, CONTRACTORS, "External contractors with time-limited access"));
            seedGroup(directory, "Okta Administrators", "People who administer this org");

            Set<String> logins = new HashSet<>();
            Instant created = ORG_CREATED.plus(Duration.ofHours(1));
            for (int i = 0; i < USER_COUNT; i++) {
                created = created.plus(Duration.ofMinutes(30 + random.nextInt(24 * 60)));
                User user = seedUser(directory, random, created, logins);
                directory.insertUser(user);
                String department = user.profile().getString("department");
                directory.addMembership(groupIds.get(department), user.id(), created);
                if (random.nextInt(10) == 0) {
                    directory.addMembership(groupIds.get(CONTRACTORS), user.id(), created);
                }
            }
            return null;
        });
    }

    private static String seedGroup(Directory directory, String name, String description) {
        Group group = new Group(directory.newId(OktaIds.GROUP_PREFIX), ORG_CREATED, ORG_CREATED, ORG_CREATED, GroupType.OKTA_GROUP, name, description);
        directory.insertGroup(group);
        return group.id();
    }

    private static User seedUser(Directory directory, Random random, Instant created, Set<String> logins) {
        String firstName = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size()));
        String lastName = LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
        String login = uniqueLogin(firstName, lastName, logins);
        String department = DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()));
        List<String> titles = TITLES.get(department);

        JsonObjectBuilder profile = Json.createObjectBuilder()
                .add("firstName", firstName)
                .add("lastName", lastName)
                .add("email", login)
                .add("login", login)
                .add("displayName", firstName + " " + lastName)
                .add("department", department)
                .add("title", titles.get(random.nextInt(titles.size())));
        if (random.nextBoolean()) {
            profile.add("mobilePhone", String.format(Locale.ROOT, "+1-555-%03d-%04d", random.nextInt(1000), random.nextInt(10000)));
        }

        UserStatus status = status(random.nextInt(100));
        boolean hasPassword = status != UserStatus.STAGED && status != UserStatus.PROVISIONED;
        String recoveryQuestion = hasPassword && random.nextInt(4) == 0 ? "What was the name of your first pet?" : null;
        Instant activated = status == UserStatus.STAGED || status == UserStatus.PROVISIONED ? null : created.plus(Duration.ofMinutes(5));
        Instant statusChanged = status == UserStatus.STAGED ? null : created.plus(Duration.ofMinutes(5 + random.nextInt(60 * 24 * 30)));
        Instant lastLogin = status == UserStatus.ACTIVE && random.nextInt(5) > 0
                ? statusChanged.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 60))) : null;
        Instant lastUpdated = statusChanged == null ? created : statusChanged;
        return new User(directory.newId(OktaIds.USER_PREFIX), status, created, activated, statusChanged, lastLogin, lastUpdated,
                hasPassword ? created : null, Profiles.complete(profile.build()),
                User.Credentials.okta(hasPassword ? Passwords.UNKNOWN : null, recoveryQuestion,
                        recoveryQuestion == null ? null : Passwords.UNKNOWN));
    }

    /** Mostly active people, as in a real org, with every other status represented. */
    private static UserStatus status(int percentile) {
        if (percentile < 80) {
            return UserStatus.ACTIVE;
        }
        if (percentile < 85) {
            return UserStatus.STAGED;
        }
        if (percentile < 89) {
            return UserStatus.PROVISIONED;
        }
        if (percentile < 92) {
            return UserStatus.SUSPENDED;
        }
        if (percentile < 94) {
            return UserStatus.LOCKED_OUT;
        }
        if (percentile < 96) {
            return UserStatus.PASSWORD_EXPIRED;
        }
        if (percentile < 97) {
            return UserStatus.RECOVERY;
        }
        return UserStatus.DEPROVISIONED;
    }

    private static String uniqueLogin(String firstName, String lastName, Set<String> logins) {
        String base = Directory.normalizedLogin(firstName + "." + lastName).replaceAll("[^a-z0-9.-]", "");
        String login = base + "@" + DOMAIN;
        for (int n = 2; !logins.add(Directory.normalizedLogin(login)); n++) {
            login = base + n + "@" + DOMAIN;
        }
        return login;
    }
}
