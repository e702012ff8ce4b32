package io.tollgate.sandbox;

import io.tollgate.sandbox.authorization.AuthorizationServer;
import io.tollgate.sandbox.authorization.ClientRegistry;
import io.tollgate.sandbox.authorization.SigningKey;
import io.tollgate.sandbox.authorization.OrgAuthorizationServer;
import io.tollgate.sandbox.org.Org;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Makes the sandbox's org and authorization server, once, and only when the sandbox is enabled:
 * a disabled sandbox seeds no users and generates no key. Enabled, both are made as the
 * application starts, so the first request does not pay for them and a bad clients file stops the
 * start rather than a later request.
 */
@ApplicationScoped
public class SandboxBeans {

    static final String PACKAGED_CLIENTS = "META-INF/tollgate/sandbox-clients.json";

    private static final Logger LOG = Logger.getLogger(SandboxBeans.class.getName());

    @Inject
    SandboxSettings settings;

    @Inject
    SandboxOrg sandboxOrg;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started,
               Instance<AuthorizationServer> authorizationServer) {
        if (settings.enabled()) {
            sandboxOrg.org();
            authorizationServer.get();
            LOG.info("Okta sandbox enabled at /sandbox/okta, for trials and tests only (demo data and demo credentials)");
        }
    }

    @Produces
    Org org() {
        requireEnabled();
        return sandboxOrg.org();
    }

    @Produces
    @Singleton
    OrgAuthorizationServer orgAuthorizationServer(AuthorizationServer authorizationServer) {
        requireEnabled();
        return new OrgAuthorizationServer(authorizationServer.signingKey(), authorizationServer.clients(),
                sandboxOrg.org().apps(), sandboxOrg.org().log(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    AuthorizationServer authorizationServer() {
        requireEnabled();
        return new AuthorizationServer(settings.issuer(), SigningKey.generate(), clients(), Clock.systemUTC());
    }

    private ClientRegistry clients() {
        if (settings.clientsFile().isPresent()) {
            Path file = Path.of(settings.clientsFile().get());
            try (InputStream json = Files.newInputStream(file)) {
                return ClientRegistry.read(json, file.toString());
            } catch (IOException unreadable) {
                throw new UncheckedIOException("Cannot read the sandbox clients file " + file, unreadable);
            }
        }
        try (InputStream json = SandboxBeans.class.getClassLoader().getResourceAsStream(PACKAGED_CLIENTS)) {
            if (json == null) {
                throw new IllegalStateException(PACKAGED_CLIENTS + " is missing from the application");
            }
            return ClientRegistry.read(json, PACKAGED_CLIENTS);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Cannot read " + PACKAGED_CLIENTS, unreadable);
        }
    }

    /** The gate answers 404 before any resource runs while disabled; this keeps that promise if it ever did not. */
    private void requireEnabled() {
        if (!settings.enabled()) {
            throw new IllegalStateException("The Okta sandbox is disabled (tollgate.sandbox.enabled=false)");
        }
    }
}
