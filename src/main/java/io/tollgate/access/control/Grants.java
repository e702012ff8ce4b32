package io.tollgate.access.control;

import io.tollgate.access.entity.AccessRequest;
import io.tollgate.access.entity.Grant;
import io.tollgate.access.entity.GrantStatus;
import io.tollgate.access.entity.RequestBinding;
import io.tollgate.audit.AuditLog;
import io.tollgate.identity.AgentIdentity;
import io.tollgate.policy.catalog.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Grants: issued only when an access request is approved, honoured only while active and before
 * their expiry (whatever the timers do), consumed atomically when one-shot, revocable at once.
 */
@ApplicationScoped
public class Grants {

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    @Inject
    AuditLog auditLog;

    @Inject
    ExpiryTimers expiryTimers;

    /** Joins the approving transaction: the grant, its timer and its audit event commit with the approval. */
    @Transactional(Transactional.TxType.MANDATORY)
    Grant issue(AccessRequest request, Instant now) {
        Grant grant = new Grant(request, now, now.plus(request.duration()));
        entityManager.persist(grant);
        auditLog.append("grant.issued", "tollgate", "grant:" + grant.id(), describe(grant).build());
        expiryTimers.expireGrant(grant.id(), grant.expiresAt());
        return grant;
    }

    /**
     * The grant under which this agent's request may pass, if any: an active grant covering the
     * operation (or, for a request a person approved, bound to exactly this request). A one-shot
     * grant is used up here, in its own committed transaction: of any number of concurrent
     * requests, exactly one gets it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Grant> admit(AgentIdentity agent, String connection, Operation operation, RequestBinding binding) {
        Instant now = Instant.now();
        List<Grant> candidates = entityManager.createQuery("SELECT g FROM Grant g WHERE g.connection = :connection"
                        + " AND g.holderIssuer = :issuer AND g.holderSubject = :subject AND g.status = :active"
                        + " AND g.notBefore <= :now AND g.expiresAt > :now ORDER BY g.expiresAt", Grant.class)
                .setParameter("connection", connection).setParameter("issuer", agent.issuer())
                .setParameter("subject", agent.subject()).setParameter("active", GrantStatus.ACTIVE)
                .setParameter("now", now).getResultList();
        for (Grant grant : candidates) {
            if (!covers(grant, operation, binding)) {
                continue;
            }
            if (!grant.oneShot()) {
                return Optional.of(grant);
            }
            int taken = entityManager.createQuery("UPDATE Grant g SET g.status = :used, g.endedAt = :now, g.endedBy = :by"
                            + " WHERE g.id = :id AND g.status = :active")
                    .setParameter("used", GrantStatus.USED).setParameter("now", now).setParameter("by", agent.subject())
                    .setParameter("id", grant.id()).setParameter("active", GrantStatus.ACTIVE).executeUpdate();
            if (taken == 1) {
                auditLog.append("grant.used", agent.subject(), "grant:" + grant.id(), describe(grant).add("status", "USED").build());
                return Optional.of(grant);
            }
        }
        return Optional.empty();
    }

    private static boolean covers(Grant grant, Operation operation, RequestBinding binding) {
        if (grant.binding() != null) {
            return grant.binding().sameAs(binding);
        }
        if (operation == null) {
            return false;
        }
        return grant.operations().contains(operation.operationId())
                || !operation.scopes().isEmpty() && grant.scopes().containsAll(operation.scopes());
    }

    @Transactional
    public Grant revoke(String id, AgentIdentity caller, boolean operator) {
        Grant grant = entityManager.find(Grant.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (grant == null || !operator && !isHolder(grant, caller)) {
            throw AccessProblem.notFound("grant " + id);
        }
        if (grant.status() != GrantStatus.ACTIVE) {
            throw AccessProblem.conflict("the grant is already " + grant.status());
        }
        grant.end(GrantStatus.REVOKED, Instant.now(), caller.subject());
        auditLog.append("grant.revoked", caller.subject(), "grant:" + id, describe(grant).build());
        return grant;
    }

    /** Called by the grant's timer. */
    @Transactional
    public void expire(String id) {
        Grant grant = entityManager.find(Grant.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (grant != null && grant.status() == GrantStatus.ACTIVE) {
            grant.end(GrantStatus.EXPIRED, Instant.now(), "tollgate");
            auditLog.append("grant.expired", "tollgate", "grant:" + id, describe(grant).build());
        }
    }

    public Optional<Grant> find(String id) {
        return Optional.ofNullable(entityManager.find(Grant.class, id));
    }

    public List<Grant> list(GrantStatus status, String connection, String holder, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT g FROM Grant g WHERE 1 = 1");
        if (status != null) {
            jpql.append(" AND g.status = :status");
        }
        if (connection != null) {
            jpql.append(" AND g.connection = :connection");
        }
        if (holder != null) {
            jpql.append(" AND g.holderSubject = :holder");
        }
        var query = entityManager.createQuery(jpql.append(" ORDER BY g.notBefore DESC").toString(), Grant.class);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (connection != null) {
            query.setParameter("connection", connection);
        }
        if (holder != null) {
            query.setParameter("holder", holder);
        }
        return query.setMaxResults(limit).getResultList();
    }

    public static boolean isHolder(Grant grant, AgentIdentity caller) {
        return grant.holderIssuer().equals(caller.issuer()) && grant.holderSubject().equals(caller.subject());
    }

    static JsonObjectBuilder describe(Grant grant) {
        JsonArrayBuilder operations = Json.createArrayBuilder();
        grant.operations().forEach(operations::add);
        JsonArrayBuilder scopes = Json.createArrayBuilder();
        grant.scopes().forEach(scopes::add);
        return Json.createObjectBuilder()
                .add("accessRequest", grant.accessRequestId())
                .add("connection", grant.connection())
                .add("holder", grant.holderSubject())
                .add("operations", operations)
                .add("scopes", scopes)
                .add("oneShot", grant.oneShot())
                .add("notBefore", grant.notBefore().toString())
                .add("expiresAt", grant.expiresAt().toString())
                .add("status", grant.status().name());
    }
}
