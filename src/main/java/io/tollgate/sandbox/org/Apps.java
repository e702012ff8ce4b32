package io.tollgate.sandbox.org;

import com.nimbusds.jose.jwk.JWKSet;
import io.tollgate.sandbox.OktaProblem;
import io.tollgate.sandbox.state.Journal.Change;
import io.tollgate.sandbox.state.Journal.Kind;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The org's OAuth 2.0 client apps ({@code signOnMode: OPENID_CONNECT}, {@code name: oidc_client}):
 * created, listed, read, deactivated and deleted through the Apps API, with the Okta scopes granted
 * to them ({@code /apps/{id}/grants}). Active service apps with a public JWKS may sign in to the
 * org authorization server with {@code private_key_jwt}. The client secret Okta generates is
 * answered once, on create, and kept only as a digest.
 */
public final class Apps {

    /** What the org authorization server needs to know about a service app. */
    public record ServiceApp(String clientId, boolean active, Optional<JWKSet> jwks, Optional<String> secretHash,
                             Set<String> grantedScopes) {

        public boolean secretIs(String secret) {
            return secretHash.map(hash -> Passwords.matches(secret, hash)).orElse(false);
        }
    }

    record App(String id, String status, Instant created, Instant lastUpdated, String label, String authMethod,
               JsonObject settings, String secretHash, Set<String> grants) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> AUTH_METHODS = Set.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none");

    private final Directory directory;
    private final TreeMap<String, App> apps = new TreeMap<>();

    public Apps(Directory directory) {
        this.directory = directory;
    }

    /** Creates an OIDC app; the answer carries the generated {@code client_secret} when the auth method uses one. */
    public JsonObject create(JsonObject request, boolean activate, String orgUrl) {
        return directory.write(() -> {
            if (!"oidc_client".equals(JsonBodies.optionalString(request, "name").orElse(null))
                    || !"OPENID_CONNECT".equals(JsonBodies.optionalString(request, "signOnMode").orElse(null))) {
                throw OktaProblem.invalid("name", "The sandbox creates OAuth 2.0 client apps only: name oidc_client, signOnMode OPENID_CONNECT");
            }
            String label = JsonBodies.optionalString(request, "label").filter(text -> !text.isBlank())
                    .orElseThrow(() -> OktaProblem.invalid("label", "The field cannot be left blank"));
            String authMethod = JsonBodies.optionalObject(request, "credentials")
                    .flatMap(credentials -> JsonBodies.optionalObject(credentials, "oauthClient"))
                    .flatMap(client -> JsonBodies.optionalString(client, "token_endpoint_auth_method"))
                    .orElse("client_secret_basic");
            if (!AUTH_METHODS.contains(authMethod)) {
                throw OktaProblem.invalid("token_endpoint_auth_method", "Must be one of " + String.join(", ", AUTH_METHODS.stream().sorted().toList()));
            }
            JsonObject settings = settings(JsonBodies.requiredObject(request, "settings"), authMethod);
            String secret = authMethod.startsWith("client_secret") ? newSecret() : null;
            Instant now = directory.now();
            App app = new App(directory.newId(OktaIds.APP_PREFIX), activate ? "ACTIVE" : "INACTIVE", now, now, label,
                    authMethod, settings, secret == null ? null : Passwords.hash(secret), Set.of());
            put(app);
            return json(app, orgUrl, secret);
        });
    }

    public JsonObject get(String id, String orgUrl) {
        return directory.read(() -> json(require(id), orgUrl, null));
    }

    public List<JsonObject> list(String after, int limit, String orgUrl) {
        return directory.read(() -> Page.of(apps.values(), App::id, app -> true, after, limit).items().stream()
                .map(app -> json(app, orgUrl, null)).toList());
    }

    public Optional<String> nextAfter(String after, int limit) {
        return directory.read(() -> Page.of(apps.values(), App::id, app -> true, after, limit).next());
    }

    public void activate(String id) {
        setStatus(id, "ACTIVE");
    }

    public void deactivate(String id) {
        setStatus(id, "INACTIVE");
    }

