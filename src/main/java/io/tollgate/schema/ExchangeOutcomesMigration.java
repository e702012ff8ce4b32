package io.tollgate.schema;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Migration 3: an exchange's outcome moves to a row of its own ({@code EXCHANGE_OUTCOME}), so that
 * completing a record is an insert instead of a read and a rewrite of the grown record, with its
 * headers and bodies as bytes ({@code BLOB} / {@code bytea}), which Derby stores without encoding
 * them character by character as it does {@code CLOB}s. Java rather than SQL because Derby cannot
 * convert a {@code CLOB} to a {@code BLOB} in SQL.
 *
 * <p>It only expands the schema, so that servers of the previous release keep working during a
 * rolling upgrade: the outcome columns of {@code EXCHANGE} stay (no longer required), servers of
 * this release leave them empty, and the outcomes recorded so far are copied. Dropping them, after
 * copying what older servers wrote meanwhile, belongs to a migration of the next release.
 */
final class ExchangeOutcomesMigration implements JavaMigration {

    private static final List<String> OUTCOME_COLUMNS = List.of("OUTCOME", "REASON", "STATUS", "UPSTREAM_STATUS",
            "RESPONSE_BYTES", "DURATION_MILLIS", "COMPLETED_AT", "RESPONSE_HEADERS", "OKTA_REQUEST_ID", "UPSTREAM_MILLIS",
            "REQUEST_BODY", "REQUEST_BODY_SHA256", "REQUEST_BODY_BYTES", "REQUEST_BODY_TRUNCATED",
            "RESPONSE_BODY", "RESPONSE_BODY_SHA256", "RESPONSE_BODY_BYTES", "RESPONSE_BODY_TRUNCATED");
    private static final Set<String> TEXT_BECOMING_BYTES = Set.of("RESPONSE_HEADERS", "REQUEST_BODY", "RESPONSE_BODY");
    private static final int BATCH = 1_000;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("3");
    }

    @Override
    public String getDescription() {
        return "exchange outcomes in a table of their own, with headers and bodies as bytes";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        SchemaDialect dialect = SchemaDialect.of(connection.getMetaData().getDatabaseProductName());
        Map<String, String> types = dialect.placeholders();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE EXCHANGE_OUTCOME ("
                    + "EXCHANGE_ID VARCHAR(36) NOT NULL, OUTCOME VARCHAR(32) NOT NULL, REASON VARCHAR(1024), STATUS INTEGER, "
                    + "UPSTREAM_STATUS INTEGER, RESPONSE_BYTES BIGINT, DURATION_MILLIS BIGINT, "
                    + "COMPLETED_AT " + types.get("timestamp") + " NOT NULL, RESPONSE_HEADERS " + types.get("blob") + ", "
                    + "OKTA_REQUEST_ID VARCHAR(128), UPSTREAM_MILLIS BIGINT, "
                    + "REQUEST_BODY " + types.get("blob") + ", REQUEST_BODY_SHA256 VARCHAR(64), REQUEST_BODY_BYTES BIGINT, "
                    + "REQUEST_BODY_TRUNCATED " + types.get("boolean") + ", "
                    + "RESPONSE_BODY " + types.get("blob") + ", RESPONSE_BODY_SHA256 VARCHAR(64), RESPONSE_BODY_BYTES BIGINT, "
                    + "RESPONSE_BODY_TRUNCATED " + types.get("boolean") + ", "
                    + "CONSTRAINT EXCHANGE_OUTCOME_KEY PRIMARY KEY (EXCHANGE_ID), "
                    + "CONSTRAINT EXCHANGE_OUTCOME_OF FOREIGN KEY (EXCHANGE_ID) REFERENCES EXCHANGE (ID))");
            statement.execute(dialect == SchemaDialect.DERBY ? "ALTER TABLE EXCHANGE ALTER COLUMN OUTCOME NULL"
                    : "ALTER TABLE EXCHANGE ALTER COLUMN OUTCOME DROP NOT NULL");
        }
        copyOutcomes(connection);
    }

    /** The outcome of every exchange that ended (all but those still "forwarding"). */
    private static void copyOutcomes(Connection connection) throws SQLException {
        List<String> columns = Stream.concat(Stream.of("EXCHANGE_ID"), OUTCOME_COLUMNS.stream()).toList();
        String insert = "INSERT INTO EXCHANGE_OUTCOME (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(column -> "?").toList()) + ")";
        try (Statement select = connection.createStatement(); PreparedStatement outcomes = connection.prepareStatement(insert)) {
            select.setFetchSize(BATCH);
            // Completion always set COMPLETED_AT; a row without one is taken as completed when it was received.
            try (ResultSet rows = select.executeQuery("SELECT ID, COALESCE(COMPLETED_AT, RECEIVED_AT) AS ENDED_AT, "
                    + String.join(", ", OUTCOME_COLUMNS) + " FROM EXCHANGE WHERE OUTCOME <> 'forwarding'")) {
                ResultSetMetaData metaData = rows.getMetaData();
                int pending = 0;
                while (rows.next()) {
                    outcomes.setString(1, rows.getString("ID"));
                    for (int i = 0; i < OUTCOME_COLUMNS.size(); i++) {
                        copy(rows, metaData, OUTCOME_COLUMNS.get(i).equals("COMPLETED_AT") ? "ENDED_AT" : OUTCOME_COLUMNS.get(i),
                                outcomes, 2 + i);
                    }
                    outcomes.addBatch();
                    if (++pending == BATCH) {
                        outcomes.executeBatch();
                        pending = 0;
                    }
                }
                outcomes.executeBatch();
            }
        }
    }

    private static void copy(ResultSet rows, ResultSetMetaData metaData, String column, PreparedStatement insert, int parameter)
            throws SQLException {
        if (TEXT_BECOMING_BYTES.contains(column)) {
            String text = rows.getString(column);
            insert.setBytes(parameter, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
            return;
        }
        Object value = rows.getObject(column);
        if (value == null) {
            insert.setNull(parameter, metaData.getColumnType(rows.findColumn(column)));
        } else {
            insert.setObject(parameter, value);
        }
    }
}
