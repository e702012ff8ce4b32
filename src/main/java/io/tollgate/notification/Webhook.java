package io.tollgate.notification;

import io.tollgate.common.Sha256;

import java.net.URI;
import java.util.Optional;

/**
 * A configured webhook. Its URL often is a credential (a Slack incoming webhook's path is), so
 * only its {@code origin} is ever logged, audited or stored; the outbox keeps the SHA-256 of the
 * URL and the URL itself stays in configuration.
 *
 * @param uri    where notifications are POSTed
 * @param sha256 hex SHA-256 of the URL, the outbox's reference to it
 * @param origin scheme, host and port, safe to show
 */
public record Webhook(URI uri, String sha256, String origin) {

    /** The webhook a configured value names, or empty when it is not an absolute http(s) URL with a host
     * and without user info or fragment. */
    public static Optional<Webhook> parse(String value) {
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        return Optional.of(new Webhook(uri, Sha256.hex(uri.toString()), origin));
    }
}
