package io.tollgate.masking;

import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.HarArchive;
import io.tollgate.testsupport.HarArchive.HarEntry;
import io.tollgate.testsupport.ItServer;
import io.tollgate.testsupport.ItSettings;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6, acceptance 1, the record's side: after every recording has gone through the proxy with
 * default masking, no value of the default sensitive set, and not the agent's token, is anywhere in
 * the database: the test stops the server and scans every text column of every table.
 */
@ExtendWith(UpstreamStubExtension.class)
class RecordedSecretsIT {

    private static final Set<Integer> TEXT_TYPES = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB,
            Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.NCLOB);
    /** Recorded headers and bodies are kept as UTF-8 bytes: scanned as text. */
    private static final Set<Integer> BYTE_TYPES = Set.of(Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY);

    @Test
    void noSecretOfTheRecordingsAndNoAgentTokenIsStoredAnywhere(UpstreamStub stub) throws Exception {
        HarArchive archive = HarArchive.load();
        Set<String> secrets = new HashSet<>(DefaultMaskingReplayIT.sensitiveValues(archive));
        String subject = "secrets-" + UUID.randomUUID();
        String token = TestTokens.agent("agents-provisioning").subject(subject).mint();
        secrets.add(token);
        secrets.add(token.substring(token.lastIndexOf('.') + 1));
        for (HarEntry entry : archive.entries()) {
            stub.reset();
            String served = archive.withOrgOriginsReplaced(entry.responseBody(), ItSettings.stubUpstreamBase());
            stub.respondWith((request, reply) -> {
                entry.responseHeaderValues("Content-Type").forEach(value -> reply.header("Content-Type", value));
                reply.send(entry.status(), served.getBytes(StandardCharsets.UTF_8));
            });
            assertEquals(entry.status(), Agent.send(entry.agentRequest("okta-stub", token)).statusCode(), entry.displayName());
        }

        ItServer.stop();
        List<String> found;
        try {
            found = scan(Path.of(System.getProperty("tollgate.it.wlp.dir"), "usr", "servers", "tollgate-it", "derby", "tollgate"), secrets,
                    subject);
        } finally {
            ItServer.start();
        }
        assertTrue(found.isEmpty(), "secrets stored in the database: " + found);
    }

    /**
     * Every text column of every user table, row by row. Exchanges are this agent's only: other tests
     * send the same recordings through plain {@code http} connections, which mask nothing by default.
     */
    private static List<String> scan(Path database, Set<String> secrets, String subject) throws SQLException {
        List<String> found = new ArrayList<>();
        int recordedBodies = 0;
        String url = "jdbc:derby:" + database;
        try (Connection connection = DriverManager.getConnection(url)) {
            DatabaseMetaData metadata = connection.getMetaData();
            List<String[]> columns = new ArrayList<>();
            try (ResultSet tables = metadata.getTables(null, null, "%", new String[]{"TABLE"})) {
                while (tables.next()) {
                    String schema = tables.getString("TABLE_SCHEM");
                    String table = tables.getString("TABLE_NAME");
                    try (ResultSet columnSet = metadata.getColumns(null, schema, table, "%")) {
                        while (columnSet.next()) {
                            int type = columnSet.getInt("DATA_TYPE");
                            if (TEXT_TYPES.contains(type) || BYTE_TYPES.contains(type)) {
                                columns.add(new String[]{schema, table, columnSet.getString("COLUMN_NAME"),
                                        BYTE_TYPES.contains(type) ? "bytes" : "text"});
                            }
                        }
                    }
                }
            }
            assertTrue(columns.stream().anyMatch(column -> column[2].equals("RESPONSE_BODY")), "the scan covers recorded bodies");
            for (String[] column : columns) {
                String select = "SELECT \"" + column[2] + "\" FROM \"" + column[0] + "\".\"" + column[1] + "\""
                        + switch (column[1]) {
                            case "EXCHANGE" -> " WHERE SUBJECT = ?";
                            case "EXCHANGE_OUTCOME" -> " WHERE EXCHANGE_ID IN (SELECT ID FROM EXCHANGE WHERE SUBJECT = ?)";
                            default -> "";
                        };
                try (PreparedStatement statement = connection.prepareStatement(select)) {
                    if (column[1].equals("EXCHANGE") || column[1].equals("EXCHANGE_OUTCOME")) {
                        statement.setString(1, subject);
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            String value = column[3].equals("bytes") ? utf8(rows.getBytes(1)) : rows.getString(1);
                            if (value == null) {
                                continue;
                            }
                            if (column[2].equals("RESPONSE_BODY")) {
                                recordedBodies++;
                            }
                            secrets.stream().filter(value::contains).forEach(secret -> found.add(column[1] + "." + column[2]
                                    + " holds " + secret.substring(0, Math.min(6, secret.length())) + "..."));
                        }
                    }
                }
            }
            assertTrue(recordedBodies > 0, "masked answers are recorded, so the scan looks at them");
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true").close();
            } catch (SQLException shutDown) {
                // Derby reports a successful shutdown as an exception (SQLState 08006)
            }
        }
        return found;
    }

    private static String utf8(byte[] stored) {
        return stored == null ? null : new String(stored, StandardCharsets.UTF_8);
    }
}
