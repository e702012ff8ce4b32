package io.tollgate.connection;

/**
 * An agent spent its quota on a connection: what Okta's {@code X-Rate-Limit-*} headers tell it.
 *
 * @param limit            requests per window
 * @param resetEpochSecond when the next request will be admitted
 */
public record QuotaExceeded(int limit, long resetEpochSecond) {
}
