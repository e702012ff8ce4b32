package io.tollgate.proxy;

import io.tollgate.connection.Connection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One pooled HTTP client per connection, built for proxying: it streams both ways, never follows
 * redirects, keeps no cookies, leaves bodies encoded as they are, and retries nothing the upstream
 * may have acted on (see {@link StaleConnectionRetry}).
 */
@ApplicationScoped
public class UpstreamClients {

    @Inject
    @ConfigProperty(name = "tollgate.proxy.max-upstream-connections", defaultValue = "256")
    int maxConnections;

    private final Map<String, CloseableHttpClient> clients = new ConcurrentHashMap<>();

    public CloseableHttpClient clientFor(Connection connection) {
        return clients.computeIfAbsent(connection.name(), name -> newClient(connection));
    }

    private CloseableHttpClient newClient(Connection connection) {
        Timeout connectTimeout = Timeout.of(connection.connectTimeout());
        Timeout responseTimeout = Timeout.of(connection.responseTimeout());
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connectTimeout)
                                .setSocketTimeout(responseTimeout)
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(responseTimeout)
                        .setConnectionRequestTimeout(connectTimeout)
                        .setRedirectsEnabled(false)
                        .build())
                .setRetryStrategy(new StaleConnectionRetry())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .build();
    }

    @PreDestroy
    void close() {
        clients.values().forEach(client -> client.close(CloseMode.GRACEFUL));
    }
}
