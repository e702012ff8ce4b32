package io.tollgate.schema;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * Creates and upgrades Tollgate's tables with the versioned migrations in {@code db/migration}
 * (Flyway), as the application starts and before anything else touches the database: its observer
 * runs first among the observers of the application's start, ahead of the sandbox's seeding and the
 * policies' installation. A failed migration stops the application; nothing runs on a schema it
 * does not know.
 *
 * <p>Several servers starting at once on one PostgreSQL database take turns (Flyway locks its
 * history table), so each migration runs once. A database whose tables EclipseLink made before
 * migrations existed is taken as version 1 and upgraded from there.
 */
@ApplicationScoped
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());
    static final String LOCATION = "classpath:db/migration";
    static final String HISTORY_TABLE = "flyway_schema_history";
    /** A table of migration 1; present without a history table, the schema predates migrations. */
    private static final String FIRST_MIGRATION_TABLE = "AUDIT_CHAIN";

    @Resource(lookup = "jdbc/tollgate")
    DataSource dataSource;

    void migrateFirst(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) Object started) {
        migrate(dataSource);
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return migrate(dataSource, MigrationVersion.LATEST);
    }

    /** Up to {@code target}: an upgrade test starts from an earlier version. */
    static MigrateResult migrate(DataSource dataSource, MigrationVersion target) {
        SchemaDialect dialect;
        boolean madeBeforeMigrations;
        try (Connection connection = dataSource.getConnection()) {
            dialect = SchemaDialect.of(connection.getMetaData().getDatabaseProductName());
            madeBeforeMigrations = !hasTable(connection, HISTORY_TABLE) && hasTable(connection, FIRST_MIGRATION_TABLE);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach Tollgate's database (jdbc/tollgate) to migrate its schema", e);
        }
        Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                // Liberty's class loader lists a folder only when it holds a file: hence db/migration/flyway.location
                // (and db/callback/flyway.location, which Flyway always scans for callbacks).
                .failOnMissingLocations(true)
                .table(HISTORY_TABLE)
                .placeholders(dialect.placeholders())
                .javaMigrations(new ExchangeOutcomesMigration())
                .target(target)
                // Liberty's EJBTIMER_ tables may already be there: a schema with nothing else starts below version 1.
                .baselineOnMigrate(true)
                .baselineVersion(madeBeforeMigrations ? "1" : "0")
                // Flyway inserts the description into SQL unescaped: an apostrophe in it fails the start.
                .baselineDescription(madeBeforeMigrations ? "tables made by EclipseLink before migrations" : "first start of Tollgate")
                .load();
        MigrateResult result = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        LOG.info("Tollgate's schema on " + dialect + " is at version " + (current == null ? "none" : current.getVersion())
                + " (" + result.migrationsExecuted + " migration(s) applied at this start)");
        return result;
    }

    private static boolean hasTable(Connection connection, String name) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        try (ResultSet tables = metaData.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[]{"TABLE"})) {
            while (tables.next()) {
                if (tables.getString("TABLE_NAME").equalsIgnoreCase(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
