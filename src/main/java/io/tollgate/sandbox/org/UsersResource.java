package io.tollgate.sandbox.org;

import io.tollgate.sandbox.OktaProblem;
import io.tollgate.sandbox.org.query.Dialect;
import io.tollgate.sandbox.org.query.Expression;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.Json;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Okta's Users API, the part the sandbox serves: list, create, get, update, replace and delete,
 * the lifecycle operations, credential operations and admin role assignments. Every change is
 * written to the System Log.
 */
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
        org.groupRules().applyTo(user);
        log("user.lifecycle.create", "Create okta user", user);
        if (user.status() == UserStatus.ACTIVE) {
            log("user.lifecycle.activate", "Activate Okta user", user);
        }
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
        org.groupRules().applyTo(updated);
        log("user.account.update_profile", "Update user profile for Okta", updated);
        return json().user(updated, true);
    }

    /** Full replacement: profile attributes that are not given are removed. */
    @PUT
    @Path("{idOrLogin}")
    public JsonObject replace(@PathParam("idOrLogin") String idOrLogin, String body) {
        JsonObject request = JsonBodies.object(body);
        JsonObject profile = Profiles.complete(JsonBodies.requiredObject(request, "profile"));
        User replaced = directory.updateUser(idOrLogin, user -> changed(user, request, profile));
        org.groupRules().applyTo(replaced);
        log("user.account.update_profile", "Update user profile for Okta", replaced);
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
     * The credentials of a request: a password value and a recovery question with its answer (both
     * kept only as digests). Properties not given keep their current state.
     */
    private static User.Credentials credentials(JsonObject request, User.Credentials current) {
        Optional<JsonObject> given = JsonBodies.optionalObject(request, "credentials");
        User.Credentials credentials = current == null ? User.Credentials.none() : current;
        if (given.isPresent()) {
            Optional<JsonObject> password = JsonBodies.optionalObject(given.get(), "password");
            if (password.isPresent() && password.get().containsKey("value")) {
                credentials = credentials.withPassword(requiredSecret(password.get(), "value", "password"));
            }
            Optional<JsonObject> recovery = JsonBodies.optionalObject(given.get(), "recovery_question");
            if (recovery.isPresent()) {
                credentials = credentials.withRecovery(requiredSecret(recovery.get(), "question", "recovery_question"),
                        requiredSecret(recovery.get(), "answer", "recovery_question"));
            }
        }
        return credentials;
    }

    private static String requiredSecret(JsonObject parent, String name, String field) {
        return JsonBodies.optionalString(parent, name).filter(text -> !text.isBlank())
                .orElseThrow(() -> OktaProblem.invalid(field, "The " + name + " cannot be left blank"));
    }

    private static boolean passwordGiven(JsonObject request) {
        return JsonBodies.optionalObject(request, "credentials")
                .flatMap(credentials -> JsonBodies.optionalObject(credentials, "password"))
                .map(password -> password.containsKey("value"))
                .orElse(false);
    }

    /** Okta's two-step delete: the first call deactivates a user, the second deletes the deactivated user. */
    @DELETE
    @Path("{idOrLogin}")
    public Response delete(@PathParam("idOrLogin") String idOrLogin) {
        User user = directory.requireUser(idOrLogin);
        if (user.status() != UserStatus.DEPROVISIONED) {
            transition(idOrLogin, Lifecycle::deactivate, "user.lifecycle.deactivate", "Deactivate Okta user");
        } else {
            org.deleteUser(user.id());
            log("user.lifecycle.delete.completed", "Delete Okta user", user);
        }
        return Response.noContent().build();
    }

    /** Activates a STAGED or DEPROVISIONED user; without an email it answers the activation link. */
    @POST
    @Path("{id}/lifecycle/activate")
    public JsonObject activate(@PathParam("id") String id, @QueryParam("sendEmail") String sendEmail) {
        transition(id, Lifecycle::activate, "user.lifecycle.activate", "Activate Okta user");
        return activationToken(flag("sendEmail", sendEmail, true));
    }

    @POST
    @Path("{id}/lifecycle/reactivate")
    public JsonObject reactivate(@PathParam("id") String id, @QueryParam("sendEmail") String sendEmail) {
        transition(id, user -> {
            Lifecycle.reactivate(user);
            return user.status();
        }, "user.lifecycle.reactivate", "Reactivate Okta user");
        return activationToken(flag("sendEmail", sendEmail, false));
    }

    /** Okta's recorded answers carry {@code {}}; today's spec has no body for the lifecycle operations, and the spec wins. */
    @POST
    @Path("{id}/lifecycle/deactivate")
    public Response deactivate(@PathParam("id") String id) {
        transition(id, Lifecycle::deactivate, "user.lifecycle.deactivate", "Deactivate Okta user");
        return Response.ok().build();
    }

    @POST
    @Path("{id}/lifecycle/suspend")
    public Response suspend(@PathParam("id") String id) {
        transition(id, Lifecycle::suspend, "user.lifecycle.suspend", "Suspend Okta user");
        return Response.ok().build();
    }

    @POST
    @Path("{id}/lifecycle/unsuspend")
    public Response unsuspend(@PathParam("id") String id) {
        transition(id, Lifecycle::unsuspend, "user.lifecycle.unsuspend", "Unsuspend Okta user");
        return Response.ok().build();
    }

    @POST
    @Path("{id}/lifecycle/unlock")
    public Response unlock(@PathParam("id") String id) {
        transition(id, Lifecycle::unlock, "user.account.unlock", "Unlock user account");
        return Response.ok().build();
    }

    /** Moves the user to RECOVERY; without an email it answers the reset link. */
    @POST
    @Path("{id}/lifecycle/reset_password")
    public JsonObject resetPassword(@PathParam("id") String id, @QueryParam("sendEmail") String sendEmail) {
        boolean email = flag("sendEmail", sendEmail, true);
        transition(id, Lifecycle::resetPassword, "user.account.reset_password", "Fire reset password");
        return email ? JsonObject.EMPTY_JSON_OBJECT
                : Json.createObjectBuilder().add("resetPasswordUrl", json().orgUrl() + "/reset_password/" + OneTimeTokens.next()).build();
    }

    /**
     * Expires the password. With {@code tempPassword=true} (the form of Okta's recorded answers; today's
     * spec also has {@code expire_password_with_temp_password}) the user gets a temporary password,
     * answered once.
     */
    @POST
    @Path("{id}/lifecycle/expire_password")
    public JsonObject expirePassword(@PathParam("id") String id, @QueryParam("tempPassword") String tempPassword) {
        if (flag("tempPassword", tempPassword, false)) {
            return expireWithTemporaryPassword(id);
        }
        return json().user(transition(id, Lifecycle::expirePassword, "user.password.expire", "Expire password"), true);
    }

    @POST
    @Path("{id}/lifecycle/expire_password_with_temp_password")
    public JsonObject expirePasswordWithTempPassword(@PathParam("id") String id) {
        return expireWithTemporaryPassword(id);
    }

    private JsonObject expireWithTemporaryPassword(String id) {
        String temporary = OneTimeTokens.temporaryPassword();
        User user = directory.updateUser(id, current -> current
                .withStatus(Lifecycle.expirePassword(current), directory.now())
                .withCredentials(current.credentials().withPassword(temporary), true, directory.now()));
        log("user.password.expire", "Expire password", user);
        return Json.createObjectBuilder().add("tempPassword", temporary).build();
    }

    /** Changes the password of a user who proves the old one; PASSWORD_EXPIRED users become ACTIVE. */
    @POST
    @Path("{id}/credentials/change_password")
    public JsonObject changePassword(@PathParam("id") String id, String body) {
        JsonObject request = JsonBodies.object(body);
        String oldPassword = requiredSecret(JsonBodies.requiredObject(request, "oldPassword"), "value", "oldPassword");
        String newPassword = requiredSecret(JsonBodies.requiredObject(request, "newPassword"), "value", "newPassword");
        User user = directory.updateUser(id, current -> {
            Lifecycle.requirePassword(current, oldPassword, "oldPassword");
            User changed = current.withCredentials(current.credentials().withPassword(newPassword), true, directory.now());
            return current.status() == UserStatus.PASSWORD_EXPIRED ? changed.withStatus(UserStatus.ACTIVE, directory.now()) : changed;
        });
        log("user.account.update_password", "Update password for user", user);
        return json().credentials(user.credentials());
    }

    @POST
    @Path("{id}/credentials/change_recovery_question")
    public JsonObject changeRecoveryQuestion(@PathParam("id") String id, String body) {
        JsonObject request = JsonBodies.object(body);
        String password = requiredSecret(JsonBodies.requiredObject(request, "password"), "value", "password");
        JsonObject recovery = JsonBodies.requiredObject(request, "recovery_question");
        String question = requiredSecret(recovery, "question", "recovery_question");
        String answer = requiredSecret(recovery, "answer", "recovery_question");
        User user = directory.updateUser(id, current -> {
            Lifecycle.requirePassword(current, password, "password");
            return current.withCredentials(current.credentials().withRecovery(question, answer), false, directory.now());
        });
        log("user.account.update_recovery_question", "Update recovery question for user", user);
        return json().credentials(user.credentials());
    }

    /** Sets a new password for a user who answers the recovery question. */
    @POST
    @Path("{id}/credentials/forgot_password")
    public JsonObject forgotPassword(@PathParam("id") String id, String body) {
        JsonObject request = JsonBodies.object(body);
        String password = requiredSecret(JsonBodies.requiredObject(request, "password"), "value", "password");
        String answer = requiredSecret(JsonBodies.requiredObject(request, "recovery_question"), "answer", "recovery_question");
        User user = directory.updateUser(id, current -> {
            Lifecycle.requireRecoveryAnswer(current, answer);
            return current.withCredentials(current.credentials().withPassword(password), true, directory.now());
        });
        log("user.account.reset_password", "Reset password with recovery question", user);
        return json().credentials(user.credentials());
    }

    @GET
    @Path("{id}/groups")
    public Response groups(@PathParam("id") String id) {
        User user = directory.requireUser(id);
        OrgJson json = json();
        List<JsonObject> groups = directory.groupsOf(user.id()).stream().map(json::group).toList();
        return Listing.answer(groups, json.usersUrl() + "/" + user.id() + "/groups", Map.of(), GroupsResource.LIMITS.defaultLimit(),
                Optional.empty(), false);
    }

    @GET
    @Path("{userId}/roles")
    public List<JsonObject> roles(@PathParam("userId") String userId) {
        return org.roles().list(userId);
    }

    @POST
    @Path("{userId}/roles")
    public Response assignRole(@PathParam("userId") String userId, String body) {
        JsonObject assignment = org.roles().assign(userId, JsonBodies.object(body));
        User user = directory.requireUser(userId);
        log("user.account.privilege.grant", "Grant user privilege", user);
        return Response.status(Response.Status.CREATED).entity(assignment).build();
    }

    @GET
    @Path("{userId}/roles/{roleAssignmentId}")
    public JsonObject role(@PathParam("userId") String userId, @PathParam("roleAssignmentId") String roleAssignmentId) {
        return org.roles().get(userId, roleAssignmentId);
    }

    @DELETE
    @Path("{userId}/roles/{roleAssignmentId}")
    public Response unassignRole(@PathParam("userId") String userId, @PathParam("roleAssignmentId") String roleAssignmentId) {
        org.roles().unassign(userId, roleAssignmentId);
        log("user.account.privilege.revoke", "Revoke user privilege", directory.requireUser(userId));
        return Response.noContent().build();
    }

    @GET
    @Path("{userId}/roles/{roleAssignmentId}/targets/groups")
    public Response groupTargets(@PathParam("userId") String userId, @PathParam("roleAssignmentId") String roleAssignmentId) {
        OrgJson json = json();
        List<JsonObject> groups = org.roles().groupTargets(userId, roleAssignmentId).stream().map(json::group).toList();
        return Listing.answer(groups, json.usersUrl() + "/" + userId + "/roles/" + roleAssignmentId + "/targets/groups",
                Map.of(), GroupsResource.LIMITS.defaultLimit(), Optional.empty(), true);
    }

    @PUT
    @Path("{userId}/roles/{roleAssignmentId}/targets/groups/{groupId}")
    public Response addGroupTarget(@PathParam("userId") String userId, @PathParam("roleAssignmentId") String roleAssignmentId,
                                   @PathParam("groupId") String groupId) {
        org.roles().addGroupTarget(userId, roleAssignmentId, groupId);
        log("user.account.privilege.grant", "Add group target to user role", directory.requireUser(userId));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{userId}/roles/{roleAssignmentId}/targets/groups/{groupId}")
    public Response removeGroupTarget(@PathParam("userId") String userId, @PathParam("roleAssignmentId") String roleAssignmentId,
                                      @PathParam("groupId") String groupId) {
        org.roles().removeGroupTarget(userId, roleAssignmentId, groupId);
        log("user.account.privilege.revoke", "Remove group target from user role", directory.requireUser(userId));
        return Response.noContent().build();
    }

    /** Applies a lifecycle transition atomically and logs it; the transition throws Okta's error when it is illegal. */
    private User transition(String id, java.util.function.Function<User, UserStatus> to, String eventType, String message) {
        User user = directory.updateUser(id, current -> current.withStatus(to.apply(current), directory.now()));
        log(eventType, message, user);
        return user;
    }

    private JsonObject activationToken(boolean sendEmail) {
        if (sendEmail) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        String token = OneTimeTokens.next();
        return Json.createObjectBuilder()
                .add("activationUrl", json().orgUrl() + "/welcome/" + token)
                .add("activationToken", token)
                .build();
    }

    private void log(String eventType, String message, User user) {
        org.log().record(caller.actor(), eventType, message, SystemLog.Target.of(user));
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
