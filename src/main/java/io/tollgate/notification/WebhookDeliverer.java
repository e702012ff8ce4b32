package io.tollgate.notification;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox: every poll interval each server claims the rows that are due and POSTs
 * them without waiting for the answers (a slow webhook holds up nobody), then records each
 * outcome: delivered on a 2xx, otherwise another attempt after the backoff, or FAILED (and
 * audited) once the attempts are used up. Runs only where webhooks are configured.
 */
@ApplicationScoped
public class WebhookDeliverer {

    public static final String NOTIFICATION_ID_HEADER = "Tollgate-Notification-Id";
    public static final String ATTEMPT_HEADER = "Tollgate-Delivery-Attempt";

    private static final Logger LOG = Logger.getLogger(WebhookDeliverer.class.getName());
    /** Rows claimed per poll, so one poll stays short however long the backlog. */
    private static final int BATCH = 50;
    /** Beyond the timeouts of an attempt: how long a claim outlives a server that died mid-attempt. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    NotificationSettings settings;

    @Inject
    NotificationOutbox outbox;

    private HttpClient client;
    private ScheduledFuture<?> polling;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        List<Webhook> webhooks = settings.webhooks();
        if (webhooks.isEmpty()) {
            return;
        }
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        long interval = settings.pollInterval().toMillis();
        polling = scheduler.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("Webhook notifications go to " + webhooks.stream().map(Webhook::origin).toList()
                + (settings.secret().isPresent() ? ", signed (" + WebhookSignature.HEADER + ")" : ", unsigned"));
    }

    @PreDestroy
    void stop() {
        if (polling != null) {
            polling.cancel(false);
        }
    }

    private void poll() {
        // Whatever fails here must not escape: an exception would end the fixed-delay schedule.
        try {
            Instant now = Instant.now();
            Instant leaseEnd = now.plus(settings.connectTimeout()).plus(settings.responseTimeout()).plus(LEASE_MARGIN);
            List<String> webhooks = settings.webhooks().stream().map(Webhook::sha256).toList();
            for (Delivery candidate : outbox.due(webhooks, now, BATCH)) {
                outbox.claim(candidate, now, leaseEnd).ifPresent(this::send);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Polling the notification outbox failed; the next poll tries again", e);
        }
    }

    private void send(Delivery delivery) {
        HttpRequest request;
        try {
            request = request(delivery);
        } catch (RuntimeException e) {
            // A request that cannot even be built is a failed attempt like any other: counted, retried, given up on.
            record(delivery, null, e);
            return;
        }
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenCompleteAsync((response, failure) -> record(delivery, response, failure), scheduler);
    }

    private HttpRequest request(Delivery delivery) {
        // Only rows of configured webhooks are ever claimed (see poll).
        Webhook webhook = settings.webhook(delivery.webhookSha256()).orElseThrow();
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook.uri())
                .timeout(settings.responseTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Tollgate")
                .header(NOTIFICATION_ID_HEADER, delivery.eventId())
                .header(ATTEMPT_HEADER, Integer.toString(delivery.attempt()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        settings.secret().ifPresent(secret -> request.header(WebhookSignature.HEADER, WebhookSignature.of(secret, body)));
        return request.build();
    }

    private void record(Delivery delivery, HttpResponse<Void> response, Throwable failure) {
        try {
            if (failure == null && response.statusCode() / 100 == 2) {
                outbox.delivered(delivery, Instant.now());
                return;
            }
            String error = failure == null ? "HTTP " + response.statusCode() : describe(failure);
            if (delivery.attempt() >= settings.maxAttempts()) {
                if (outbox.giveUp(delivery, error)) {
                    LOG.warning("Gave up on " + delivery.describe() + " after " + delivery.attempt() + " attempts (" + error + ")");
                }
                return;
            }
            Duration wait = settings.backoff().after(delivery.attempt());
            if (outbox.retryAt(delivery, error, Instant.now().plus(wait))) {
                LOG.info("Attempt " + delivery.attempt() + " of " + settings.maxAttempts() + " at " + delivery.describe()
                        + " failed (" + error + "); next in " + wait);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the outcome of attempt " + delivery.attempt() + " at " + delivery.describe()
                    + "; it is made again when the claim runs out", e);
        }
    }

    /** What went wrong, in words that never carry the webhook's URL (exception messages may). */
    private String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + settings.connectTimeout();
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + settings.responseTimeout();
        }
        if (cause instanceof ConnectException) {
            return "connection refused or host unreachable";
        }
        return cause.getClass().getSimpleName();
    }
}
