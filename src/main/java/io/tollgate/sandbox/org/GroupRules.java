package io.tollgate.sandbox.org;

import io.tollgate.sandbox.OktaProblem;
import io.tollgate.sandbox.state.Journal.Change;
import io.tollgate.sandbox.state.Journal.Kind;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Okta's group rules: an expression over the user's profile and the groups matching users are
 * assigned to. A rule is created {@code INACTIVE}; activating it assigns every matching user and
 * removes the users it had assigned that no longer match (Okta does this asynchronously; the
 * sandbox at once). While active it also applies to users as they are created or updated.
 * <p>
 * The sandbox evaluates the part of Okta's expression language rules usually use: comparisons
 * {@code user.attr=="value"} and {@code user.attr!="value"}, {@code String.stringContains(user.attr,"value")}
 * and {@code String.startsWith(user.attr,"value")}, joined by {@code AND}/{@code &&} or {@code OR}/{@code ||}.
 */
public final class GroupRules {

    static final String EXPRESSION_TYPE = "urn:okta:expression:1.0";
    private static final Pattern COMPARISON = Pattern.compile("user\\.([A-Za-z0-9_]+)\\s*(==|!=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern FUNCTION = Pattern.compile(
            "String\\.(stringContains|startsWith)\\(\\s*user\\.([A-Za-z0-9_]+)\\s*,\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");

    /** A rule as stored: Okta's fields plus the memberships it made. */
    record Rule(String id, String status, String name, Instant created, Instant lastUpdated, JsonObject conditions,
                JsonObject actions, Set<String> assigned) {

        List<String> groupIds() {
            return actions.getJsonObject("assignUserToGroups").getJsonArray("groupIds").getValuesAs(JsonString.class)
                    .stream().map(JsonString::getString).toList();
        }

        List<String> excludedUsers() {
            JsonValue excluded = conditions.getOrDefault("people", JsonValue.EMPTY_JSON_OBJECT);
            if (!(excluded instanceof JsonObject people) || !(people.get("users") instanceof JsonObject users)
                    || !(users.get("exclude") instanceof jakarta.json.JsonArray list)) {
                return List.of();
            }
            return list.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }

        String expression() {
            return conditions.getJsonObject("expression").getString("value");
        }
    }

    private final Directory directory;
    private final TreeMap<String, Rule> rules = new TreeMap<>();

    public GroupRules(Directory directory) {
        this.directory = directory;
    }

    public JsonObject create(JsonObject request) {
        return directory.write(() -> {
            Instant now = directory.now();
            Rule rule = validated(directory.newId(OktaIds.GROUP_RULE_PREFIX), "INACTIVE", now, now, request, Set.of());
            put(rule);
            return json(rule);
        });
    }

    /** Replaces an inactive rule's name, conditions and actions; Okta refuses to change an active one. */
    public JsonObject replace(String id, JsonObject request) {
        return directory.write(() -> {
            Rule current = require(id);
            if (current.status().equals("ACTIVE")) {
                throw OktaProblem.invalid("status", "Cannot update a rule that is ACTIVE; deactivate it first");
            }
            Rule rule = validated(id, current.status(), current.created(), directory.now(), request, current.assigned());
            put(rule);
            return json(rule);
        });
    }

    public JsonObject get(String id) {
        return directory.read(() -> json(require(id)));
    }

    public List<JsonObject> list(String after, int limit) {
        return directory.read(() -> Page.of(rules.values(), Rule::id, rule -> true, after, limit).items().stream()
                .map(GroupRules::json).toList());
    }

    public void activate(String id) {
        directory.write(() -> {
            Rule rule = require(id);
            Set<String> assigned = new LinkedHashSet<>();
            for (User user : directory.listUsers(user -> true, null, Integer.MAX_VALUE).items()) {
                if (applies(rule, user)) {
                    for (String groupId : rule.groupIds()) {
                        directory.addMember(groupId, user.id());
                        assigned.add(Documents.membershipId(groupId, user.id()));
                    }
                }
            }
            for (String membership : rule.assigned()) {
                if (!assigned.contains(membership)) {
                    String[] ids = membership.split("/");
                    if (directory.findGroup(ids[0]).isPresent() && directory.findUser(ids[1]).isPresent()) {
                        directory.removeMember(ids[0], ids[1]);
                    }
                }
            }
            put(new Rule(rule.id(), "ACTIVE", rule.name(), rule.created(), directory.now(), rule.conditions(),
                    rule.actions(), assigned));
            return null;
        });
    }

