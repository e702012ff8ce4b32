package io.tollgate.access.boundary;

import io.tollgate.access.entity.AccessRequest;
import io.tollgate.access.entity.Approval;
import io.tollgate.access.entity.Grant;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of access requests and grants on Tollgate's API. */
final class AccessRepresentations {

    private AccessRepresentations() {
    }

    static JsonObject of(AccessRequest request, List<Approval> approvals) {
        JsonArrayBuilder verdicts = Json.createArrayBuilder();
        approvals.forEach(approval -> verdicts.add(Json.createObjectBuilder()
                .add("approver", approval.approverSubject())
                .add("decision", approval.verdict().name().toLowerCase(Locale.ROOT))
                .add("comment", approval.comment() == null ? "" : approval.comment())
                .add("decidedAt", approval.decidedAt().toString())));
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", request.id())
                .add("href", "/api/access-requests/" + request.id())
                .add("status", request.status().name())
                .add("connection", request.connection())
                .add("requester", Json.createObjectBuilder()
                        .add("issuer", request.requesterIssuer())
                        .add("subject", request.requesterSubject())
                        .add("clientId", request.requesterClientId() == null ? "" : request.requesterClientId()))
                .add("operations", strings(request.operations()))
                .add("scopes", strings(request.scopes()))
                .add("duration", request.duration().toString())
                .add("oneShot", request.oneShot())
                .add("reason", request.reason() == null ? "" : request.reason())
                .add("rule", request.rule() == null ? "" : request.rule())
                .add("approverGroups", strings(request.approverGroups()))
                .add("approvalsRequired", request.approvalsRequired())
                .add("approvals", verdicts)
                .add("createdAt", request.createdAt().toString())
                .add("pendingUntil", request.pendingUntil().toString());
        instant(json, "decidedAt", request.decidedAt());
        if (request.decidedBy() != null) {
            json.add("decidedBy", request.decidedBy());
        }
        if (request.grantId() != null) {
            json.add("grant", Json.createObjectBuilder().add("id", request.grantId()).add("href", "/api/grants/" + request.grantId()));
        }
        if (request.binding() != null) {
            json.add("request", Json.createObjectBuilder()
                    .add("method", request.binding().method())
                    .add("path", request.binding().path())
                    .add("query", request.binding().query())
                    .add("bodySha256", request.binding().bodySha256()));
        }
        return json.build();
    }

    static JsonObject of(Grant grant) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", grant.id())
                .add("href", "/api/grants/" + grant.id())
                .add("status", grant.status().name())
                .add("accessRequest", Json.createObjectBuilder().add("id", grant.accessRequestId())
                        .add("href", "/api/access-requests/" + grant.accessRequestId()))
                .add("connection", grant.connection())
                .add("holder", Json.createObjectBuilder()
                        .add("issuer", grant.holderIssuer())
                        .add("subject", grant.holderSubject())
                        .add("clientId", grant.holderClientId() == null ? "" : grant.holderClientId()))
                .add("operations", strings(grant.operations()))
                .add("scopes", strings(grant.scopes()))
                .add("oneShot", grant.oneShot())
                .add("notBefore", grant.notBefore().toString())
                .add("expiresAt", grant.expiresAt().toString());
        instant(json, "endedAt", grant.endedAt());
        if (grant.endedBy() != null) {
            json.add("endedBy", grant.endedBy());
        }
        if (grant.binding() != null) {
            json.add("request", Json.createObjectBuilder()
                    .add("method", grant.binding().method())
                    .add("path", grant.binding().path())
                    .add("query", grant.binding().query())
                    .add("bodySha256", grant.binding().bodySha256()));
        }
        return json.build();
    }

    private static void instant(JsonObjectBuilder json, String name, Instant value) {
        if (value != null) {
            json.add(name, value.toString());
        }
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }
}
