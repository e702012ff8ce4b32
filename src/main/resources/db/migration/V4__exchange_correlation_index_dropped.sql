-- The correlation id's index on EXCHANGE is read by no query (the id is shown with each exchange, never looked up),
-- and correlation ids are random: each insert touched a random page of it, which grew costlier as the table grew.
-- Servers of the previous release run unchanged without it during a rolling upgrade.
DROP INDEX EXCHANGE_CORRELATION;
