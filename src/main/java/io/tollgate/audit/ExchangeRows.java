package io.tollgate.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Locale;
import java.util.Map;

/**
 * The exchange tables as one batch of JDBC inserts on one connection. The journal's hot path writes
 * rows this way rather than through the entities: a batch of plain inserts costs a fraction of what
 * an EclipseLink unit of work costs for the same rows, and the rows read back as {@link Exchange}
 * and {@link ExchangeOutcome} because they are bound column for column as those entities map them.
 * {@link #execute} sends records before outcomes and outcomes before masked counts, the order the
 * foreign keys need, whatever order the writes of a batch came in.
 */
public final class ExchangeRows implements AutoCloseable {

    private static final String INSERT_EXCHANGE = "INSERT INTO EXCHANGE (ID, RECEIVED_AT, CONNECTION_NAME, METHOD, PATH,"
            + " QUERY_STRING, REQUEST_HEADERS, ISSUER, SUBJECT, CLIENT_ID, TOKEN_ID, SESSION_ID, OPERATION_ID, DECISION,"
            + " RULE_NAME, GRANT_ID, CORRELATION_ID) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_OUTCOME = "INSERT INTO EXCHANGE_OUTCOME (EXCHANGE_ID, OUTCOME, REASON, STATUS,"
            + " UPSTREAM_STATUS, RESPONSE_BYTES, DURATION_MILLIS, COMPLETED_AT, RESPONSE_HEADERS, OKTA_REQUEST_ID,"
            + " UPSTREAM_MILLIS, REQUEST_BODY, REQUEST_BODY_SHA256, REQUEST_BODY_BYTES, REQUEST_BODY_TRUNCATED,"
            + " RESPONSE_BODY, RESPONSE_BODY_SHA256, RESPONSE_BODY_BYTES, RESPONSE_BODY_TRUNCATED)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_MASKED = "INSERT INTO EXCHANGE_MASKED (EXCHANGE_ID, RULE_NAME, MASKED_COUNT) VALUES (?, ?, ?)";

    /** How the two supported databases declare what the migrations call {@code ${boolean}} and {@code ${blob}}. */
    public enum Dialect {
        DERBY(Types.SMALLINT, Types.BLOB), POSTGRESQL(Types.BOOLEAN, Types.BINARY);

        private final int booleanType;
        private final int blobType;

        Dialect(int booleanType, int blobType) {
            this.booleanType = booleanType;
            this.blobType = blobType;
        }

        public static Dialect of(Connection connection) throws SQLException {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
                    ? POSTGRESQL : DERBY;
        }
    }

    private final Connection connection;
    private final Dialect dialect;
    private PreparedStatement exchanges;
    private PreparedStatement outcomes;
    private PreparedStatement masked;

    public ExchangeRows(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    void add(Exchange record) throws SQLException {
        if (exchanges == null) {
            exchanges = connection.prepareStatement(INSERT_EXCHANGE);
        }
        PreparedStatement row = exchanges;
        row.setString(1, record.id());
        row.setTimestamp(2, Timestamp.from(record.receivedAt()));
        row.setString(3, record.connection());
        row.setString(4, record.method());
        row.setString(5, record.path());
        row.setString(6, record.query());
        row.setString(7, record.requestHeaders());
        row.setString(8, record.issuer());
        row.setString(9, record.subject());
        row.setString(10, record.clientId());
        row.setString(11, record.tokenId());
        row.setString(12, record.sessionId());
        row.setString(13, record.operationId());
        row.setString(14, record.decision());
        row.setString(15, record.ruleName());
        row.setString(16, record.grantId());
        row.setString(17, record.correlationId());
        row.addBatch();
    }

    void add(ExchangeOutcome outcome) throws SQLException {
        if (outcomes == null) {
            outcomes = connection.prepareStatement(INSERT_OUTCOME);
        }
        PreparedStatement row = outcomes;
        row.setString(1, outcome.exchangeId());
        row.setString(2, outcome.outcome());
        row.setString(3, outcome.reason());
        setInteger(row, 4, outcome.status());
        setInteger(row, 5, outcome.upstreamStatus());
        setLong(row, 6, outcome.responseBytes());
        setLong(row, 7, outcome.durationMillis());
        row.setTimestamp(8, Timestamp.from(outcome.completedAt()));
        setBytes(row, 9, outcome.responseHeaderBytes());
        row.setString(10, outcome.oktaRequestId());
        setLong(row, 11, outcome.upstreamMillis());
        setBody(row, 12, outcome.requestBody());
        setBody(row, 16, outcome.responseBody());
        row.addBatch();
        Map<String, Long> counts = outcome.masked();
        if (!counts.isEmpty()) {
            if (masked == null) {
                masked = connection.prepareStatement(INSERT_MASKED);
            }
            for (Map.Entry<String, Long> count : counts.entrySet()) {
                masked.setString(1, outcome.exchangeId());
                masked.setString(2, count.getKey());
                masked.setLong(3, count.getValue());
                masked.addBatch();
            }
        }
    }

    /** Sends what was added, in the order the foreign keys need. */
    void execute() throws SQLException {
        for (PreparedStatement statement : new PreparedStatement[]{exchanges, outcomes, masked}) {
            if (statement != null) {
                statement.executeBatch();
            }
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement statement : new PreparedStatement[]{exchanges, outcomes, masked}) {
            try {
                if (statement != null) {
                    statement.close();
                }
            } catch (SQLException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void setBody(PreparedStatement row, int first, RecordedBody body) throws SQLException {
        setBytes(row, first, body == null ? null : body.textBytes());
        row.setString(first + 1, body == null ? null : body.sha256());
        setLong(row, first + 2, body == null ? null : body.bytes());
        if (body == null || body.truncated() == null) {
            row.setNull(first + 3, dialect.booleanType);
        } else if (dialect == Dialect.DERBY) {
            row.setShort(first + 3, (short) (body.truncated() ? 1 : 0));
        } else {
            row.setBoolean(first + 3, body.truncated());
        }
    }

    private void setBytes(PreparedStatement row, int index, byte[] bytes) throws SQLException {
        if (bytes == null) {
            row.setNull(index, dialect.blobType);
        } else {
            row.setBytes(index, bytes);
        }
    }

    private static void setInteger(PreparedStatement row, int index, Integer value) throws SQLException {
        if (value == null) {
            row.setNull(index, Types.INTEGER);
        } else {
            row.setInt(index, value);
        }
    }

    private static void setLong(PreparedStatement row, int index, Long value) throws SQLException {
        if (value == null) {
            row.setNull(index, Types.BIGINT);
        } else {
            row.setLong(index, value);
        }
    }
}