    /** Okta deletes only inactive apps. */
    public void delete(String id) {
        directory.write(() -> {
            App app = require(id);
            if (app.status().equals("ACTIVE")) {
                throw new OktaProblem(io.tollgate.okta.OktaError.of(403, "E0000056",
                        "Delete application forbidden.", "The application must be deactivated before it can be deleted."));
            }
            apps.remove(id);
            directory.changed(Change.remove(Kind.APP, id));
            return null;
        });
    }

    /** Grants an Okta scope to the app (Okta's {@code grantConsentToScope}). */
    public JsonObject grant(String id, JsonObject request, String orgUrl) {
        return directory.write(() -> {
            App app = require(id);
            String scope = JsonBodies.optionalString(request, "scopeId").filter(text -> text.startsWith("okta."))
                    .orElseThrow(() -> OktaProblem.invalid("scopeId", "Must name an Okta scope such as okta.users.read"));
            String issuer = JsonBodies.optionalString(request, "issuer")
                    .orElseThrow(() -> OktaProblem.invalid("issuer", "The field cannot be left blank"));
            if (!issuer.equals(orgUrl)) {
                throw OktaProblem.invalid("issuer", "Must be the org's URL, " + orgUrl);
            }
            Set<String> grants = new LinkedHashSet<>(app.grants());
            grants.add(scope);
            put(new App(app.id(), app.status(), app.created(), directory.now(), app.label(), app.authMethod(),
                    app.settings(), app.secretHash(), grants));
            return grantJson(app.id(), scope, orgUrl);
        });
    }

    public List<JsonObject> grants(String id, String orgUrl) {
        return directory.read(() -> require(id).grants().stream().map(scope -> grantJson(id, scope, orgUrl)).toList());
    }

    /** The app with this client id (in the sandbox the client id is the app id), for the org authorization server. */
    public Optional<ServiceApp> serviceApp(String clientId) {
        return directory.read(() -> Optional.ofNullable(apps.get(clientId)).map(app -> new ServiceApp(app.id(),
                app.status().equals("ACTIVE"), jwks(app.settings()), Optional.ofNullable(app.secretHash()), app.grants())));
    }

    private void setStatus(String id, String status) {
        directory.write(() -> {
            App app = require(id);
            put(new App(app.id(), status, app.created(), directory.now(), app.label(), app.authMethod(), app.settings(),
                    app.secretHash(), app.grants()));
            return null;
        });
    }

    /** The app's {@code settings}; a {@code private_key_jwt} app must publish a JWKS of public keys. */
    private static JsonObject settings(JsonObject settings, String authMethod) {
        JsonObject oauthClient = JsonBodies.requiredObject(settings, "oauthClient");
        Optional<JWKSet> jwks = jwks(settings);
        if (authMethod.equals("private_key_jwt") && jwks.isEmpty()) {
            throw OktaProblem.invalid("settings.oauthClient.jwks", "A private_key_jwt client needs a JWKS of public keys");
        }
        JsonValue grantTypes = oauthClient.get("grant_types");
        if (grantTypes != null && !(grantTypes instanceof JsonArray array && array.stream().allMatch(JsonString.class::isInstance))) {
            throw OktaProblem.invalid("settings.oauthClient.grant_types", "Must be an array of grant types");
        }
        return settings;
    }

    private static Optional<JWKSet> jwks(JsonObject settings) {
        JsonObject oauthClient = settings.getJsonObject("oauthClient");
        if (oauthClient == null || !(oauthClient.get("jwks") instanceof JsonObject jwks)) {
            return Optional.empty();
        }
        try {
            JWKSet keys = JWKSet.parse(jwks.toString());
            if (keys.getKeys().isEmpty() || keys.getKeys().stream().anyMatch(key -> key.isPrivate())) {
                throw OktaProblem.invalid("settings.oauthClient.jwks", "Give one or more public keys, never a private key");
            }
            return Optional.of(keys);
        } catch (ParseException malformed) {
            throw OktaProblem.invalid("settings.oauthClient.jwks", "Not a valid JWKS: " + malformed.getMessage());
        }
    }

    private App require(String id) {
        return Optional.ofNullable(apps.get(id)).orElseThrow(() -> OktaProblem.notFound(id, "Application"));
    }

