package io.tollgate.sandbox.org;

import io.tollgate.okta.OktaError;
import io.tollgate.sandbox.OktaProblem;
import io.tollgate.sandbox.state.Journal;
import io.tollgate.sandbox.state.Journal.Change;
import io.tollgate.sandbox.state.Journal.Kind;
import jakarta.json.JsonObject;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * The sandbox org's users, groups and memberships. The working copy is in memory; every change is
 * written to the {@link Journal} (Tollgate's database) before the operation answers, one
 * transaction per operation, and read back when the sandbox starts. One lock guards everything
 * because checks such as login uniqueness span several maps; the other parts of the org (group
 * rules, role assignments, apps, the System Log) take the same lock through {@link #write}.
 */
public final class Directory {

    private static final String EVERYONE = "Everyone";

    private final Clock clock;
    private final OktaIds ids;
    private final Journal journal;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Ordered by id, which is creation order (see {@link OktaIds}). */
    private final TreeMap<String, User> users = new TreeMap<>();
    private final Map<String, String> userIdsByLogin = new HashMap<>();
    private final TreeMap<String, Group> groups = new TreeMap<>();
    private final Map<String, TreeSet<String>> members = new HashMap<>();
    /** Changes of the operation under way, written to the journal when its outermost write ends. */
    private final List<Change> pending = new ArrayList<>();
    private int writeDepth;

    public Directory(Clock clock, OktaIds ids, Journal journal) {
        this.clock = clock;
        this.ids = ids;
        this.journal = journal;
    }

    /** Okta shows whole seconds ({@code .000Z}); so does the sandbox. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    public String newId(String prefix) {
        return ids.next(prefix);
    }

    /** Whether the org holds nothing yet: seeding happens only then. */
    public boolean isEmpty() {
        return read(() -> users.isEmpty() && groups.isEmpty());
    }

    /**
     * Creates a user as Okta does: {@code STAGED} unless activated; activated with a password it is
     * {@code ACTIVE}, without one {@code PROVISIONED} (it would still have to set a password).
     */
    public User createUser(JsonObject profile, User.Credentials credentials, boolean activate) {
        return write(() -> {
            Instant now = now();
            UserStatus status = !activate ? UserStatus.STAGED
                    : credentials.hasPassword() ? UserStatus.ACTIVE : UserStatus.PROVISIONED;
            User user = new User(newId(OktaIds.USER_PREFIX), status, now,
                    status == UserStatus.ACTIVE ? now : null, activate ? now : null, null, now,
                    credentials.hasPassword() ? now : null, profile, credentials);
            insertUser(user);
            return user;
        });
    }

    /** Inserts a user (new or seeded) and makes it a member of Everyone; call under the write lock. */
    void insertUser(User user) {
        String login = normalizedLogin(user.login());
        if (userIdsByLogin.containsKey(login)) {
            throw duplicateLogin();
        }
        putUser(user);
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
            putUser(changed);
            return changed;
        });
    }

    /** Deletes a user for good, with its memberships; Okta deletes only deactivated users. */
    public void deleteUser(String id) {
        write(() -> {
            User user = Optional.ofNullable(users.get(id)).orElseThrow(() -> userNotFound(id));
            if (user.status() != UserStatus.DEPROVISIONED) {
                throw new OktaProblem(OktaError.of(403, Lifecycle.NOT_ALLOWED_IN_STATUS,
                        "This operation is not allowed in the user's current status."));
            }
            users.remove(id);
            userIdsByLogin.remove(normalizedLogin(user.login()));
            changed(Change.remove(Kind.USER, id));
            Instant now = now();
            members.forEach((groupId, memberIds) -> {
                if (memberIds.remove(id)) {
                    changed(Change.remove(Kind.MEMBERSHIP, Documents.membershipId(groupId, id)));
                    putGroup(groups.get(groupId).withMembershipUpdated(now));
                }
            });
            return null;
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

    public User requireUser(String idOrLogin) {
        return findUser(idOrLogin).orElseThrow(() -> userNotFound(idOrLogin));
    }

    public Page<User> listUsers(Predicate<User> matching, String after, int limit) {
        return read(() -> Page.of(users.values(), User::id, matching, after, limit));
    }

    public Group createGroup(String name, String description) {
        return write(() -> {
            requireUniqueName(name, null);
            Instant now = now();
            Group group = new Group(newId(OktaIds.GROUP_PREFIX), now, now, now, GroupType.OKTA_GROUP, name, description);
            insertGroup(group);
            return group;
        });
    }

    /** Replaces an {@code OKTA_GROUP}'s profile (name and description). */
    public Group replaceGroup(String groupId, String name, String description) {
        return write(() -> {
            Group group = modifiableGroup(groupId);
            requireUniqueName(name, groupId);
            Group replaced = group.withProfile(name, description, now());
            putGroup(replaced);
            return replaced;
        });
    }

    /** Removes an {@code OKTA_GROUP} and its memberships; {@code onRemoved} runs under the same lock, for what refers to it. */
    public void deleteGroup(String groupId, Runnable onRemoved) {
        write(() -> {
            modifiableGroup(groupId);
            groups.remove(groupId);
            members.remove(groupId).forEach(userId -> changed(Change.remove(Kind.MEMBERSHIP, Documents.membershipId(groupId, userId))));
            changed(Change.remove(Kind.GROUP, groupId));
            onRemoved.run();
            return null;
        });
    }

    private void requireUniqueName(String name, String exceptId) {
        boolean taken = groups.values().stream()
                .anyMatch(group -> group.name().equalsIgnoreCase(name) && !group.id().equals(exceptId));
        if (taken) {
            throw OktaProblem.invalid("name", "An object with this field already exists in the current organization");
        }
    }

    /** Call under the write lock. */
    void insertGroup(Group group) {
        putGroup(group);
        members.put(group.id(), new TreeSet<>());
    }

    public Optional<Group> findGroup(String id) {
        return read(() -> Optional.ofNullable(groups.get(id)));
    }

    public Group requireGroup(String id) {
        return findGroup(id).orElseThrow(() -> groupNotFound(id));
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
                changed(Change.remove(Kind.MEMBERSHIP, Documents.membershipId(group.id(), userId)));
                putGroup(group.withMembershipUpdated(now()));
            }
            return null;
        });
    }

    /** Call under the write lock. */
    void addMembership(String groupId, String userId, Instant when) {
        members.get(groupId).add(userId);
        changed(Change.put(Kind.MEMBERSHIP, Documents.membershipId(groupId, userId), Documents.membership(groupId, userId)));
        putGroup(groups.get(groupId).withMembershipUpdated(when));
    }

    public Page<User> listMembers(String groupId, String after, int limit) {
        return read(() -> {
            TreeSet<String> memberIds = Optional.ofNullable(members.get(groupId)).orElseThrow(() -> groupNotFound(groupId));
            Page<String> page = Page.of(memberIds, id -> id, id -> true, after, limit);
            return new Page<>(page.items().stream().map(users::get).toList(), page.next());
        });
    }

    /** The groups a user belongs to, in id order. */
    public List<Group> groupsOf(String userId) {
        return read(() -> groups.values().stream().filter(group -> members.get(group.id()).contains(userId)).toList());
    }

    private Group modifiableGroup(String groupId) {
        Group group = Optional.ofNullable(groups.get(groupId)).orElseThrow(() -> groupNotFound(groupId));
        if (group.type() != GroupType.OKTA_GROUP) {
            throw new OktaProblem(OktaError.of(403, OktaError.PERMISSION_DENIED,
                    "You do not have permission to perform the requested action",
                    "Only groups of type OKTA_GROUP can be changed; this group is " + group.type()));
        }
        return group;
    }

    private void putUser(User user) {
        users.put(user.id(), user);
        changed(Change.put(Kind.USER, user.id(), Documents.user(user)));
    }

    private void putGroup(Group group) {
        groups.put(group.id(), group);
        changed(Change.put(Kind.GROUP, group.id(), Documents.group(group)));
    }

    /** Restores users, groups and memberships read back from the journal (call before any request). */
    public void restore(Kind kind, JsonObject document) {
        switch (kind) {
            case USER -> {
                User user = Documents.user(document);
                users.put(user.id(), user);
                userIdsByLogin.put(normalizedLogin(user.login()), user.id());
                ids.advancePast(user.id());
            }
            case GROUP -> {
                Group group = Documents.group(document);
                groups.put(group.id(), group);
                members.putIfAbsent(group.id(), new TreeSet<>());
                ids.advancePast(group.id());
            }
            case MEMBERSHIP -> {
                TreeSet<String> memberIds = members.get(document.getString("groupId"));
                if (memberIds != null && users.containsKey(document.getString("userId"))) {
                    memberIds.add(document.getString("userId"));
                }
            }
            default -> throw new IllegalArgumentException("The directory does not keep " + kind);
        }
    }

    /** Keeps new ids after an id restored from the journal (rules, apps). */
    void restoredId(String id) {
        ids.advancePast(id);
    }

    /** Forgets every user, group and membership (the journal is cleared by whoever resets the org). */
    public void clear() {
        lock.writeLock().lock();
        try {
            users.clear();
            userIdsByLogin.clear();
            groups.clear();
            members.clear();
            pending.clear();
        } finally {
            lock.writeLock().unlock();
        }
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

    static OktaProblem userNotFound(String idOrLogin) {
        return OktaProblem.notFound(idOrLogin, "User");
    }

    static OktaProblem groupNotFound(String id) {
        return OktaProblem.notFound(id, "UserGroup");
    }

    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code action} under the write lock. When the outermost write ends normally, the changes
     * it recorded are written to the journal, in one transaction, before the lock is released.
     */
    <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        writeDepth++;
        boolean completed = false;
        try {
            T result = action.get();
            completed = true;
            return result;
        } finally {
            writeDepth--;
            try {
                if (writeDepth == 0 && completed && !pending.isEmpty()) {
                    journal.apply(List.copyOf(pending));
                }
            } finally {
                if (writeDepth == 0) {
                    pending.clear();
                }
                lock.writeLock().unlock();
            }
        }
    }

    /** Records a change of the operation under way; call under the write lock. */
    void changed(Change change) {
        pending.add(change);
    }
}
