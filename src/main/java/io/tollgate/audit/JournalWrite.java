package io.tollgate.audit;

import java.sql.SQLException;

/** One change to the stored exchange records, added by the journal's writer to its batch's inserts. */
@FunctionalInterface
public interface JournalWrite {

    void addTo(ExchangeRows rows) throws SQLException;
}
