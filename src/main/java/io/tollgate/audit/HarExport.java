package io.tollgate.audit;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.ws.rs.core.Response;

import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A recorded session as HAR 1.2, which browsers' developer tools and HAR viewers open: one entry per
 * exchange, in order, with the agent's request as it arrived (credentials redacted) and the answer
 * it received. Tollgate's own facts (outcome, decision, rule, grant) ride along as {@code _tollgate}.
 */
final class HarExport {

    private HarExport() {
    }

    /** @param proxyBase where agents reach the proxy, for example {@code https://tollgate.example/proxy} */
    static JsonObject of(List<Exchange> exchanges, String proxyBase, String version) {
        JsonArrayBuilder entries = Json.createArrayBuilder();
        for (Exchange exchange : exchanges) {
            entries.add(entry(exchange, proxyBase));
        }
        return Json.createObjectBuilder().add("log", Json.createObjectBuilder()
                .add("version", "1.2")
                .add("creator", Json.createObjectBuilder().add("name", "Tollgate").add("version", version))
                .add("entries", entries)).build();
    }

    private static JsonObject entry(Exchange exchange, String proxyBase) {
        long total = exchange.durationMillis() == null ? 0 : exchange.durationMillis();
        long wait = exchange.upstreamMillis() == null ? 0 : Math.min(exchange.upstreamMillis(), total);
        String query = exchange.query() == null ? "" : exchange.query();
        String url = proxyBase + "/" + exchange.connection() + exchange.path() + (query.isEmpty() ? "" : "?" + query);
        JsonArray requestHeaders = headers(exchange.requestHeaders());
        JsonArray responseHeaders = headers(exchange.responseHeaders());
        int status = exchange.status() == null ? 0 : exchange.status();
        JsonObjectBuilder tollgate = Json.createObjectBuilder().add("exchangeId", exchange.id()).add("outcome", exchange.outcome());
        optional(tollgate, "operationId", exchange.operationId());
        optional(tollgate, "decision", exchange.decision());
        optional(tollgate, "rule", exchange.ruleName());
        optional(tollgate, "grantId", exchange.grantId());
        optional(tollgate, "reason", exchange.reason());
        optional(tollgate, "oktaRequestId", exchange.oktaRequestId());
        JsonObjectBuilder masked = Json.createObjectBuilder();
        exchange.masked().forEach(masked::add);
        tollgate.add("maskedByRule", masked);
        RecordedBody requestBody = body(exchange.requestBody());
        JsonObjectBuilder request = Json.createObjectBuilder()
                .add("method", exchange.method())
                .add("url", url)
                .add("httpVersion", "HTTP/1.1")
                .add("cookies", Json.createArrayBuilder())
                .add("headers", requestHeaders)
                .add("queryString", queryString(query))
                .add("headersSize", -1)
                .add("bodySize", requestBody == null ? -1 : requestBody.bytes());
        String requestText = requestBody == null ? null : requestBody.text();
        if (requestText != null) {
            request.add("postData", Json.createObjectBuilder()
                    .add("mimeType", contentType(requestHeaders))
                    .add("text", requestText));
            tollgate.add("requestBodyTruncated", Boolean.TRUE.equals(requestBody.truncated()));
        }
        JsonObjectBuilder content = Json.createObjectBuilder()
                .add("size", exchange.responseBytes() == null ? 0 : exchange.responseBytes())
                .add("mimeType", contentType(responseHeaders));
        RecordedBody responseBody = body(exchange.responseBody());
        if (responseBody != null) {
            String responseText = responseBody.text();
            if (responseText != null) {
                content.add("text", responseText);
            }
            tollgate.add("responseBodySha256", responseBody.sha256()).add("responseBodyTruncated", Boolean.TRUE.equals(responseBody.truncated()));
        }
        return Json.createObjectBuilder()
                .add("startedDateTime", exchange.receivedAt().toString())
                .add("time", total)
                .add("request", request)
                .add("response", Json.createObjectBuilder()
                        .add("status", status)
                        .add("statusText", statusText(status))
                        .add("httpVersion", "HTTP/1.1")
                        .add("cookies", Json.createArrayBuilder())
                        .add("headers", responseHeaders)
                        .add("content", content)
                        .add("redirectURL", "")
                        .add("headersSize", -1)
                        .add("bodySize", exchange.responseBytes() == null ? -1 : exchange.responseBytes()))
                .add("cache", Json.createObjectBuilder())
                .add("timings", Json.createObjectBuilder().add("send", 0).add("wait", wait).add("receive", total - wait))
                .add("_tollgate", tollgate)
                .build();
    }

    /** An embedded body whose columns are all empty comes back as an empty object, or as null. */
    private static RecordedBody body(RecordedBody body) {
        return body == null || body.sha256() == null ? null : body;
    }

    private static JsonArray headers(String recorded) {
        if (recorded == null || recorded.isBlank()) {
            return Json.createArrayBuilder().build();
        }
        try (JsonReader reader = Json.createReader(new StringReader(recorded))) {
            return reader.readArray();
        }
    }

    private static JsonArrayBuilder queryString(String query) {
        JsonArrayBuilder parameters = Json.createArrayBuilder();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            parameters.add(Json.createObjectBuilder()
                    .add("name", decode(equals < 0 ? pair : pair.substring(0, equals)))
                    .add("value", equals < 0 ? "" : decode(pair.substring(equals + 1))));
        }
        return parameters;
    }

    /** Recorded queries passed Tollgate's strict decoding already; this only renders them. */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static String contentType(JsonArray headers) {
        return headers.getValuesAs(JsonObject.class).stream()
                .filter(header -> header.getString("name", "").toLowerCase(Locale.ROOT).equals("content-type"))
                .map(header -> header.getString("value", "")).findFirst().orElse("");
    }

    private static String statusText(int status) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        return type == null ? "" : type.getReasonPhrase();
    }

    private static void optional(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
