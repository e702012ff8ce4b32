package io.tollgate.sandbox.org;

import io.tollgate.sandbox.OktaProblem;
import io.tollgate.sandbox.state.Journal.Change;
import io.tollgate.sandbox.state.Journal.Kind;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Standard admin roles assigned to users, and their group targets. As in Okta's answers, the id of a
 * standard role assignment is derived from the role type (base32 of its name), so it is the same for
 * every user; a user holds each role at most once.
 */
public final class RoleAssignments {

    /** The standard roles the sandbox assigns, with the labels Okta gives them. */
    static final Map<String, String> LABELS = Map.of(
            "SUPER_ADMIN", "Super Organization Administrator",
            "ORG_ADMIN", "Organizational Administrator",
            "USER_ADMIN", "User Administrator",
            "GROUP_MEMBERSHIP_ADMIN", "Group Membership Administrator",
            "HELP_DESK_ADMIN", "Help Desk Administrator",
            "APP_ADMIN", "Application Administrator",
            "READ_ONLY_ADMIN", "Read Only Administrator",
            "REPORT_ADMIN", "Report Administrator",
            "API_ACCESS_MANAGEMENT_ADMIN", "API Access Management Administrator");
    /** Roles whose reach can be narrowed to groups. */
    private static final Set<String> GROUP_TARGETABLE = Set.of("USER_ADMIN", "GROUP_MEMBERSHIP_ADMIN", "HELP_DESK_ADMIN");

    record Assignment(String id, String userId, String type, Instant created, Instant lastUpdated, Set<String> groupTargets) {
    }

    private final Directory directory;
    /** By user id, then by assignment id. */
    private final Map<String, TreeMap<String, Assignment>> byUser = new TreeMap<>();

    public RoleAssignments(Directory directory) {
        this.directory = directory;
    }

    /** @param request the body of {@code assignRoleToUser}: {@code {"type": "USER_ADMIN"}} */
    public JsonObject assign(String userId, JsonObject request) {
        return directory.write(() -> {
            User user = directory.requireUser(userId);
            String type = JsonBodies.optionalString(request, "type")
                    .orElseThrow(() -> OktaProblem.invalid("type", "The field cannot be left blank"));
            if (!LABELS.containsKey(type)) {
                throw OktaProblem.invalid("type", "The sandbox assigns the standard roles " + String.join(", ", LABELS.keySet().stream().sorted().toList()));
            }
            String id = idOf(type);
            TreeMap<String, Assignment> assignments = byUser.computeIfAbsent(user.id(), key -> new TreeMap<>());
            if (assignments.containsKey(id)) {
                throw OktaProblem.invalid("type", "The role is already assigned to the user");
            }
            Instant now = directory.now();
            Assignment assignment = new Assignment(id, user.id(), type, now, now, Set.of());
            put(assignment);
            return json(assignment);
        });
    }

    public List<JsonObject> list(String userId) {
        return directory.read(() -> {
            User user = directory.requireUser(userId);
            return byUser.getOrDefault(user.id(), new TreeMap<>()).values().stream().map(RoleAssignments::json).toList();
        });
    }

    public JsonObject get(String userId, String assignmentId) {
        return directory.read(() -> json(require(userId, assignmentId)));
    }

    public void unassign(String userId, String assignmentId) {
        directory.write(() -> {
            Assignment assignment = require(userId, assignmentId);
            byUser.get(assignment.userId()).remove(assignment.id());
            directory.changed(Change.remove(Kind.ROLE, key(assignment)));
            return null;
        });
    }

    public List<Group> groupTargets(String userId, String assignmentId) {
        return directory.read(() -> {
            Assignment assignment = require(userId, assignmentId);
            requireTargetable(assignment);
            return assignment.groupTargets().stream().sorted().map(directory::findGroup).flatMap(Optional::stream).toList();
        });
    }

    public void addGroupTarget(String userId, String assignmentId, String groupId) {
        directory.write(() -> {
            Assignment assignment = require(userId, assignmentId);
            requireTargetable(assignment);
            directory.requireGroup(groupId);
            Set<String> targets = new LinkedHashSet<>(assignment.groupTargets());
            if (targets.add(groupId)) {
                put(new Assignment(assignment.id(), assignment.userId(), assignment.type(), assignment.created(),
                        directory.now(), targets));
            }
            return null;
        });
    }

