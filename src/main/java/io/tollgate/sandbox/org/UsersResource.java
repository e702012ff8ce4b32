package io.tollgate.sandbox.org;

import io.tollgate.sandbox.OktaProblem;
import io.tollgate.sandbox.org.query.Dialect;
import io.tollgate.sandbox.org.query.Expression;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Okta's Users API, the part the sandbox serves: list, create, get, update and replace. */
@Path("api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class UsersResource {

    /** Okta's default and maximum page of users is 200; a {@code q} lookup answers 10 unless told otherwise. */
    static final ListQuery.Limits LIMITS = new ListQuery.Limits(200, 10, 200);

    static final Dialect SEARCH = Dialect.search(
            Set.of("id", "status", "created", "activated", "statusChanged", "lastUpdated"),
            Set.of("profile.firstName", "profile.lastName", "profile.email", "profile.login"));
    static final Dialect FILTER = Dialect.filter(
            Set.of("status", "lastUpdated", "id", "profile.login", "profile.email", "profile.firstName", "profile.lastName"),
            Set.of("lastUpdated"));

    @Inject
    Directory directory;

    @Context
    UriInfo uriInfo;

    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("search") String search, @QueryParam("filter") String filter,
                         @QueryParam("after") String after, @QueryParam("limit") String limit) {
        OrgJson json = json();
        ListQuery query = ListQuery.read(q, search, filter, after, limit, SEARCH, FILTER, LIMITS);
        // Okta leaves deprovisioned users out of plain lists and q lookups, but not out of search or filter results.
        Predicate<User> matching = query.expression().map(expression -> matches(expression, json))
                .orElseGet(() -> query.q().map(UsersResource::startsWith).orElse(user -> true).and(notDeprovisioned()));
        return query.answer(directory.listUsers(matching, query.after(), query.limit()), user -> json.user(user, false), json.usersUrl());
    }

    @POST
    public JsonObject create(@QueryParam("activate") String activate, String body) {
        JsonObject request = JsonBodies.object(body);
        JsonObject profile = Profiles.complete(JsonBodies.requiredObject(request, "profile"));
        User.Credentials credentials = credentials(request, null);
        List<String> groupIds = groupIds(request);
        User user = directory.createUser(profile, credentials, flag("activate", activate, true));
        groupIds.forEach(groupId -> directory.addMember(groupId, user.id()));
        return json().user(user, true);
    }

    @GET
    @Path("{idOrLogin}")
    public JsonObject get(@PathParam("idOrLogin") String idOrLogin) {
        return directory.findUser(idOrLogin)
                .map(user -> json().user(user, true))
                .orElseThrow(() -> OktaProblem.notFound(idOrLogin, "User"));
    }

    /** Partial update: the given profile attributes and credentials change, nothing else. */
    @POST
    @Path("{idOrLogin}")
    public JsonObject update(@PathParam("idOrLogin") String idOrLogin, String body) {
        JsonObject request = JsonBodies.object(body);
        Optional<JsonObject> changes = JsonBodies.optionalObject(request, "profile");
        User updated = directory.updateUser(idOrLogin, user -> changed(user, request,
                changes.map(given -> Profiles.merge(user.profile(), given)).orElse(user.profile())));
        return json().user(updated, true);
    }

    /** Full replacement: profile attributes that are not given are removed. */
    @PUT
    @Path("{idOrLogin}")
    public JsonObject replace(@PathParam("idOrLogin") String idOrLogin, String body) {
        JsonObject request = JsonBodies.object(body);
        JsonObject profile = Profiles.complete(JsonBodies.requiredObject(request, "profile"));
        User replaced = directory.updateUser(idOrLogin, user -> changed(user, request, profile));
        return json().user(replaced, true);
    }

    private User changed(User user, JsonObject request, JsonObject profile) {
        User withProfile = user.withProfile(profile, directory.now());
        if (JsonBodies.optionalObject(request, "credentials").isEmpty()) {
            return withProfile;
        }
        User.Credentials credentials = credentials(request, user.credentials());
        boolean newPassword = credentials.hasPassword() && passwordGiven(request);
        return withProfile.withCredentials(credentials, newPassword, directory.now());
    }

    /**
     * The credentials of a request: a password value (kept only as "has a password") and a recovery
     * question (its answer is required but not kept). Properties not given keep their current state.
     */
    private static User.Credentials credentials(JsonObject request, User.Credentials current) {
        Optional<JsonObject> given = JsonBodies.optionalObject(request, "credentials");
        boolean hasPassword = current != null && current.hasPassword();
        String question = current == null ? null : current.recoveryQuestion();
        if (given.isPresent()) {
            Optional<JsonObject> password = JsonBodies.optionalObject(given.get(), "password");
            if (password.isPresent() && password.get().containsKey("value")) {
                String value = JsonBodies.optionalString(password.get(), "value").orElse("");
                if (value.isEmpty()) {
                    throw OktaProblem.invalid("password", "The field cannot be left blank");
                }
                hasPassword = true;
            }
            Optional<JsonObject> recovery = JsonBodies.optionalObject(given.get(), "recovery_question");
            if (recovery.isPresent()) {
                question = JsonBodies.optionalString(recovery.get(), "question")
                        .filter(text -> !text.isBlank())
                        .orElseThrow(() -> OktaProblem.invalid("recovery_question", "The question cannot be left blank"));
                JsonBodies.optionalString(recovery.get(), "answer")
                        .filter(text -> !text.isBlank())
                        .orElseThrow(() -> OktaProblem.invalid("recovery_question", "The answer cannot be left blank"));
            }
        }
        return User.Credentials.okta(hasPassword, question);
    }

    private static boolean passwordGiven(JsonObject request) {
        return JsonBodies.optionalObject(request, "credentials")
                .flatMap(credentials -> JsonBodies.optionalObject(credentials, "password"))
                .map(password -> password.containsKey("value"))
                .orElse(false);
    }

    /** {@code groupIds} of a create request: every group must exist and take members, before the user is made. */
    private List<String> groupIds(JsonObject request) {
        JsonValue value = request.get("groupIds");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY
                || !value.asJsonArray().stream().allMatch(JsonString.class::isInstance)) {
            throw OktaProblem.invalid("groupIds", "Must be an array of group ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonString id : value.asJsonArray().getValuesAs(JsonString.class)) {
            Group group = directory.findGroup(id.getString()).orElseThrow(() -> OktaProblem.notFound(id.getString(), "UserGroup"));
            if (group.type() != GroupType.OKTA_GROUP) {
                throw OktaProblem.invalid("groupIds", "Users can only be added to groups of type OKTA_GROUP");
            }
            ids.add(group.id());
        }
        return ids;
    }

    static boolean flag(String name, String raw, boolean defaultValue) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw OktaProblem.invalid(name, "Must be true or false");
        };
    }

    private static Predicate<User> notDeprovisioned() {
        return user -> user.status() != UserStatus.DEPROVISIONED;
    }

    /** Okta's {@code q}: a case-insensitive prefix of the first name, last name, email or login. */
    private static Predicate<User> startsWith(String q) {
        String prefix = q.toLowerCase(Locale.ROOT);
        return user -> List.of("firstName", "lastName", "email", "login").stream()
                .map(name -> user.profile().get(name))
                .anyMatch(value -> value instanceof JsonString text && text.getString().toLowerCase(Locale.ROOT).startsWith(prefix));
    }

    private static Predicate<User> matches(Expression expression, OrgJson json) {
        return user -> expression.matches(json.user(user, false));
    }

    private OrgJson json() {
        return Listing.json(uriInfo);
    }
}
