package io.tollgate.sandbox.org;

import io.tollgate.okta.OktaError;
import io.tollgate.sandbox.OktaProblem;
import jakarta.json.JsonObject;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The sandbox org's users, groups and memberships, in memory. It is a test double: Tollgate's own
 * state lives in the database, this does not, and it is gone when the server stops. One lock guards
 * everything because checks such as login uniqueness span several maps; lists copy their page under
 * the read lock so callers never see a half-made change.
 */
public final class Directory {

    private static final String EVERYONE = "Everyone";

    private final Clock clock;
    private final OktaIds ids;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Ordered by id, which is creation order (see {@link OktaIds}). */
    private final TreeMap<String, User> users = new TreeMap<>();
    private final Map<String, String> userIdsByLogin = new HashMap<>();
    private final TreeMap<String, Group> groups = new TreeMap<>();
    private final Map<String, TreeSet<String>> members = new HashMap<>();

    public Directory(Clock clock, OktaIds ids) {
        this.clock = clock;
        this.ids = ids;
    }

    /** Okta shows whole seconds ({@code .000Z}); so does the sandbox. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    String newUserId() {
        return ids.next(OktaIds.USER_PREFIX);
    }

    String newGroupId() {
        return ids.next(OktaIds.GROUP_PREFIX);
    }

    /**
     * Creates a user as Okta does: {@code STAGED} unless activated; activated with a password it is
     * {@code ACTIVE}, without one {@code PROVISIONED} (it would still have to set a password).
     */
    public User createUser(JsonObject profile, User.Credentials credentials, boolean activate) {
        Instant now = now();
        UserStatus status = !activate ? UserStatus.STAGED
                : credentials.hasPassword() ? UserStatus.ACTIVE : UserStatus.PROVISIONED;
        User user = new User(newUserId(), status, now,
                status == UserStatus.ACTIVE ? now : null, activate ? now : null, null, now,
                credentials.hasPassword() ? now : null, profile, credentials);
        write(() -> {
            insertUser(user);
            return user;
        });
        return user;
    }

    /** Inserts a user (new or seeded) and makes it a member of Everyone; call under the write lock. */
    void insertUser(User user) {
        String login = normalizedLogin(user.login());
        if (userIdsByLogin.containsKey(login)) {
            throw duplicateLogin();
        }
        users.put(user.id(), user);
        userIdsByLogin.put(login, user.id());
        groups.values().stream().filter(group -> group.type() == GroupType.BUILT_IN && group.name().equals(EVERYONE))
                .findFirst()
                .ifPresent(everyone -> addMembership(everyone.id(), user.id(), user.created()));
    }

    /** Applies {@code change} to the user atomically, keeping logins unique. */
    public User updateUser(String idOrLogin, UnaryOperator<User> change) {
        return write(() -> {
            User current = findUserLocked(idOrLogin).orElseThrow(() -> userNotFound(idOrLogin));
            User changed = change.apply(current);
            String oldLogin = normalizedLogin(current.login());
            String newLogin = normalizedLogin(changed.login());
            if (!oldLogin.equals(newLogin)) {
                if (userIdsByLogin.containsKey(newLogin)) {
                    throw duplicateLogin();
                }
                userIdsByLogin.remove(oldLogin);
                userIdsByLogin.put(newLogin, changed.id());
            }
            users.put(changed.id(), changed);
            return changed;
        });
    }

    /** Finds a user by id, by login, or by login short name (the part before {@code @}) when that is unique. */
    public Optional<User> findUser(String idOrLogin) {
        return read(() -> findUserLocked(idOrLogin));
    }