    /** Removes a group target; the last one cannot go (the role would silently widen to every group). */
    public void removeGroupTarget(String userId, String assignmentId, String groupId) {
        directory.write(() -> {
            Assignment assignment = require(userId, assignmentId);
            requireTargetable(assignment);
            if (!assignment.groupTargets().contains(groupId)) {
                throw OktaProblem.notFound(groupId, "UserGroup");
            }
            if (assignment.groupTargets().size() == 1) {
                throw OktaProblem.forbidden("The last group target of a role assignment cannot be removed; unassign the role instead");
            }
            Set<String> targets = new LinkedHashSet<>(assignment.groupTargets());
            targets.remove(groupId);
            put(new Assignment(assignment.id(), assignment.userId(), assignment.type(), assignment.created(),
                    directory.now(), targets));
            return null;
        });
    }

    /** Forgets a deleted user's roles (under the directory's write lock). */
    void forgetUser(String userId) {
        Optional.ofNullable(byUser.remove(userId)).ifPresent(assignments ->
                assignments.values().forEach(assignment -> directory.changed(Change.remove(Kind.ROLE, key(assignment)))));
    }

    /** Drops a deleted group from every target list (under the directory's write lock). */
    void forgetGroup(String groupId) {
        for (TreeMap<String, Assignment> assignments : byUser.values()) {
            for (Assignment assignment : new ArrayList<>(assignments.values())) {
                if (assignment.groupTargets().contains(groupId)) {
                    Set<String> targets = new LinkedHashSet<>(assignment.groupTargets());
                    targets.remove(groupId);
                    put(new Assignment(assignment.id(), assignment.userId(), assignment.type(), assignment.created(),
                            directory.now(), targets));
                }
            }
        }
    }

    private static void requireTargetable(Assignment assignment) {
        if (!GROUP_TARGETABLE.contains(assignment.type())) {
            throw OktaProblem.forbidden("Group targets can only be set for " + String.join(", ", GROUP_TARGETABLE.stream().sorted().toList()));
        }
    }

    private Assignment require(String userId, String assignmentId) {
        User user = directory.requireUser(userId);
        return Optional.ofNullable(byUser.getOrDefault(user.id(), new TreeMap<>()).get(assignmentId))
                .orElseThrow(() -> OktaProblem.notFound(assignmentId, "Role"));
    }

    private void put(Assignment assignment) {
        byUser.computeIfAbsent(assignment.userId(), key -> new TreeMap<>()).put(assignment.id(), assignment);
        JsonArrayBuilder targets = Json.createArrayBuilder();
        assignment.groupTargets().forEach(targets::add);
        directory.changed(Change.put(Kind.ROLE, key(assignment), Json.createObjectBuilder()
                .add("id", assignment.id()).add("userId", assignment.userId()).add("type", assignment.type())
                .add("created", assignment.created().toString()).add("lastUpdated", assignment.lastUpdated().toString())
                .add("groupTargets", targets).build()));
    }

    void restore(JsonObject document) {
        Set<String> targets = new LinkedHashSet<>();
        document.getJsonArray("groupTargets").getValuesAs(JsonString.class).forEach(id -> targets.add(id.getString()));
        Assignment assignment = new Assignment(document.getString("id"), document.getString("userId"),
                document.getString("type"), Instant.parse(document.getString("created")),
                Instant.parse(document.getString("lastUpdated")), targets);
        byUser.computeIfAbsent(assignment.userId(), key -> new TreeMap<>()).put(assignment.id(), assignment);
    }

    void clear() {
        byUser.clear();
    }

    private static String key(Assignment assignment) {
        return assignment.userId() + "/" + assignment.id();
    }

    /** Okta's ids of standard role assignments: the role type's name in base32, without padding. */
    static String idOf(String type) {
        return base32(type.getBytes(StandardCharsets.US_ASCII));
    }

    private static String base32(byte[] bytes) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /** The fields Okta's answers carry, in their order. */
    private static JsonObject json(Assignment assignment) {
        return Json.createObjectBuilder()
                .add("id", assignment.id())
                .add("label", LABELS.get(assignment.type()))
                .add("type", assignment.type())
                .add("status", "ACTIVE")
                .add("created", OrgJson.timestamp(assignment.created()))
                .add("lastUpdated", OrgJson.timestamp(assignment.lastUpdated()))
                .build();
    }
}
