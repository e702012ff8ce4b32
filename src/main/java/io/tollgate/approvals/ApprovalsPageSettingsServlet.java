package io.tollgate.approvals;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Tells the approvals page where to sign people in: {@code GET /approvals/settings.json}. */
@WebServlet(name = "approvals-settings", urlPatterns = "/approvals/settings.json")
public class ApprovalsPageSettingsServlet extends HttpServlet {

    @Inject
    transient ApprovalsPageSettings settings;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (settings.issuer().isEmpty()) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Json.createObjectBuilder().add("type", "about:blank").add("title", "Service Unavailable")
                    .add("status", 503).add("detail", "No issuer is configured (tollgate.approvals.issuer or tollgate.identity.issuers)")
                    .build().toString());
            return;
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.createObjectBuilder()
                .add("issuer", settings.issuer().get())
                .add("clientId", settings.clientId())
                .add("scopes", String.join(" ", settings.scopes()))
                .build().toString());
    }
}
