package io.tollgate.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.UUID;

/**
 * The two databases Tollgate supports, real, for tests outside the server: a fresh in-memory Derby
 * per call and one embedded PostgreSQL per test class. Register it with
 * {@code @RegisterExtension static final TestDatabases DATABASES = new TestDatabases();}.
 */
public final class TestDatabases implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        System.setProperty("derby.stream.error.file", "target/derby.log");
        postgres = EmbeddedPostgres.builder().start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        postgres.close();
    }

    public DataSource postgres() {
        return postgres.getPostgresDatabase();
    }

    /** The JDBC URL of {@link #postgres()}, for a persistence unit. */
    public String postgresUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** A new, empty in-memory Derby database, its name starting with {@code prefix}. */
    public static EmbeddedDataSource derby(String prefix) {
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:" + prefix + "-" + UUID.randomUUID());
        derby.setCreateDatabase("create");
        return derby;
    }
}
