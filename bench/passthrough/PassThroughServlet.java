package io.tollgate.bench.passthrough;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark's yardstick, never part of Tollgate: what Open Liberty and Apache HttpClient 5 cost
 * to forward a request, with nothing else done. Forwards {@code /pass/...} to the upstream named by
 * the system property {@code passthrough.upstream}, copying headers and streaming bodies both ways
 * with the same pooled client settings as Tollgate's connections.
 */
@WebServlet(urlPatterns = "/pass/*", asyncSupported = true)
public class PassThroughServlet extends HttpServlet {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te", "trailer",
            "upgrade", "proxy-authorization", "proxy-authenticate", "host", "content-length");

    private final HttpHost upstream = HttpHost.create(URI.create(System.getProperty("passthrough.upstream")));
    private final CloseableHttpClient client = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(256).setMaxConnPerRoute(256)
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setSocketTimeout(Timeout.ofSeconds(30)).build())
                    .build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30)).build())
            .disableRedirectHandling().disableCookieManagement().disableContentCompression().disableAuthCaching()
            .build();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String query = request.getQueryString();
        HttpUriRequestBase out = new HttpUriRequestBase(request.getMethod(),
                URI.create(request.getPathInfo() + (query == null ? "" : "?" + query)));
        for (String name : Collections.list(request.getHeaderNames())) {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : Collections.list(request.getHeaders(name))) {
                    out.addHeader(name, value);
                }
            }
        }
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            out.setEntity(new InputStreamEntity(request.getInputStream(), request.getContentLengthLong(), null));
        }
        try (ClassicHttpResponse answer = client.executeOpen(upstream, out, null)) {
            response.setStatus(answer.getCode());
            for (Header header : answer.getHeaders()) {
                if (!HOP_BY_HOP.contains(header.getName().toLowerCase(Locale.ROOT))) {
                    response.addHeader(header.getName(), header.getValue());
                }
            }
            HttpEntity entity = answer.getEntity();
            if (entity != null) {
                if (entity.getContentLength() >= 0) {
                    response.setContentLengthLong(entity.getContentLength());
                }
                try (InputStream body = entity.getContent(); OutputStream agent = response.getOutputStream()) {
                    body.transferTo(agent);
                }
            }
        }
    }

    @Override
    public void destroy() {
        client.close(CloseMode.GRACEFUL);
    }
}
