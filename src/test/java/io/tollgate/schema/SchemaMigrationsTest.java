package io.tollgate.schema;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
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

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        System.setProperty("derby.stream.error.file", "target/derby.log");
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @TestFactory
    Stream<DynamicTest> aDatabaseHoldingOnlyLibertysTimerTablesIsMigratedFully() {
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:timers-first-" + UUID.randomUUID());
        derby.setCreateDatabase("create");
        return Stream.of(DynamicTest.dynamicTest("Derby", () -> assertMigratedAfterTimers(derby)),
                DynamicTest.dynamicTest("PostgreSQL", () -> assertMigratedAfterTimers(postgres.getPostgresDatabase())));
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
