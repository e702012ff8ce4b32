package io.tollgate.credential;

import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItServer;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7, acceptance 4: with connections stored through the API (a service app's private key and
 * an API token), a dump of the whole database holds neither in clear text; then the vault key is
 * rotated the way an operator does it, restart by restart: a new key becomes the active one beside
 * the old (stored secrets are sealed again at start), then the old key is removed. Every
 * connection keeps working throughout.
 */
class VaultRotationIT {

    private static final Pattern VAULT_KEYS = Pattern.compile("(?m)^tollgate\\.vault\\.keys=dev:(\\S+)$");
    private static final String POLICY = """
            version: 1
            description: Vault rotation test.
            rules:
              - name: list-users
                when:
                  identity: { groups: [agents-readonly] }
                  request: { operations: [listUsers] }
                decision: allow
                reason: Agents may list users.
            """;

    @Test
    void storedSecretsAreSealedAndSurviveAKeyRotation() throws Exception {
        CredentialFixtures.ServiceApp app = CredentialFixtures.serviceApp("okta.users.read");
        String serviceApp = CredentialFixtures.uniqueName("cred-vault-app");
        String apiToken = CredentialFixtures.uniqueName("cred-vault-token");
        CredentialFixtures.connection(serviceApp,
                CredentialFixtures.serviceAppConnection(CredentialFixtures.org(), "okta", app, null, "okta.users.read"), POLICY);
        CredentialFixtures.connection(apiToken, "{\"url\":\"" + CredentialFixtures.org() + "\",\"credential\":{\"type\":\"api-token\","
                + "\"token\":\"" + CredentialFixtures.SANDBOX_API_TOKEN + "\"}}", POLICY);
        assertConnectionsWork(serviceApp, apiToken);

        Path bootstrap = serverDirectory().resolve("bootstrap.properties");
        String original = Files.readString(bootstrap, StandardCharsets.UTF_8);
        Matcher devKey = VAULT_KEYS.matcher(original);
        assertTrue(devKey.find(), "the IT server's vault key is configured in " + bootstrap);
        byte[] newKey = new byte[32];
        new SecureRandom().nextBytes(newKey);
        String k2 = Base64.getEncoder().encodeToString(newKey);
        try {
            ItServer.stop();
            String dump = dumpDatabase();
            assertTrue(dump.contains(serviceApp) && dump.contains(apiToken), "the dump holds the stored connections");
            assertFalse(dump.contains(CredentialFixtures.SANDBOX_API_TOKEN), "no API token in clear text");
            String keyBase64 = Base64.getEncoder().encodeToString(app.key().toPrivateKey().getEncoded());
            for (int at = 0; at + 32 <= keyBase64.length(); at += 32) {
                assertFalse(dump.contains(keyBase64.substring(at, at + 32)), "no part of the private key in clear text");
            }
            assertFalse(dump.contains(app.key().getPrivateExponent().toString()), "no private JWK parameter in clear text");

            writeVaultKeys(bootstrap, original, "dev:" + devKey.group(1) + ",k2:" + k2, "k2");
            ItServer.start();
            assertConnectionsWork(serviceApp, apiToken);
            String admin = TollgateApiClient.adminToken();
            assertEquals("k2", Json.read(TollgateApiClient.get("connections/" + serviceApp, admin).body()).path("vaultKeyId").asText(),
                    "sealed again with the new key at start");
            assertEquals("k2", Json.read(TollgateApiClient.get("connections/" + apiToken, admin).body()).path("vaultKeyId").asText());

            ItServer.stop();
            writeVaultKeys(bootstrap, original, "k2:" + k2, "k2");
            ItServer.start();
            assertConnectionsWork(serviceApp, apiToken);
        } finally {
            // The server goes on with the new key; the next build's server starts from the pom's configuration again.
            Files.writeString(bootstrap, original, StandardCharsets.UTF_8);
        }
    }

    private static void assertConnectionsWork(String... connections) {
        String agent = TestTokens.agent("agents-readonly").subject("vault-" + UUID.randomUUID()).mint();
        for (String connection : connections) {
            var answer = Agent.send(Agent.to(connection, "/api/v1/users?limit=1", agent).GET());
            assertEquals(200, answer.statusCode(), connection + ": " + answer.body());
        }
    }

    private static Path serverDirectory() {
        return Path.of(System.getProperty("tollgate.it.wlp.dir"), "usr", "servers", "tollgate-it");
    }

    private static void writeVaultKeys(Path bootstrap, String original, String keys, String active) {
        String changed = VAULT_KEYS.matcher(original).replaceFirst(Matcher.quoteReplacement("tollgate.vault.keys=" + keys))
                + System.lineSeparator() + "tollgate.vault.active-key=" + active + System.lineSeparator();
        try {
            Files.writeString(bootstrap, changed, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every value of every table of the stopped server's embedded database, as text. */
    private static String dumpDatabase() throws SQLException {
        String url = "jdbc:derby:" + serverDirectory().resolve("derby").resolve("tollgate");
        // Derby's own log goes beside the server's, not into the working directory.
        System.setProperty("derby.stream.error.file", serverDirectory().resolve("logs").resolve("derby-dump.log").toString());
        StringBuilder dump = new StringBuilder();
        try (Connection database = DriverManager.getConnection(url)) {
            DatabaseMetaData metaData = database.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet found = metaData.getTables(null, null, "%", new String[]{"TABLE"})) {
                while (found.next()) {
                    tables.add("\"" + found.getString("TABLE_SCHEM") + "\".\"" + found.getString("TABLE_NAME") + "\"");
                }
            }
            assertTrue(tables.stream().anyMatch(table -> table.endsWith(".\"UPSTREAM_CONNECTION\"")), tables.toString());
            try (Statement statement = database.createStatement()) {
                for (String table : tables) {
                    try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                        ResultSetMetaData columns = rows.getMetaData();
                        while (rows.next()) {
                            for (int column = 1; column <= columns.getColumnCount(); column++) {
                                int type = columns.getColumnType(column);
                                if (type == Types.BLOB || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BINARY) {
                                    byte[] bytes = rows.getBytes(column);
                                    dump.append(bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1));
                                } else {
                                    dump.append(rows.getString(column));
                                }
                                dump.append('\t');
                            }
                            dump.append('\n');
                        }
                    }
                }
            }
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true").close();
            } catch (SQLException closed) {
                // Derby reports a clean shutdown of one database as SQL state 08006.
                if (!"08006".equals(closed.getSQLState())) {
                    throw closed;
                }
            }
        }
        return dump.toString();
    }
}
