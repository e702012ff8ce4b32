package io.tollgate.bench;

import io.tollgate.common.TimeOrderedIds;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Fills the {@code EXCHANGE} and {@code EXCHANGE_OUTCOME} tables of a stopped Tollgate's embedded Derby database with recorded
 * exchanges, so that the benchmark can measure the proxy over a large audit table. Rows look like
 * the proxy's own (a forwarded {@code listUsers} by one of a hundred agents, with headers), spread
 * over the past 30 days. It adds {@code ROWS} rows, or as many as it can in {@code MAX_SECONDS}.
 * Used by {@code bench/run.sh} while the server is stopped.
 *
 * <pre>java io.tollgate.bench.AuditFiller DERBY_DATABASE_DIRECTORY ROWS MAX_SECONDS</pre>
 */
public final class AuditFiller {

    private static final int BATCH = 5_000;

    private AuditFiller() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: AuditFiller DERBY_DATABASE_DIRECTORY ROWS MAX_SECONDS");
            System.exit(2);
        }
        // A fixture, filled while no server runs and shut down cleanly: no log syncs on each commit.
        System.setProperty("derby.system.durability", "test");
        long rows = Long.parseLong(args[1]);
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
        String url = "jdbc:derby:" + args[0];
        int workers = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Long>> shares = new ArrayList<>();
            for (int worker = 0; worker < workers; worker++) {
                int first = worker;
                shares.add(pool.submit(() -> {
                    try (Connection db = DriverManager.getConnection(url)) {
                        db.setAutoCommit(false);
                        return fill(db, first, workers, rows, deadline);
                    }
                }));
            }
            long added = 0;
            for (Future<Long> share : shares) {
                added += share.get();
            }
            try (Connection db = DriverManager.getConnection(url)) {
                System.out.printf("rows_added=%d total_rows=%d seconds=%.1f%n", added, count(db),
                        (System.nanoTime() - started) / 1e9);
            }
        } finally {
            pool.shutdown();
            try {
                DriverManager.getConnection("jdbc:derby:;shutdown=true");
            } catch (SQLException expected) {
                // Derby reports a clean engine shutdown as an exception (XJ015).
            }
        }
    }

    /**
     * Adds rows {@code first}, {@code first + step}, ... below {@code rows}: one worker's share.
     *
     * @return the rows added: all of the share, or the whole batches committed before the deadline
     */
    private static long fill(Connection db, int first, int step, long rows, long deadline) throws SQLException {
        String requestHeaders = "[[\"Accept\",\"application/json\"],[\"Authorization\",\"[redacted]\"],[\"User-Agent\",\"okta-sdk-java/24.0.0\"]]";
        byte[] responseHeaders = utf8("[[\"Content-Type\",\"application/json\"],[\"Link\",\"<http://tollgate/proxy/okta/api/v1/users?limit=10>; rel=\\\"self\\\"\"]]");
        long now = Instant.now().toEpochMilli();
        long spread = 30L * 24 * 3600 * 1000;
        try (PreparedStatement exchange = db.prepareStatement("INSERT INTO EXCHANGE (ID, RECEIVED_AT, CONNECTION_NAME, METHOD, PATH, "
                + "QUERY_STRING, REQUEST_HEADERS, ISSUER, SUBJECT, CLIENT_ID, TOKEN_ID, SESSION_ID, OPERATION_ID, DECISION, RULE_NAME, "
                + "CORRELATION_ID) VALUES (?, ?, 'okta', 'GET', '/api/v1/users', 'limit=10', ?, 'http://localhost/oauth2/default', "
                + "?, ?, ?, ?, 'listUsers', 'allow', 'directory-reads', ?)");
             PreparedStatement outcome = db.prepareStatement("INSERT INTO EXCHANGE_OUTCOME (EXCHANGE_ID, OUTCOME, STATUS, "
                     + "UPSTREAM_STATUS, RESPONSE_BYTES, DURATION_MILLIS, COMPLETED_AT, RESPONSE_HEADERS, OKTA_REQUEST_ID, "
                     + "UPSTREAM_MILLIS) VALUES (?, 'forwarded', 200, 200, 2048, 4, ?, ?, ?, 3)")) {
            long added = 0;
            for (long i = first; i < rows; i += step) {
                int agent = (int) (i % 100);
                Timestamp at = new Timestamp(now - spread + (spread * i) / Math.max(1, rows));
                String id = TimeOrderedIds.next().toString();
                exchange.setString(1, id);
                exchange.setTimestamp(2, at);
                exchange.setString(3, requestHeaders);
                exchange.setString(4, "agent-" + agent);
                exchange.setString(5, "agent-" + agent);
                exchange.setString(6, "jti-" + (i / 1000));
                exchange.setString(7, "session-" + agent + "-" + (i / 100_000));
                exchange.setString(8, UUID.randomUUID().toString());
                exchange.addBatch();
                outcome.setString(1, id);
                outcome.setTimestamp(2, at);
                outcome.setBytes(3, responseHeaders);
                outcome.setString(4, "bench-" + i);
                outcome.addBatch();
                added++;
                if (added % BATCH == 0 || i + step >= rows) {
                    exchange.executeBatch();
                    outcome.executeBatch();
                    db.commit();
                    if (System.nanoTime() > deadline) {
                        return added;
                    }
                }
            }
            return added;
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long count(Connection db) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM EXCHANGE")) {
            result.next();
            long rows = result.getLong(1);
            db.commit();
            return rows;
        }
    }
}
