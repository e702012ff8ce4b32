package io.tollgate.schema;

import io.tollgate.testsupport.TestDatabases;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database recorded under schema version 2 keeps every exchange through migration 3, on Derby and
 * on PostgreSQL: each ended exchange gains its outcome row (headers and bodies now bytes), with its
 * masked counts; one still being forwarded gains none. The migration only expands: a server of the
 * previous release still records exchanges as it did (a rolling upgrade), and this release's
 * records need no outcome columns in the exchange table.
 */
class ExchangeOutcomesMigrationTest {

    private static final String REQUEST_HEADERS = "[[\"Accept\",\"application/json\"],[\"User-Agent\",\"bot – ünïcode\"]]";
    private static final String RESPONSE_HEADERS = "[[\"Content-Type\",\"application/json\"]]";
    private static final String RESPONSE_BODY = "[{\"id\":\"00u1\",\"profile\":{\"login\":\"zoë@example.com\"}}]";
    private static final Timestamp RECEIVED = Timestamp.from(Instant.parse("2026-11-30T10:15:30.123Z"));
    private static final Timestamp COMPLETED = Timestamp.from(Instant.parse("2026-11-30T10:15:30.456Z"));

    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @TestFactory
    Stream<DynamicTest> exchangesRecordedUnderVersionTwoSurviveTheMigration() {
        return Stream.of(DynamicTest.dynamicTest("Derby", () -> assertMigrated(TestDatabases.derby("exchange-outcomes-migration"))),
                DynamicTest.dynamicTest("PostgreSQL", () -> assertMigrated(DATABASES.postgres())));
    }

    private static void assertMigrated(DataSource dataSource) throws SQLException {
        SchemaMigrations.migrate(dataSource, MigrationVersion.fromVersion("2"));
        try (Connection connection = dataSource.getConnection()) {
            insertVersionTwo(connection, "forwarded-1", "forwarded", true);
            insertVersionTwo(connection, "refused-1", "denied", false);
            insertVersionTwo(connection, "forwarding-1", "forwarding", false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO EXCHANGE_MASKED (EXCHANGE_ID, RULE_NAME, MASKED_COUNT) VALUES ('forwarded-1', 'okta-secrets', 2)");
            }
        }

        assertEquals(1, SchemaMigrations.migrate(dataSource, MigrationVersion.fromVersion("3")).migrationsExecuted);

        try (Connection connection = dataSource.getConnection()) {
            assertEquals(List.of("forwarded-1", "forwarding-1", "refused-1"), ids(connection, "SELECT ID FROM EXCHANGE ORDER BY ID"));
            assertEquals(List.of("forwarded-1", "refused-1"), ids(connection, "SELECT EXCHANGE_ID FROM EXCHANGE_OUTCOME ORDER BY EXCHANGE_ID"));
            try (PreparedStatement select = connection.prepareStatement("SELECT e.REQUEST_HEADERS, e.RECEIVED_AT, e.SUBJECT, e.SESSION_ID, "
                    + "o.OUTCOME, o.STATUS, o.RESPONSE_HEADERS, o.RESPONSE_BODY, o.RESPONSE_BODY_SHA256, o.RESPONSE_BODY_BYTES, "
                    + "o.RESPONSE_BODY_TRUNCATED, o.REQUEST_BODY, o.COMPLETED_AT, o.OKTA_REQUEST_ID, o.UPSTREAM_MILLIS, o.REASON "
                    + "FROM EXCHANGE e JOIN EXCHANGE_OUTCOME o ON o.EXCHANGE_ID = e.ID WHERE e.ID = ?")) {
                select.setString(1, "forwarded-1");
                try (ResultSet row = select.executeQuery()) {
                    assertTrue(row.next());
                    assertEquals(REQUEST_HEADERS, row.getString(1));
                    assertEquals(RECEIVED, row.getTimestamp(2));
                    assertEquals("agent-7", row.getString(3));
                    assertEquals("session-7", row.getString(4));
                    assertEquals("forwarded", row.getString(5));
                    assertEquals(200, row.getInt(6));
                    assertArrayEquals(RESPONSE_HEADERS.getBytes(StandardCharsets.UTF_8), row.getBytes(7));
                    assertArrayEquals(RESPONSE_BODY.getBytes(StandardCharsets.UTF_8), row.getBytes(8));
                    assertEquals("ab".repeat(32), row.getString(9));
                    assertEquals(4096, row.getLong(10));
                    assertTrue(row.getBoolean(11));
                    assertNull(row.getBytes(12));
                    assertEquals(COMPLETED, row.getTimestamp(13));
                    assertEquals("okta-request-1", row.getString(14));
                    assertEquals(12, row.getLong(15));
                    assertNull(row.getString(16));
                }
                select.setString(1, "refused-1");
                try (ResultSet row = select.executeQuery()) {
                    assertTrue(row.next());
                    assertEquals("denied", row.getString(5));
                    assertEquals(403, row.getInt(6));
                    assertNull(row.getBytes(7));
                    assertNull(row.getBytes(8));
                    assertEquals("no rule allows it", row.getString(16));
                }
            }
            assertEquals(List.of("forwarded-1"), ids(connection, "SELECT m.EXCHANGE_ID FROM EXCHANGE_MASKED m "
                    + "JOIN EXCHANGE_OUTCOME o ON o.EXCHANGE_ID = m.EXCHANGE_ID"));

            insertVersionTwo(connection, "previous-release-1", "forwarded", true);
            try (Statement statement = connection.createStatement()) {
                assertEquals(1, statement.executeUpdate("UPDATE EXCHANGE SET OUTCOME = 'broken-off' WHERE ID = 'previous-release-1'"),
                        "a server of the previous release completes its records in the exchange table");
                assertEquals(1, statement.executeUpdate("INSERT INTO EXCHANGE (ID, RECEIVED_AT, METHOD, PATH) "
                        + "VALUES ('this-release-1', CURRENT_TIMESTAMP, 'GET', '/api/v1/users')"), "a record needs no outcome column");
            }
        }
        assertEquals(0, SchemaMigrations.migrate(dataSource, MigrationVersion.fromVersion("3")).migrationsExecuted);
    }

