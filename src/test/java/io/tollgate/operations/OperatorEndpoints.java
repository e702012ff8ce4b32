package io.tollgate.operations;

import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItSettings;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** GETs of the server's operator endpoints (/openapi, /health, /metrics), as a scraper or a browser sends them. */
final class OperatorEndpoints {

    private OperatorEndpoints() {
    }

    static HttpResponse<String> get(String path, String accept) {
        return Agent.send(HttpRequest.newBuilder(URI.create(ItSettings.serverBase() + path)).header("Accept", accept).GET());
    }
}
