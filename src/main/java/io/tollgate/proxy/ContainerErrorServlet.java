package io.tollgate.proxy;

import io.tollgate.okta.OktaError;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers errors raised by the container rather than by Tollgate (a request URI Liberty refuses to
 * decode, an unmapped path) in Okta's error shape, so that agents and SDKs can read them. Nothing
 * about the failure's internals (class names, stack traces) is echoed.
 */
@WebServlet(name = "errors", urlPatterns = "/errors")
public class ContainerErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : 500;
        OktaError error = switch (status) {
            case 400 -> OktaError.of(400, OktaError.VALIDATION_FAILED, "Api validation failed: path",
                    "the request URI has characters that could be read two ways");
            case 404 -> OktaError.of(404, OktaError.NOT_FOUND, "Not found: Resource not found");
            case 405 -> OktaError.of(405, "E0000022", "The endpoint does not support the provided HTTP method");
            default -> OktaError.of(status, OktaError.INTERNAL_ERROR, "Internal Server Error");
        };
        byte[] body = error.toJson().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