    private void put(App app) {
        apps.put(app.id(), app);
        JsonObjectBuilder document = Json.createObjectBuilder()
                .add("id", app.id()).add("status", app.status())
                .add("created", app.created().toString()).add("lastUpdated", app.lastUpdated().toString())
                .add("label", app.label()).add("authMethod", app.authMethod()).add("settings", app.settings())
                .add("grants", Json.createArrayBuilder(List.copyOf(app.grants())));
        if (app.secretHash() == null) {
            document.addNull("secretHash");
        } else {
            document.add("secretHash", app.secretHash());
        }
        directory.changed(Change.put(Kind.APP, app.id(), document.build()));
    }

    void restore(JsonObject document) {
        Set<String> grants = new LinkedHashSet<>();
        document.getJsonArray("grants").getValuesAs(JsonString.class).forEach(scope -> grants.add(scope.getString()));
        App app = new App(document.getString("id"), document.getString("status"), Instant.parse(document.getString("created")),
                Instant.parse(document.getString("lastUpdated")), document.getString("label"), document.getString("authMethod"),
                document.getJsonObject("settings"), document.isNull("secretHash") ? null : document.getString("secretHash"), grants);
        apps.put(app.id(), app);
        directory.restoredId(app.id());
    }

    void clear() {
        apps.clear();
    }

    private static String newSecret() {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Okta's {@code OpenIdConnectApplication} answer; {@code secret} only on create. */
    private static JsonObject json(App app, String orgUrl, String secret) {
        String self = orgUrl + "/api/v1/apps/" + app.id();
        JsonObjectBuilder oauthClient = Json.createObjectBuilder().add("autoKeyRotation", true).add("client_id", app.id());
        if (secret != null) {
            oauthClient.add("client_secret", secret);
        }
        oauthClient.add("token_endpoint_auth_method", app.authMethod());
        return Json.createObjectBuilder()
                .add("id", app.id())
                .add("name", "oidc_client")
                .add("label", app.label())
                .add("status", app.status())
                .add("lastUpdated", OrgJson.timestamp(app.lastUpdated()))
                .add("created", OrgJson.timestamp(app.created()))
                .add("accessibility", Json.createObjectBuilder().add("selfService", false))
                .add("visibility", Json.createObjectBuilder().add("autoSubmitToolbar", false)
                        .add("hide", Json.createObjectBuilder().add("iOS", true).add("web", true))
                        .add("appLinks", Json.createObjectBuilder().add("oidc_client_link", false)))
                .add("features", Json.createArrayBuilder())
                .add("signOnMode", "OPENID_CONNECT")
                .add("credentials", Json.createObjectBuilder()
                        .add("userNameTemplate", Json.createObjectBuilder().add("template", "${source.login}").add("type", "BUILT_IN"))
                        .add("signing", Json.createObjectBuilder().add("kid", "sandbox"))
                        .add("oauthClient", oauthClient))
                .add("settings", app.settings())
                .add("_links", Json.createObjectBuilder()
                        .add("appLinks", Json.createArrayBuilder())
                        .add("groups", Json.createObjectBuilder().add("href", self + "/groups"))
                        .add("logo", Json.createArrayBuilder())
                        .add("users", Json.createObjectBuilder().add("href", self + "/users"))
                        .add(app.status().equals("ACTIVE") ? "deactivate" : "activate",
                                Json.createObjectBuilder().add("href", self + "/lifecycle/"
                                        + (app.status().equals("ACTIVE") ? "deactivate" : "activate")))
                        .add("self", Json.createObjectBuilder().add("href", self)))
                .build();
    }

    private static JsonObject grantJson(String appId, String scope, String orgUrl) {
        return Json.createObjectBuilder()
                .add("id", "oag" + Integer.toHexString((appId + scope).hashCode()))
                .add("status", "ACTIVE")
                .add("issuer", orgUrl)
                .add("clientId", appId)
                .add("scopeId", scope)
                .add("source", "ADMIN")
                .add("_links", Json.createObjectBuilder()
                        .add("app", Json.createObjectBuilder().add("href", orgUrl + "/api/v1/apps/" + appId))
                        .add("self", Json.createObjectBuilder().add("href", orgUrl + "/api/v1/apps/" + appId + "/grants")))
                .build();
    }
}