    public void deactivate(String id) {
        directory.write(() -> {
            Rule rule = require(id);
            put(new Rule(rule.id(), "INACTIVE", rule.name(), rule.created(), directory.now(), rule.conditions(),
                    rule.actions(), rule.assigned()));
            return null;
        });
    }

    /** Deletes an inactive rule; the memberships it made stay, as with Okta's default {@code removeUsers=false}. */
    public void delete(String id) {
        directory.write(() -> {
            Rule rule = require(id);
            if (rule.status().equals("ACTIVE")) {
                throw OktaProblem.forbidden("Cannot delete a rule that is ACTIVE; deactivate it first");
            }
            rules.remove(id);
            directory.changed(Change.remove(Kind.GROUP_RULE, id));
            return null;
        });
    }

    /** Applies every active rule to a user that was created or changed. */
    public void applyTo(User user) {
        directory.write(() -> {
            for (Rule rule : List.copyOf(rules.values())) {
                if (rule.status().equals("ACTIVE") && applies(rule, user)) {
                    Set<String> assigned = new LinkedHashSet<>(rule.assigned());
                    for (String groupId : rule.groupIds()) {
                        directory.addMember(groupId, user.id());
                        assigned.add(Documents.membershipId(groupId, user.id()));
                    }
                    put(new Rule(rule.id(), rule.status(), rule.name(), rule.created(), rule.lastUpdated(),
                            rule.conditions(), rule.actions(), assigned));
                }
            }
            return null;
        });
    }

    /** Rules that assign to a deleted group are left without it, as Okta shows them. */
    void forgetGroup(String groupId) {
        for (Rule rule : List.copyOf(rules.values())) {
            if (rule.groupIds().contains(groupId)) {
                JsonArrayBuilder remaining = Json.createArrayBuilder();
                rule.groupIds().stream().filter(id -> !id.equals(groupId)).forEach(remaining::add);
                JsonObject actions = Json.createObjectBuilder().add("assignUserToGroups",
                        Json.createObjectBuilder().add("groupIds", remaining)).build();
                put(new Rule(rule.id(), "INACTIVE", rule.name(), rule.created(), directory.now(), rule.conditions(), actions,
                        rule.assigned()));
            }
        }
    }

    private boolean applies(Rule rule, User user) {
        return user.status() == UserStatus.ACTIVE && !rule.excludedUsers().contains(user.id())
                && evaluate(rule.expression(), user.profile());
    }

    private Rule validated(String id, String status, Instant created, Instant now, JsonObject request, Set<String> assigned) {
        String type = JsonBodies.optionalString(request, "type").orElse("group_rule");
        if (!type.equals("group_rule")) {
            throw OktaProblem.invalid("type", "Must be group_rule");
        }
        String name = JsonBodies.optionalString(request, "name").filter(text -> !text.isBlank())
                .orElseThrow(() -> OktaProblem.invalid("name", "The field cannot be left blank"));
        JsonObject conditions = JsonBodies.requiredObject(request, "conditions");
        JsonObject expression = JsonBodies.requiredObject(conditions, "expression");
        String value = JsonBodies.optionalString(expression, "value").filter(text -> !text.isBlank())
                .orElseThrow(() -> OktaProblem.invalid("conditions.expression.value", "The field cannot be left blank"));
        evaluate(value, JsonValue.EMPTY_JSON_OBJECT);
        JsonObject actions = JsonBodies.requiredObject(request, "actions");
        JsonObject assign = JsonBodies.requiredObject(actions, "assignUserToGroups");
        JsonValue groupIds = assign.get("groupIds");
        if (!(groupIds instanceof jakarta.json.JsonArray array) || array.isEmpty()
                || !array.stream().allMatch(JsonString.class::isInstance)) {
            throw OktaProblem.invalid("actions.assignUserToGroups.groupIds", "Must be a non-empty array of group ids");
        }
        for (JsonString groupId : array.getValuesAs(JsonString.class)) {
            Group group = directory.requireGroup(groupId.getString());
            if (group.type() != GroupType.OKTA_GROUP) {
                throw OktaProblem.invalid("actions.assignUserToGroups.groupIds", "Rules can only assign to groups of type OKTA_GROUP");
            }
        }
        return new Rule(id, status, name, created, now, conditions, actions, Set.copyOf(assigned));
    }