    private Optional<User> findUserLocked(String idOrLogin) {
        User byId = users.get(idOrLogin);
        if (byId != null) {
            return Optional.of(byId);
        }
        String login = normalizedLogin(idOrLogin);
        String id = userIdsByLogin.get(login);
        if (id != null) {
            return Optional.of(users.get(id));
        }
        if (login.contains("@")) {
            return Optional.empty();
        }
        List<User> byShortName = users.values().stream()
                .filter(user -> normalizedLogin(user.login()).startsWith(login + "@"))
                .limit(2)
                .toList();
        return byShortName.size() == 1 ? Optional.of(byShortName.get(0)) : Optional.empty();
    }

    public Page<User> listUsers(Predicate<User> matching, String after, int limit) {
        return read(() -> Page.of(users.values(), User::id, matching, after, limit));
    }

    public Group createGroup(String name, String description) {
        return write(() -> {
            boolean taken = groups.values().stream().anyMatch(group -> group.name().equalsIgnoreCase(name));
            if (taken) {
                throw OktaProblem.invalid("name", "An object with this field already exists in the current organization");
            }
            Instant now = now();
            Group group = new Group(newGroupId(), now, now, now, GroupType.OKTA_GROUP, name, description);
            insertGroup(group);
            return group;
        });
    }

    /** Call under the write lock. */
    void insertGroup(Group group) {
        groups.put(group.id(), group);
        members.put(group.id(), new TreeSet<>());
    }

    public Optional<Group> findGroup(String id) {
        return read(() -> Optional.ofNullable(groups.get(id)));
    }

    public Page<Group> listGroups(Predicate<Group> matching, String after, int limit) {
        return read(() -> Page.of(groups.values(), Group::id, matching, after, limit));
    }

    /** Adds a user to an {@code OKTA_GROUP}; adding a member again changes nothing, as in Okta. */
    public void addMember(String groupId, String userId) {
        write(() -> {
            Group group = modifiableGroup(groupId);
            User user = Optional.ofNullable(users.get(userId)).orElseThrow(() -> userNotFound(userId));
            if (!members.get(group.id()).contains(user.id())) {
                addMembership(group.id(), user.id(), now());
            }
            return null;
        });
    }

    public void removeMember(String groupId, String userId) {
        write(() -> {
            Group group = modifiableGroup(groupId);
            if (!users.containsKey(userId)) {
                throw userNotFound(userId);
            }
            if (members.get(group.id()).remove(userId)) {
                groups.put(group.id(), group.withMembershipUpdated(now()));
            }
            return null;
        });
    }

    /** Call under the write lock. */
    void addMembership(String groupId, String userId, Instant when) {
        members.get(groupId).add(userId);
        groups.put(groupId, groups.get(groupId).withMembershipUpdated(when));
    }

    public Page<User> listMembers(String groupId, String after, int limit) {
        return read(() -> {
            TreeSet<String> memberIds = Optional.ofNullable(members.get(groupId)).orElseThrow(() -> groupNotFound(groupId));
            Page<String> ids = Page.of(memberIds, id -> id, id -> true, after, limit);
            return new Page<>(ids.items().stream().map(users::get).toList(), ids.next());
        });
    }

    private Group modifiableGroup(String groupId) {
        Group group = Optional.ofNullable(groups.get(groupId)).orElseThrow(() -> groupNotFound(groupId));
        if (group.type() != GroupType.OKTA_GROUP) {
            throw new OktaProblem(OktaError.of(403, OktaError.PERMISSION_DENIED,
                    "You do not have permission to perform the requested action",
                    "Memberships can only be changed on groups of type OKTA_GROUP; this group is " + group.type()));
        }
        return group;
    }

    /**
     * Okta treats logins that differ only in case or diacritical marks as the same login.
     */
    static String normalizedLogin(String login) {
        String decomposed = Normalizer.normalize(login, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    private static OktaProblem duplicateLogin() {
        return OktaProblem.invalid("login", "An object with this field already exists in the current organization");
    }

    private static OktaProblem userNotFound(String idOrLogin) {
        return OktaProblem.notFound(idOrLogin, "User");
    }

    private static OktaProblem groupNotFound(String id) {
        return OktaProblem.notFound(id, "UserGroup");
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
