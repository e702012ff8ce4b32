package io.tollgate.sandbox.org;

import io.tollgate.sandbox.OktaProblem;
import io.tollgate.sandbox.org.query.Dialect;
import io.tollgate.sandbox.org.query.Expression;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Okta's Groups API, the part the sandbox serves: list (with {@code q}, {@code search} and
 * {@code filter}), create, get, replace, delete, membership, and group rules.
 */
@Path("api/v1/groups")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class GroupsResource {

    /** Okta's default and maximum page of groups is 10000 (its answers show {@code limit=10000}); a {@code q} lookup answers 300. */
    static final ListQuery.Limits LIMITS = new ListQuery.Limits(10_000, 300, 10_000);
    /** Okta's default page of group members (its answers show {@code limit=1000}). */
    static final int DEFAULT_MEMBER_LIMIT = 1000;

    static final Dialect SEARCH = Dialect.search(
            Set.of("id", "created", "lastUpdated", "lastMembershipUpdated", "type"),
            Set.of("profile.name", "profile.description"));
    static final Dialect FILTER = Dialect.filter(
            Set.of("id", "type", "lastUpdated", "lastMembershipUpdated"),
            Set.of("lastUpdated", "lastMembershipUpdated"));

    /** Okta's default page of group rules (its answers show {@code limit=50}). */
    static final int DEFAULT_RULE_LIMIT = 50;

    @Inject
    Org org;

    @Inject
    Caller caller;

    Directory directory;

    @jakarta.annotation.PostConstruct
    void init() {
        directory = org.directory();
    }

    @Context
    UriInfo uriInfo;

    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("search") String search, @QueryParam("filter") String filter,
                         @QueryParam("after") String after, @QueryParam("limit") String limit) {
        OrgJson json = Listing.json(uriInfo);
        ListQuery query = ListQuery.read(q, search, filter, after, limit, SEARCH, FILTER, LIMITS);
        Predicate<Group> matching = query.expression().map(expression -> matches(expression, json))
                .orElseGet(() -> query.q().map(GroupsResource::nameStartsWith).orElse(group -> true));
        return query.answer(directory.listGroups(matching, query.after(), query.limit()), json::group, json.groupsUrl());
    }

    /** Adds an {@code OKTA_GROUP}; the name is required and unique, the description optional. */
    @POST
    public JsonObject create(String body) {
        JsonObject profile = JsonBodies.requiredObject(JsonBodies.object(body), "profile");
        Group group = directory.createGroup(name(profile), JsonBodies.optionalString(profile, "description").orElse(null));
        log("group.lifecycle.create", "Create okta group", group);
        return Listing.json(uriInfo).group(group);
    }

    /** Replaces the profile of an {@code OKTA_GROUP}: a description that is not given is removed. */
    @PUT
    @Path("{groupId}")
    public JsonObject replace(@PathParam("groupId") String groupId, String body) {
        JsonObject profile = JsonBodies.requiredObject(JsonBodies.object(body), "profile");
        Group group = directory.replaceGroup(groupId, name(profile), JsonBodies.optionalString(profile, "description").orElse(null));
        log("group.profile.update", "Update group profile", group);
        return Listing.json(uriInfo).group(group);
    }

    @DELETE
    @Path("{groupId}")
    public Response delete(@PathParam("groupId") String groupId) {
        Group group = directory.requireGroup(groupId);
        org.deleteGroup(groupId);
        log("group.lifecycle.delete", "Delete okta group", group);
        return Response.noContent().build();
    }

    private static String name(JsonObject profile) {
        String name = JsonBodies.optionalString(profile, "name")
                .map(String::trim)
                .filter(given -> !given.isEmpty())
                .orElseThrow(() -> OktaProblem.invalid("name", "The field cannot be left blank"));
        if (name.length() > 255) {
            throw OktaProblem.invalid("name", "Must be at most 255 characters long");
        }
        return name;
    }

    @GET
    @Path("{groupId}")
    public JsonObject get(@PathParam("groupId") String groupId) {
        return directory.findGroup(groupId)
                .map(Listing.json(uriInfo)::group)
                .orElseThrow(() -> OktaProblem.notFound(groupId, "UserGroup"));
    }

    @GET
    @Path("{groupId}/users")
    public Response members(@PathParam("groupId") String groupId, @QueryParam("after") String after,
                            @QueryParam("limit") String limit) {
        OrgJson json = Listing.json(uriInfo);
        int pageSize = Listing.limit(limit, DEFAULT_MEMBER_LIMIT, LIMITS.maximum());
        Page<User> page = directory.listMembers(groupId, after, pageSize);
        return Listing.answer(page.items().stream().map(user -> json.user(user, false)).toList(),
                json.groupsUrl() + "/" + groupId + "/users", Listing.present(Listing.parameters("after", after)),
                pageSize, page.next(), true);
    }

    @PUT
    @Path("{groupId}/users/{userId}")
    public Response addMember(@PathParam("groupId") String groupId, @PathParam("userId") String userId) {
        directory.addMember(groupId, userId);
        logMembership("group.user_membership.add", "Add user to group membership", groupId, userId);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{groupId}/users/{userId}")
    public Response removeMember(@PathParam("groupId") String groupId, @PathParam("userId") String userId) {
        directory.removeMember(groupId, userId);
        logMembership("group.user_membership.remove", "Remove user from group membership", groupId, userId);
        return Response.noContent().build();
    }

    @GET
    @Path("rules")
    public Response rules(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        int pageSize = Listing.limit(limit, DEFAULT_RULE_LIMIT, LIMITS.maximum());
        return Listing.answer(org.groupRules().list(after, pageSize), Listing.json(uriInfo).groupsUrl() + "/rules",
                Listing.present(Listing.parameters("after", after)), pageSize, java.util.Optional.empty(), true);
    }

    @POST
    @Path("rules")
    public JsonObject createRule(String body) {
        JsonObject rule = org.groupRules().create(JsonBodies.object(body));
        logRule("group_rule.create", "Create group rule", rule);
        return rule;
    }

    @GET
    @Path("rules/{ruleId}")
    public JsonObject rule(@PathParam("ruleId") String ruleId) {
        return org.groupRules().get(ruleId);
    }

    @PUT
    @Path("rules/{ruleId}")
    public JsonObject replaceRule(@PathParam("ruleId") String ruleId, String body) {
        JsonObject rule = org.groupRules().replace(ruleId, JsonBodies.object(body));
        logRule("group_rule.update", "Update group rule", rule);
        return rule;
    }

    /** 202: the rule is gone, its memberships stay (recordings show {@code {}}, today's spec no body; the spec wins). */
    @DELETE
    @Path("rules/{ruleId}")
    public Response deleteRule(@PathParam("ruleId") String ruleId) {
        JsonObject rule = org.groupRules().get(ruleId);
        org.groupRules().delete(ruleId);
        logRule("group_rule.delete", "Delete group rule", rule);
        return Response.accepted().build();
    }

    @POST
    @Path("rules/{ruleId}/lifecycle/activate")
    public Response activateRule(@PathParam("ruleId") String ruleId) {
        org.groupRules().activate(ruleId);
        logRule("group_rule.activate", "Activate group rule", org.groupRules().get(ruleId));
        return Response.noContent().build();
    }

    @POST
    @Path("rules/{ruleId}/lifecycle/deactivate")
    public Response deactivateRule(@PathParam("ruleId") String ruleId) {
        org.groupRules().deactivate(ruleId);
        logRule("group_rule.deactivate", "Deactivate group rule", org.groupRules().get(ruleId));
        return Response.noContent().build();
    }

    private void log(String eventType, String message, Group group) {
        org.log().record(caller.actor(), eventType, message, SystemLog.Target.of(group));
    }

    private void logMembership(String eventType, String message, String groupId, String userId) {
        org.log().record(caller.actor(), eventType, message, SystemLog.Target.of(directory.requireUser(userId)),
                SystemLog.Target.of(directory.requireGroup(groupId)));
    }

    private void logRule(String eventType, String message, JsonObject rule) {
        org.log().record(caller.actor(), eventType, message,
                new SystemLog.Target(rule.getString("id"), "GroupRule", "unknown", rule.getString("name")));
    }

    /** Okta's {@code q} for groups: a case-insensitive prefix of the name. */
    private static Predicate<Group> nameStartsWith(String q) {
        String prefix = q.toLowerCase(Locale.ROOT);
        return group -> group.name().toLowerCase(Locale.ROOT).startsWith(prefix);
    }

    private static Predicate<Group> matches(Expression expression, OrgJson json) {
        return group -> expression.matches(json.group(group));
    }
}
