package io.tollgate.operations;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Probes over HTTP with a short timeout: whether an upstream answers at all, and whether an
 * issuer's keys can be fetched the way token verification fetches them (discovery, then the JWKS).
 * Sends no credentials.
 */
final class HttpProber {

    private final HttpClient http;
    private final Duration timeout;

    HttpProber(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Any HTTP answer means the upstream is reachable; what it thinks of an anonymous HEAD does not matter. */
    Probe answers(URI uri) {
        try {
            send(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            return Probe.reachable();
        } catch (IOException e) {
            return Probe.unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.unreachable(e);
        }
    }

    /** The issuer's discovery document names it and a JWKS that holds at least one key. */
    Probe publishesKeys(String issuer) {
        try {
            JsonObject discovery = json(URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration"));
            if (!issuer.equals(discovery.getString("issuer", null))) {
                return Probe.unreachable("the discovery document names another issuer");
            }
            String jwksUri = discovery.getString("jwks_uri", null);
            if (jwksUri == null) {
                return Probe.unreachable("the discovery document has no jwks_uri");
            }
            JsonValue keys = json(URI.create(jwksUri)).get("keys");
            if (keys == null || keys.getValueType() != JsonValue.ValueType.ARRAY || keys.asJsonArray().isEmpty()) {
                return Probe.unreachable("the JWKS holds no keys");
            }
            return Probe.reachable();
        } catch (IOException | JsonException | ClassCastException | IllegalArgumentException e) {
            return Probe.unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.unreachable(e);
        }
    }

    private JsonObject json(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).header("Accept", "application/json").GET());
        if (response.statusCode() != 200) {
            throw new IOException(uri.getPath() + " answered HTTP " + response.statusCode());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }
}
