package io.tollgate.schema;

import io.tollgate.testsupport.TestDatabases;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Liberty may create its timer tables before Tollgate migrates (they share the database, and which
 * comes first depends on start-up timing): a schema holding only those is baselined below version 1
 * and migrated all the way, on Derby and PostgreSQL. The baseline row is written by Flyway's own SQL,
 * so its description must be plain text (an apostrophe in it once broke the first start).
 */
class SchemaMigrationsTest {

    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    @TestFactory
    Stream<DynamicTest> aDatabaseHoldingOnlyLibertysTimerTablesIsMigratedFully() {
        return Stream.of(DynamicTest.dynamicTest("Derby", () -> assertMigratedAfterTimers(TestDatabases.derby("timers-first"))),
                DynamicTest.dynamicTest("PostgreSQL", () -> assertMigratedAfterTimers(DATABASES.postgres())));
    }

    private static void assertMigratedAfterTimers(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE EJBTIMER_TASK (ID BIGINT NOT NULL, PRIMARY KEY (ID))");
        }
        MigrateResult result = SchemaMigrations.migrate(dataSource);
        assertTrue(result.success);
        assertEquals("4", result.targetSchemaVersion);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet exchanges = statement.executeQuery("SELECT COUNT(*) FROM EXCHANGE")) {
            exchanges.next();
            assertEquals(0, exchanges.getInt(1));
        }
    }
}
