package io.tollgate.sandbox.authorization;

import io.tollgate.common.Sha256;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's demo sign-in page: no password, the person picks which demo user to be. Plain HTML
 * without script, under a Content-Security-Policy that allows only its own style block (by hash)
 * and sending the form to the sandbox and on to the client's registered redirect URI.
 */
final class SignInPage {

    /** The request parameters the form carries to the sign-in POST, as they came. */
    static final List<String> CARRIED = List.of("response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
            "code_challenge", "code_challenge_method");

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1d1d1f}"
            + "h1{font-size:1.4rem}p.note{background:#fff4ce;padding:.6rem .8rem;border-radius:4px}"
            + "label{display:block;padding:.4rem 0}button{margin-top:1rem;padding:.5rem 1.4rem;font-size:1rem}";
    private static final String STYLE_HASH = "'sha256-"
            + Base64.getEncoder().encodeToString(Sha256.digest(STYLE.getBytes(StandardCharsets.UTF_8))) + "'";

    private SignInPage() {
    }

    static String form(Map<String, String> parameters, List<Client> users) {
        StringBuilder html = start("Sign in to the Okta sandbox");
        html.append("<h1>Sign in to the Okta sandbox</h1>")
                .append("<p class=\"note\">Demo only: choose who you are. There is no password; never use the sandbox for anything real.</p>")
                .append("<p>Application <strong>").append(escape(parameters.get("client_id"))).append("</strong> asks you to sign in.</p>")
                .append("<form method=\"post\" action=\"authorize\">");
        for (String name : CARRIED) {
            String value = parameters.get(name);
            if (value != null) {
                html.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(escape(value)).append("\">");
            }
        }
        html.append("<fieldset><legend>Demo users</legend>");
        for (Client user : users) {
            String id = "login-" + user.id();
            html.append("<label for=\"").append(escape(id)).append("\"><input type=\"radio\" required name=\"login\" id=\"")
                    .append(escape(id)).append("\" value=\"").append(escape(user.id())).append("\"> ")
                    .append(escape(user.id()));
            if (!user.groups().isEmpty()) {
                html.append(" <small>(").append(escape(String.join(", ", user.groups()))).append(")</small>");
            }
            html.append("</label>");
        }
        return html.append("</fieldset><button type=\"submit\" id=\"sign-in\">Sign in</button></form></body></html>").toString();
    }

    static String error(String message) {
        return start("Sign-in refused").append("<h1>Sign-in refused</h1><p>").append(escape(message))
                .append("</p></body></html>").toString();
    }

    /** The policy for either page; {@code redirectUri} (once trusted) is where the form may lead after the sandbox. */
    static String contentSecurityPolicy(String redirectUri) {
        String formAction = "'self'";
        if (redirectUri != null) {
            URI uri = URI.create(redirectUri);
            formAction += " " + uri.getScheme() + "://" + uri.getRawAuthority();
        }
        return "default-src 'none'; style-src " + STYLE_HASH + "; form-action " + formAction + "; frame-ancestors 'none'; base-uri 'none'";
    }

    private static StringBuilder start(String title) {
        return new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title><style>").append(STYLE).append("</style></head><body>");
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
