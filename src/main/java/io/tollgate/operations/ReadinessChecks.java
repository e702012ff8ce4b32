package io.tollgate.operations;

import io.tollgate.connection.Connections;
import io.tollgate.identity.IdentitySettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Readiness ({@code /health/ready}): Tollgate can serve only while its database answers, every
 * trusted issuer publishes its keys, and each connection's upstream can be reached. Each check
 * names what it probed in its data, DOWN with a short reason.
 */
@ApplicationScoped
public class ReadinessChecks {

    @Resource(lookup = "jdbc/tollgate")
    DataSource dataSource;

    @Inject
    IdentitySettings identity;

    @Inject
    Connections connections;

    @Inject
    HealthSettings settings;

    private Probes probes;
    private HttpProber http;

    @PostConstruct
    void init() {
        probes = new Probes(settings.cache(), Clock.systemUTC());
        http = new HttpProber(settings.timeout());
    }

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            Probe probe = probes.probe("database", () -> probeDatabase(dataSource, settings.timeout()));
            return withData(HealthCheckResponse.named("database").status(probe.up()), Map.of("jdbc/tollgate", probe));
        };
    }

    /** Without a trusted issuer every request is refused, so that is DOWN too. */
    @Produces
    @Readiness
    HealthCheck identityProviders() {
        return () -> {
            if (identity.issuers().isEmpty()) {
                return withData(HealthCheckResponse.named("identity-providers").down(),
                        Map.of("tollgate.identity.issuers", Probe.unreachable("not set")));
            }
            Map<String, Probe> probed = new TreeMap<>();
            identity.issuers().forEach(issuer -> probed.put(issuer, probes.probe("issuer " + issuer, () -> http.publishesKeys(issuer))));
            return check("identity-providers", probed);
        };
    }

    @Produces
    @Readiness
    HealthCheck upstreams() {
        return () -> {
            Map<String, Probe> probed = new TreeMap<>();
            connections.all().forEach(connection -> probed.put(connection.name(), probes.probe("upstream " + connection.name(),
                    () -> http.answers(URI.create(connection.baseUri() + "/")))));
            return check("upstreams", probed);
        };
    }

    static Probe probeDatabase(DataSource dataSource, Duration timeout) {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(Math.max(1, (int) timeout.toSeconds()))
                    ? Probe.reachable() : Probe.unreachable("the connection did not validate");
        } catch (SQLException e) {
            return Probe.unreachable(e);
        }
    }

    /** UP when every probe is. */
    private static HealthCheckResponse check(String name, Map<String, Probe> probed) {
        return withData(HealthCheckResponse.named(name).status(probed.values().stream().allMatch(Probe::up)), probed);
    }

    private static HealthCheckResponse withData(HealthCheckResponseBuilder response, Map<String, Probe> probed) {
        probed.forEach((what, probe) -> response.withData(what, probe.describe()));
        return response.build();
    }
}
