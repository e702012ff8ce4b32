package io.tollgate.audit;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Commits one batch of the {@link ExchangeJournal}: all of its writes, or none, in one local
 * transaction on one connection. No JTA transaction is involved: a batch touches Tollgate's database
 * alone, and a local commit is the one synchronous log write the group commit exists to share.
 */
@ApplicationScoped
public class ExchangeBatches {

    @Resource(lookup = "jdbc/tollgate")
    DataSource dataSource;

    private volatile ExchangeRows.Dialect dialect;

    void apply(List<ExchangeJournal.Entry> batch) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (ExchangeRows rows = new ExchangeRows(connection, dialect(connection))) {
                for (ExchangeJournal.Entry entry : batch) {
                    entry.write().addTo(rows);
                }
                rows.execute();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("exchange records could not be committed: " + e.getMessage(), e);
        }
    }

    private ExchangeRows.Dialect dialect(Connection connection) throws SQLException {
        ExchangeRows.Dialect known = dialect;
        if (known == null) {
            known = ExchangeRows.Dialect.of(connection);
            dialect = known;
        }
        return known;
    }
}
