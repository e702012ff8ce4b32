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
 * completing a record is an insert instead of a read and a rewrite of the grown record, and recorded
 * headers and bodies become bytes ({@code BLOB} / {@code bytea}), which Derby stores without
 * encoding them character by character as it does {@code CLOB}s. Java rather than SQL because Derby
 * cannot convert a {@code CLOB} to a {@code BLOB} in SQL.
 *
 * <p>The exchange table is copied once into its new shape (rather than altered column by column,
 * which Derby does by rewriting the table each time), and its indexes are built after the copy.
 */
final class ExchangeOutcomesMigration implements JavaMigration {

    private static final String OLD_TABLE = "EXCHANGE_BEFORE_V3";
    private static final List<String> INDEXES = List.of(
            "CREATE INDEX EXCHANGE_RECEIVED ON EXCHANGE (RECEIVED_AT)",
            "CREATE INDEX EXCHANGE_SUBJECT ON EXCHANGE (SUBJECT)",
            "CREATE INDEX EXCHANGE_SESSION ON EXCHANGE (SESSION_ID)",
            "CREATE INDEX EXCHANGE_CORRELATION ON EXCHANGE (CORRELATION_ID)");
    private static final List<String> EXCHANGE_COLUMNS = List.of("ID", "RECEIVED_AT", "CONNECTION_NAME", "METHOD", "PATH",
            "QUERY_STRING", "REQUEST_HEADERS", "ISSUER", "SUBJECT", "CLIENT_ID", "TOKEN_ID", "SESSION_ID", "OPERATION_ID",
            "DECISION", "RULE_NAME", "GRANT_ID", "CORRELATION_ID");
    private static final List<String> OUTCOME_COLUMNS = List.of("OUTCOME", "REASON", "STATUS", "UPSTREAM_STATUS",
            "RESPONSE_BYTES", "DURATION_MILLIS", "COMPLETED_AT", "RESPONSE_HEADERS", "OKTA_REQUEST_ID", "UPSTREAM_MILLIS",
            "REQUEST_BODY", "REQUEST_BODY_SHA256", "REQUEST_BODY_BYTES", "REQUEST_BODY_TRUNCATED",
            "RESPONSE_BODY", "RESPONSE_BODY_SHA256", "RESPONSE_BODY_BYTES", "RESPONSE_BODY_TRUNCATED");
    private static final Set<String> TEXT_BECOMING_BYTES = Set.of("REQUEST_HEADERS", "RESPONSE_HEADERS", "REQUEST_BODY", "RESPONSE_BODY");
    private static final int BATCH = 1_000;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("3");
    }

    @Override
    public String getDescription() {
        return "exchange outcomes in a table of their own, recorded headers and bodies as bytes";
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
            for (String index : INDEXES) {
                statement.execute("DROP INDEX " + index.split(" ")[2]);
            }
            statement.execute(dialect == SchemaDialect.DERBY ? "RENAME TABLE EXCHANGE TO " + OLD_TABLE
                    : "ALTER TABLE EXCHANGE RENAME TO " + OLD_TABLE);
            // Named keys: PostgreSQL's default name for the new key would be the old table's (exchange_pkey).
            statement.execute("CREATE TABLE EXCHANGE ("
                    + "ID VARCHAR(36) NOT NULL, RECEIVED_AT " + types.get("timestamp") + " NOT NULL, CONNECTION_NAME VARCHAR(63), "
                    + "METHOD VARCHAR(16) NOT NULL, PATH VARCHAR(2048) NOT NULL, QUERY_STRING VARCHAR(4096), "
                    + "REQUEST_HEADERS " + types.get("blob") + ", ISSUER VARCHAR(512), SUBJECT VARCHAR(255), CLIENT_ID VARCHAR(255), "
                    + "TOKEN_ID VARCHAR(255), SESSION_ID VARCHAR(64), OPERATION_ID VARCHAR(128), DECISION VARCHAR(16), "
                    + "RULE_NAME VARCHAR(255), GRANT_ID VARCHAR(36), CORRELATION_ID VARCHAR(36), "
                    + "CONSTRAINT EXCHANGE_KEY PRIMARY KEY (ID))");
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
        }
        copyExchanges(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + OLD_TABLE);
            for (String index : INDEXES) {
                statement.execute(index);
            }
        }
    }

    /** Every exchange into the new table; those that ended (all but "forwarding" ones) with their outcome. */
    private static void copyExchanges(Connection connection) throws SQLException {
        String exchangeInsert = insert("EXCHANGE", EXCHANGE_COLUMNS);
        String outcomeInsert = insert("EXCHANGE_OUTCOME", prepend("EXCHANGE_ID", OUTCOME_COLUMNS));
        try (Statement select = connection.createStatement();
             PreparedStatement exchanges = connection.prepareStatement(exchangeInsert);
             PreparedStatement outcomes = connection.prepareStatement(outcomeInsert)) {
            select.setFetchSize(BATCH);
            try (ResultSet rows = select.executeQuery("SELECT " + String.join(", ", EXCHANGE_COLUMNS) + ", "
                    + String.join(", ", OUTCOME_COLUMNS) + " FROM " + OLD_TABLE)) {
                ResultSetMetaData metaData = rows.getMetaData();
                int pending = 0;
                while (rows.next()) {
                    copy(rows, metaData, EXCHANGE_COLUMNS, exchanges, 1);
                    exchanges.addBatch();
                    if (!"forwarding".equals(rows.getString("OUTCOME"))) {
                        outcomes.setString(1, rows.getString("ID"));
                        copy(rows, metaData, OUTCOME_COLUMNS, outcomes, 2);
                        if (rows.getObject("COMPLETED_AT") == null) {
                            // Completion always set it; a row without one is taken as completed when received.
                            outcomes.setObject(2 + OUTCOME_COLUMNS.indexOf("COMPLETED_AT"), rows.getObject("RECEIVED_AT"));
                        }
                        outcomes.addBatch();
                    }
                    if (++pending == BATCH) {
                        exchanges.executeBatch();
                        outcomes.executeBatch();
                        pending = 0;
                    }
                }
                exchanges.executeBatch();
                outcomes.executeBatch();
            }
        }
    }

    private static void copy(ResultSet rows, ResultSetMetaData metaData, List<String> columns, PreparedStatement insert,
                             int firstParameter) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            int parameter = firstParameter + i;
            if (TEXT_BECOMING_BYTES.contains(column)) {
                String text = rows.getString(column);
                insert.setBytes(parameter, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
            } else {
                Object value = rows.getObject(column);
                if (value == null) {
                    insert.setNull(parameter, metaData.getColumnType(rows.findColumn(column)));
                } else {
                    insert.setObject(parameter, value);
                }
            }
        }
    }

    private static String insert(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(column -> "?").toList()) + ")";
    }

    private static List<String> prepend(String first, List<String> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }
}
