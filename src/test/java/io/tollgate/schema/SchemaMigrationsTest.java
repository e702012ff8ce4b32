package io.tollgate.schema;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a first start finds the database. */
class SchemaMigrationsTest {

    /** Liberty may create its timer tables before the application migrates: Flyway then writes a baseline row first. */
    @Test
    void migratesASchemaThatHoldsOnlyLibertysTimerTables() throws SQLException {
        System.setProperty("derby.stream.error.file", "target/derby.log");
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:timer-tables-first");
        derby.setCreateDatabase("create");
        try (Connection connection = derby.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE EJBTIMER_TASK (ID BIGINT NOT NULL PRIMARY KEY)");
        }
        assertTrue(SchemaMigrations.migrate(derby).migrationsExecuted >= 1);
    }
}