    /**
     * Evaluates a rule expression over a profile; an expression outside the supported part of the
     * language is refused, so a rule never silently matches nobody.
     */
    static boolean evaluate(String expression, JsonObject profile) {
        List<String> alternatives = split(expression, "\\s+OR\\s+|\\|\\|");
        boolean any = false;
        for (String alternative : alternatives) {
            boolean all = true;
            for (String term : split(alternative, "\\s+AND\\s+|&&")) {
                all &= term(term.trim(), profile);
            }
            any |= all;
        }
        return any;
    }

    private static List<String> split(String expression, String separator) {
        List<String> parts = new ArrayList<>(List.of(expression.split(separator)));
        if (parts.stream().anyMatch(String::isBlank)) {
            throw invalidExpression(expression);
        }
        return parts;
    }

    private static boolean term(String term, JsonObject profile) {
        Matcher comparison = COMPARISON.matcher(term);
        if (comparison.matches()) {
            boolean equal = attribute(profile, comparison.group(1)).map(unescape(comparison.group(3))::equals).orElse(false);
            return comparison.group(2).equals("==") == equal;
        }
        Matcher function = FUNCTION.matcher(term);
        if (function.matches()) {
            String wanted = unescape(function.group(3));
            Optional<String> actual = attribute(profile, function.group(2));
            return function.group(1).equals("stringContains")
                    ? actual.map(text -> text.contains(wanted)).orElse(false)
                    : actual.map(text -> text.startsWith(wanted)).orElse(false);
        }
        throw invalidExpression(term);
    }

    private static Optional<String> attribute(JsonObject profile, String name) {
        return profile.get(name) instanceof JsonString text ? Optional.of(text.getString()) : Optional.empty();
    }

    private static String unescape(String literal) {
        return literal.replaceAll("\\\\(.)", "$1");
    }

    private static OktaProblem invalidExpression(String expression) {
        return OktaProblem.invalid("conditions.expression.value", "Invalid expression: " + expression);
    }

    private Rule require(String id) {
        return Optional.ofNullable(rules.get(id)).orElseThrow(() -> OktaProblem.notFound(id, "GroupRule"));
    }

    private void put(Rule rule) {
        rules.put(rule.id(), rule);
        JsonArrayBuilder assigned = Json.createArrayBuilder();
        rule.assigned().forEach(assigned::add);
        directory.changed(Change.put(Kind.GROUP_RULE, rule.id(),
                Json.createObjectBuilder(json(rule)).add("assigned", assigned).build()));
    }

    void restore(JsonObject document) {
        Set<String> assigned = new LinkedHashSet<>();
        document.getJsonArray("assigned").getValuesAs(JsonString.class).forEach(id -> assigned.add(id.getString()));
        rules.put(document.getString("id"), new Rule(document.getString("id"), document.getString("status"),
                document.getString("name"), Instant.parse(document.getString("created")),
                Instant.parse(document.getString("lastUpdated")), document.getJsonObject("conditions"),
                document.getJsonObject("actions"), assigned));
        directory.restoredId(document.getString("id"));
    }

    void clear() {
        rules.clear();
    }

    /** Okta's answer: the fields in the order its answers have them. */
    private static JsonObject json(Rule rule) {
        return Json.createObjectBuilder()
                .add("type", "group_rule")
                .add("id", rule.id())
                .add("status", rule.status())
                .add("name", rule.name())
                .add("created", OrgJson.timestamp(rule.created()))
                .add("lastUpdated", OrgJson.timestamp(rule.lastUpdated()))
                .add("conditions", rule.conditions())
                .add("actions", rule.actions())
                .build();
    }
}
