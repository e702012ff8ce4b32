package io.tollgate.notification;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** Outbound webhook notifications, from MicroProfile Config. README.md explains each key. */
@ApplicationScoped
public class NotificationSettings {

    private static final Logger LOG = Logger.getLogger(NotificationSettings.class.getName());

    @Inject
    @ConfigProperty(name = "tollgate.notifications.webhooks")
    Optional<List<String>> webhookUrls;

    @Inject
    @ConfigProperty(name = "tollgate.notifications.connect-timeout", defaultValue = "PT5S")
    Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "tollgate.notifications.response-timeout", defaultValue = "PT10S")
    Duration responseTimeout;

    @Inject
    @ConfigProperty(name = "tollgate.notifications.max-attempts", defaultValue = "10")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "tollgate.notifications.backoff.initial", defaultValue = "PT5S")
    Duration initialBackoff;

    @Inject
    @ConfigProperty(name = "tollgate.notifications.backoff.max", defaultValue = "PT10M")
    Duration maxBackoff;

    @Inject
    @ConfigProperty(name = "tollgate.notifications.poll-interval", defaultValue = "PT1S")
    Duration pollInterval;

    /** Signs every body when set. Never logged: only whether there is one. */
    @Inject
    @ConfigProperty(name = "tollgate.notifications.secret")
    Optional<String> secret;

    /** Where people reach Tollgate, for links in notifications; without it links are paths. */
    @Inject
    @ConfigProperty(name = "tollgate.proxy.public-url")
    Optional<String> publicUrl;

    private List<Webhook> webhooks;
    private Backoff backoff;

    @PostConstruct
    void validate() {
        List<Webhook> valid = new ArrayList<>();
        List<String> configured = webhookUrls.orElse(List.of());
        for (int i = 0; i < configured.size(); i++) {
            Optional<Webhook> webhook = Webhook.parse(configured.get(i));
            if (webhook.isPresent()) {
                valid.add(webhook.get());
            } else {
                // The value itself may hold a credential: name its position only.
                LOG.severe("Entry " + (i + 1) + " of tollgate.notifications.webhooks is not an http(s) URL with a host"
                        + " and without user info or fragment; it gets no notifications");
            }
        }
        webhooks = List.copyOf(valid);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("tollgate.notifications.max-attempts must be 1 or more, not " + maxAttempts);
        }
        requirePositive("tollgate.notifications.connect-timeout", connectTimeout);
        requirePositive("tollgate.notifications.response-timeout", responseTimeout);
        requirePositive("tollgate.notifications.poll-interval", pollInterval);
        try {
            backoff = new Backoff(initialBackoff, maxBackoff);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tollgate.notifications.backoff.*: " + e.getMessage(), e);
        }
    }

    private static void requirePositive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, not " + value);
        }
    }

    public List<Webhook> webhooks() {
        return webhooks;
    }

    public Optional<Webhook> webhook(String sha256) {
        return webhooks.stream().filter(webhook -> webhook.sha256().equals(sha256)).findFirst();
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration responseTimeout() {
        return responseTimeout;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Backoff backoff() {
        return backoff;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public Optional<String> secret() {
        return secret.filter(value -> !value.isBlank());
    }

    /** The link to an access request: absolute under {@code tollgate.proxy.public-url} when that is set. */
    public String accessRequestHref(String id) {
        return publicUrl.map(url -> url.replaceAll("/+$", "")).orElse("") + "/api/access-requests/" + id;
    }
}
