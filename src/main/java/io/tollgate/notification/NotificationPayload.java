package io.tollgate.notification;

import io.tollgate.access.entity.AccessRequest;
import io.tollgate.access.entity.AccessRequestStatus;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The body POSTed to webhooks: the event, the access request as it stood, and a one-line summary
 * in {@code text}, which is what a Slack (or Mattermost, or Teams workflow) incoming webhook shows.
 */
public final class NotificationPayload {

    public static final String PENDING = "access-request.pending";
    public static final String DECIDED = "access-request.decided";
    /** Longest stretch of the requester's reason quoted in {@code text}; the full reason is in the body. */
    static final int REASON_IN_TEXT = 200;

    private NotificationPayload() {
    }

    /** {@value #PENDING} while the request waits for approvers, {@value #DECIDED} once it is final. */
    public static String typeOf(AccessRequest request) {
        return request.status() == AccessRequestStatus.PENDING ? PENDING : DECIDED;
    }

    public static JsonObject of(String eventId, Instant occurredAt, AccessRequest request, String href) {
        JsonObjectBuilder accessRequest = Json.createObjectBuilder()
                .add("id", request.id())
                .add("href", href)
                .add("status", request.status().name())
                .add("connection", request.connection())
                .add("requester", Json.createObjectBuilder()
                        .add("issuer", request.requesterIssuer())
                        .add("subject", request.requesterSubject())
                        .add("clientId", request.requesterClientId() == null ? "" : request.requesterClientId()))
                .add("operations", array(request.operations()))
                .add("scopes", array(request.scopes()))
                .add("duration", request.duration().toString())
                .add("oneShot", request.oneShot())
                .add("reason", request.reason() == null ? "" : request.reason())
                .add("approverGroups", array(request.approverGroups()))
                .add("approvalsRequired", request.approvalsRequired())
                .add("pendingUntil", request.pendingUntil().toString());
        if (request.decidedAt() != null) {
            accessRequest.add("decidedAt", request.decidedAt().toString()).add("decidedBy", request.decidedBy());
        }
        if (request.grantId() != null) {
            accessRequest.add("grantId", request.grantId());
        }
        return Json.createObjectBuilder()
                .add("id", eventId)
                .add("type", typeOf(request))
                .add("occurredAt", occurredAt.toString())
                .add("accessRequest", accessRequest)
                .add("text", text(request, href))
                .build();
    }

    /** One line, for people: who asks for what where, and what happened or who must act. */
    static String text(AccessRequest request, String href) {
        String who = slack(request.requesterSubject());
        String what = slack(String.join(", ", asked(request)));
        String where = slack(request.connection());
        String link = slack(href);
        if (request.status() == AccessRequestStatus.PENDING) {
            String reason = request.reason() == null || request.reason().isBlank() ? "" : " Reason: " + slack(abbreviate(request.reason())) + ".";
            return who + " asks for " + what + " on " + where + " for " + request.duration() + "; "
                    + request.approvalsRequired() + (request.approvalsRequired() == 1 ? " approval" : " approvals")
                    + " needed from " + slack(String.join(", ", request.approverGroups())) + "." + reason + " " + link;
        }
        String outcome = switch (request.status()) {
            case EXPIRED -> "expired undecided";
            case CANCELLED -> "was cancelled by " + slack(request.decidedBy());
            default -> "was " + request.status().name().toLowerCase(Locale.ROOT) + " by " + slack(request.decidedBy());
        };
        return "The request of " + who + " for " + what + " on " + where + " " + outcome + ". " + link;
    }

    private static List<String> asked(AccessRequest request) {
        List<String> asked = new ArrayList<>(request.operations());
        asked.addAll(request.scopes());
        if (asked.isEmpty() && request.binding() != null) {
            asked.add(request.binding().method() + " " + request.binding().path());
        }
        return asked;
    }

    private static String abbreviate(String reason) {
        return reason.length() <= REASON_IN_TEXT ? reason : reason.substring(0, REASON_IN_TEXT) + "…";
    }

    /**
     * Agents choose their reason and subject: on one line, with Slack's three control characters
     * escaped, so nothing they write can mention a channel or forge a link.
     */
    static String slack(String value) {
        return value.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]+", " ")
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }
}
