package io.tollgate.sandbox.authorization;

import com.nimbusds.jose.jwk.JWKSet;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.InputStream;
import java.text.ParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo clients, read from a JSON file of the form
 * {@code {"clients":[{"client_id":"...","client_secret":"...","scopes":[...],"groups":[...],"jwks":{"keys":[...]}}]}}.
 * A client without {@code client_secret} gets the secret {@code <client_id>-secret}; one with
 * {@code "client_secret": null} has none and must use {@code private_key_jwt}, unless it lists
 * {@code redirect_uris}: then it is a public client of the authorization code flow with PKCE. Demo only: the
 * packaged secrets are public knowledge.
 */
public final class ClientRegistry {

    private final Map<String, Client> clients;

    private ClientRegistry(Map<String, Client> clients) {
        this.clients = Map.copyOf(clients);
    }

    public static ClientRegistry of(List<Client> clients) {
        Map<String, Client> byId = new LinkedHashMap<>();
        clients.forEach(client -> {
            if (byId.put(client.id(), client) != null) {
                throw new IllegalArgumentException("Sandbox client " + client.id() + " is configured twice");
            }
        });
        return new ClientRegistry(byId);
    }

    /** @param source names the file in error messages */
    public static ClientRegistry read(InputStream json, String source) {
        try (JsonReader reader = Json.createReader(json)) {
            JsonArray entries = reader.readObject().getJsonArray("clients");
            if (entries == null) {
                throw new IllegalArgumentException(source + " has no \"clients\" array");
            }
            return of(entries.stream().map(entry -> client(entry.asJsonObject(), source)).toList());
        } catch (JsonException | ClassCastException malformed) {
            throw new IllegalArgumentException(source + " is not a valid sandbox clients file: " + malformed.getMessage(), malformed);
        }
    }

    private static Client client(JsonObject entry, String source) {
        String id = entry.getString("client_id", "");
        if (id.isBlank()) {
            throw new IllegalArgumentException(source + " has a client without client_id");
        }
        Optional<String> secret = !entry.containsKey("client_secret") ? Optional.of(id + "-secret")
                : entry.isNull("client_secret") ? Optional.empty()
                : Optional.of(entry.getString("client_secret"));
        return new Client(id, secret, strings(entry, "scopes"), strings(entry, "groups"), jwks(entry, id, source),
                strings(entry, "redirect_uris"));
    }

    private static List<String> strings(JsonObject entry, String name) {
        JsonArray values = entry.getJsonArray(name);
        return values == null ? List.of() : values.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static Optional<JWKSet> jwks(JsonObject entry, String id, String source) {
        JsonValue jwks = entry.get("jwks");
        if (jwks == null || jwks.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        try {
            JWKSet keys = JWKSet.parse(jwks.toString());
            if (keys.getKeys().stream().anyMatch(key -> key.isPrivate())) {
                throw new IllegalArgumentException(source + ": client " + id + " lists a private key; give only public keys");
            }
            return Optional.of(keys);
        } catch (ParseException malformed) {
            throw new IllegalArgumentException(source + ": client " + id + " has an invalid jwks: " + malformed.getMessage(), malformed);
        }
    }

    public Optional<Client> find(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    /** The clients a person may sign in as on the sandbox's demo sign-in page: all but the browser applications. */
    public List<Client> demoUsers() {
        return clients.values().stream().filter(client -> !client.isPublic()).sorted(Comparator.comparing(Client::id)).toList();
    }

    /** Every scope some client may be granted, for the discovery document. */
    public List<String> scopes() {
        return clients.values().stream().flatMap(client -> client.scopes().stream()).distinct().sorted().toList();
    }
}