    private static void insertVersionTwo(Connection connection, String id, String outcome, boolean withBodies) throws SQLException {
        boolean ended = !outcome.equals("forwarding");
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO EXCHANGE (ID, RECEIVED_AT, CONNECTION_NAME, METHOD, PATH, "
                + "QUERY_STRING, REQUEST_HEADERS, RESPONSE_HEADERS, OKTA_REQUEST_ID, UPSTREAM_MILLIS, SUBJECT, SESSION_ID, "
                + "OUTCOME, REASON, STATUS, COMPLETED_AT, RESPONSE_BODY, RESPONSE_BODY_SHA256, RESPONSE_BODY_BYTES, "
                + "RESPONSE_BODY_TRUNCATED, CORRELATION_ID) VALUES (?, ?, 'okta', 'GET', '/api/v1/users', 'limit=1', ?, ?, ?, ?, "
                + "'agent-7', 'session-7', ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setTimestamp(2, RECEIVED);
            insert.setString(3, REQUEST_HEADERS);
            insert.setString(4, withBodies ? RESPONSE_HEADERS : null);
            insert.setString(5, withBodies ? "okta-request-1" : null);
            if (withBodies) {
                insert.setLong(6, 12);
            } else {
                insert.setNull(6, Types.BIGINT);
            }
            insert.setString(7, outcome);
            insert.setString(8, outcome.equals("denied") ? "no rule allows it" : null);
            if (ended) {
                insert.setInt(9, outcome.equals("denied") ? 403 : 200);
                insert.setTimestamp(10, COMPLETED);
            } else {
                insert.setNull(9, Types.INTEGER);
                insert.setNull(10, Types.TIMESTAMP);
            }
            insert.setString(11, withBodies ? RESPONSE_BODY : null);
            insert.setString(12, withBodies ? "ab".repeat(32) : null);
            if (withBodies) {
                insert.setLong(13, 4096);
                insert.setBoolean(14, true);
            } else {
                insert.setNull(13, Types.BIGINT);
                insert.setNull(14, Types.BOOLEAN);
            }
            insert.setString(15, "correlation-" + id);
            insert.executeUpdate();
        }
    }

    private static List<String> ids(Connection connection, String query) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
