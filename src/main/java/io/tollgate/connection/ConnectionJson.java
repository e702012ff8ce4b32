package io.tollgate.connection;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.util.Locale;

/** What an operator may know about a connection, in the API and the audit trail: everything but its secret. */
final class ConnectionJson {

    private ConnectionJson() {
    }

    static JsonObjectBuilder of(Connection connection) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("name", connection.name())
                .add("url", connection.baseUri().toString())
                .add("kind", connection.kind().name().toLowerCase(Locale.ROOT))
                .add("connectTimeout", connection.connectTimeout().toString())
                .add("responseTimeout", connection.responseTimeout().toString());
        connection.credential().ifPresent(credential -> json.add("credential", credential(credential)));
        connection.quota().ifPresent(quota -> json.add("quota",
                Json.createObjectBuilder().add("limit", quota.limit()).add("window", quota.window().toString())));
        return json;
    }

    private static JsonObjectBuilder credential(UpstreamCredential credential) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("type", credential.type());
        if (credential instanceof ServiceAppCredential serviceApp) {
            json.add("clientId", serviceApp.clientId())
                    .add("tokenUrl", serviceApp.tokenUri().toString())
                    .add("scopes", Json.createArrayBuilder(serviceApp.scopes()))
                    .add("keyAlgorithm", serviceApp.key().algorithm().getName());
            serviceApp.key().keyId().ifPresent(keyId -> json.add("keyId", keyId));
        }
        return json;
    }
}
