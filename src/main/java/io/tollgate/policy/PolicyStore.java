package io.tollgate.policy;

import io.tollgate.audit.AuditLog;
import io.tollgate.common.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Policy versions in the database, each new one recorded in the audit log in the same transaction. */
@ApplicationScoped
public class PolicyStore {

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    @Inject
    AuditLog auditLog;

    public Optional<PolicyVersion> latest(String connection) {
        return latestWhere(connection, null);
    }

    /** The newest version that came from the given source, for example a file in the policy directory. */
    public Optional<PolicyVersion> latestFrom(String connection, String source) {
        return latestWhere(connection, source);
    }

    private Optional<PolicyVersion> latestWhere(String connection, String source) {
        String jpql = "SELECT p FROM PolicyVersion p WHERE p.connection = :connection"
                + (source == null ? "" : " AND p.source = :source") + " ORDER BY p.version DESC";
        var query = entityManager.createQuery(jpql, PolicyVersion.class).setParameter("connection", connection);
        if (source != null) {
            query.setParameter("source", source);
        }
        List<PolicyVersion> versions = query.setMaxResults(1).getResultList();
        return versions.stream().findFirst();
    }

    /** A cheap check, made often: has the policy in force changed? */
    public int latestVersionNumber(String connection) {
        Integer latest = entityManager.createQuery(
                        "SELECT MAX(p.version) FROM PolicyVersion p WHERE p.connection = :connection", Integer.class)
                .setParameter("connection", connection).getSingleResult();
        return latest == null ? 0 : latest;
    }

    @Transactional
    public PolicyVersion save(String connection, String document, String source, String actor) {
        int previous = latestVersionNumber(connection);
        PolicyVersion version = new PolicyVersion(connection, previous + 1, document, digest(document), source,
                Instant.now(), actor);
        entityManager.persist(version);
        // Surfaces a concurrent save of the same version number here, as a PersistenceException, not at commit.
        entityManager.flush();
        auditLog.append("policy.replaced", actor, "connection:" + connection, Json.createObjectBuilder()
                .add("connection", connection)
                .add("version", version.version())
                .add("previousVersion", previous)
                .add("source", source)
                .add("digest", version.digest())
                .build());
        return version;
    }

    public static String digest(String document) {
        return Sha256.hex(document);
    }
}
