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
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Okta's Groups API, the part the sandbox serves: list, create, get, and group membership. */
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

    @Inject
    Directory directory;

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
        String name = JsonBodies.optionalString(profile, "name")
                .map(String::trim)
                .filter(given -> !given.isEmpty())
                .orElseThrow(() -> OktaProblem.invalid("name", "The field cannot be left blank"));
        if (name.length() > 255) {
            throw OktaProblem.invalid("name", "Must be at most 255 characters long");
        }
        Optional<String> description = JsonBodies.optionalString(profile, "description");
        return Listing.json(uriInfo).group(directory.createGroup(name, description.orElse(null)));
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
        return Response.noContent().build();
    }

    @DELETE
    @Path("{groupId}/users/{userId}")
    public Response removeMember(@PathParam("groupId") String groupId, @PathParam("userId") String userId) {
        directory.removeMember(groupId, userId);
        return Response.noContent().build();
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
