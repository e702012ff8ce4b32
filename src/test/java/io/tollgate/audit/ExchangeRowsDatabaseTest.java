package io.tollgate.audit;

import io.tollgate.schema.SchemaMigrations;
import io.tollgate.testsupport.TestDatabases;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows the journal inserts with plain JDBC read back through the entities, field for field, on a
 * real Derby and a real PostgreSQL with the schema the migrations make: text with characters beyond
 * Latin-1, bytes, nulls of every column type, booleans both ways, masked counts, instants to the
 * millisecond. A batch whose outcome arrives before its record still satisfies the foreign key.
 */
class ExchangeRowsDatabaseTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-02T10:15:30.123Z");
    private static final Instant COMPLETED = Instant.parse("2026-12-02T10:15:30.456Z");
    private static final String REQUEST_HEADERS = "[[\"Accept\",\"application/json\"],[\"User-Agent\",\"bot – ünïcode ✓\"]]";
    private static final byte[] RESPONSE_HEADERS = "[[\"Content-Type\",\"application/json\"]]".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RESPONSE_BODY = "[{\"id\":\"00u1\",\"login\":\"zoë@example.com\"}]".getBytes(StandardCharsets.UTF_8);
    private static final byte[] REQUEST_BODY = "{\"profile\":{\"email\":\"***\"}}".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @TestFactory
    Stream<DynamicTest> rowsWrittenByTheJournalReadBackAsEntities() {
        EmbeddedDataSource derby = TestDatabases.derby("exchange-rows");
        return Stream.of(
                DynamicTest.dynamicTest("Derby", () -> assertReadBack(derby, Map.of(
                        "jakarta.persistence.jdbc.url", "jdbc:derby:" + derby.getDatabaseName()))),
                DynamicTest.dynamicTest("PostgreSQL", () -> assertReadBack(DATABASES.postgres(), Map.of(
                        "jakarta.persistence.jdbc.driver", "org.postgresql.Driver",
                        "jakarta.persistence.jdbc.url", DATABASES.postgresUrl()))));
    }

    private static void assertReadBack(DataSource dataSource, Map<String, String> unit) throws SQLException {
        SchemaMigrations.migrate(dataSource);
        Exchange forwarded = new Exchange(RECEIVED, "okta", "POST", "/api/v1/users", "corr-1");
        forwarded.requested("activate=true", REQUEST_HEADERS.getBytes(StandardCharsets.UTF_8));
        forwarded.identify("session-1", "https://issuer.example", "agent-1", "client-1", "jti-1");
        forwarded.decided("createUser", "grant", "provisioning", "grant-1");
        ExchangeOutcome answered = new ExchangeOutcome(forwarded.id(), "forwarded", null, 200, 12, COMPLETED);
        answered.answered(200, 2048L, RESPONSE_HEADERS, "okta-request-1", 9);
        answered.bodies(new RecordedBody(REQUEST_BODY, "ab".repeat(32), 40, false),
                new RecordedBody(RESPONSE_BODY, "cd".repeat(32), 70_000, true), Map.of("okta-secrets", 2L, "emails", 1L));
        Exchange refusedRecord = new Exchange(RECEIVED, null, "GET", "/bad", "corr-2");
        ExchangeOutcome refused = new ExchangeOutcome(refusedRecord.id(), "unauthenticated", "no token", 401, 1, COMPLETED);

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (ExchangeRows rows = new ExchangeRows(connection, ExchangeRows.Dialect.of(connection))) {
                rows.add(refused);
                rows.add(refusedRecord);
                rows.add(forwarded);
                rows.add(answered);
                rows.execute();
            }
            connection.commit();
        }

        EntityManagerFactory factory = Persistence.createEntityManagerFactory("audit-test", Map.of(
                "jakarta.persistence.schema-generation.database.action", "none",
                "jakarta.persistence.jdbc.driver", unit.getOrDefault("jakarta.persistence.jdbc.driver",
                        "org.apache.derby.iapi.jdbc.AutoloadedDriver"),
                "jakarta.persistence.jdbc.url", unit.get("jakarta.persistence.jdbc.url")));
        try {
            EntityManager entityManager = factory.createEntityManager();
            Exchange read = entityManager.find(Exchange.class, forwarded.id());
            assertEquals(RECEIVED, read.receivedAt());
            assertEquals(COMPLETED, read.completedAt());
            assertEquals(REQUEST_HEADERS, read.requestHeaders());
            assertEquals(new String(RESPONSE_HEADERS, StandardCharsets.UTF_8), read.responseHeaders());
            assertEquals(new String(RESPONSE_BODY, StandardCharsets.UTF_8), read.responseBody().text());
            assertTrue(read.responseBody().truncated());
            assertEquals(70_000L, read.responseBody().bytes());
            assertFalse(read.requestBody().truncated());
            assertArrayEquals(REQUEST_BODY, read.requestBody().text().getBytes(StandardCharsets.UTF_8));
            assertEquals(Map.of("okta-secrets", 2L, "emails", 1L), read.masked());
            assertEquals(List.of("okta", "POST", "/api/v1/users", "activate=true", "session-1", "https://issuer.example",
                            "agent-1", "client-1", "jti-1", "createUser", "grant", "provisioning", "grant-1", "corr-1",
                            "forwarded", "okta-request-1"),
                    List.of(read.connection(), read.method(), read.path(), read.query(), read.sessionId(), read.issuer(),
                            read.subject(), read.clientId(), read.tokenId(), read.operationId(), read.decision(), read.ruleName(),
                            read.grantId(), read.correlationId(), read.outcome(), read.oktaRequestId()));
            assertEquals(200, read.status());
            assertEquals(9L, read.upstreamMillis());

            Exchange readRefused = entityManager.find(Exchange.class, refusedRecord.id());
            assertEquals("unauthenticated", readRefused.outcome());
            assertEquals("no token", readRefused.reason());
            assertNull(readRefused.connection());
            assertNull(readRefused.requestHeaders());
            assertNull(readRefused.responseHeaders());
            assertNull(readRefused.requestBody());
            assertNull(readRefused.upstreamStatus());
            assertEquals(Map.of(), readRefused.masked());
        } finally {
            factory.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> anOutcomeWithoutItsRecordFailsTheWholeBatch() {
        return Stream.of(DynamicTest.dynamicTest("Derby", () -> assertOrphanRefused(TestDatabases.derby("exchange-rows-orphan"))),
                DynamicTest.dynamicTest("PostgreSQL", () -> assertOrphanRefused(DATABASES.postgres())));
    }

    private static void assertOrphanRefused(DataSource dataSource) throws SQLException {
        SchemaMigrations.migrate(dataSource);
        Exchange record = new Exchange(RECEIVED, "okta", "GET", "/api/v1/users", "corr-3");
        ExchangeOutcome orphan = new ExchangeOutcome("no-such-record", "forwarded", null, 200, 1, COMPLETED);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (ExchangeRows rows = new ExchangeRows(connection, ExchangeRows.Dialect.of(connection))) {
                rows.add(record);
                rows.add(orphan);
                assertThrows(SQLException.class, rows::execute);
            }
            connection.rollback();
            connection.setAutoCommit(true);
            try (var count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM EXCHANGE WHERE ID = '" + record.id() + "'")) {
                count.next();
                assertEquals(0, count.getInt(1));
            }
        }
    }
}
