package io.tollgate.access.control;

import io.tollgate.access.entity.AccessRequest;
import io.tollgate.access.entity.AccessRequestStatus;
import io.tollgate.access.entity.Approval;
import io.tollgate.access.entity.Grant;
import io.tollgate.access.entity.RequestBinding;
import io.tollgate.audit.AuditLog;
import io.tollgate.connection.Connection;
import io.tollgate.connection.ConnectionKind;
import io.tollgate.connection.Connections;
import io.tollgate.identity.AgentIdentity;
import io.tollgate.notification.Notifications;
import io.tollgate.policy.ApprovalSettings;
import io.tollgate.identity.IdentityClaims;
import io.tollgate.policy.Policies;
import io.tollgate.policy.Policy;
import io.tollgate.policy.PolicyRule;
import io.tollgate.policy.catalog.Operation;
import io.tollgate.policy.catalog.OperationCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Access requests from filing to decision. The policy decides what is requestable and who must
 * approve; approvals are counted under a row lock, so concurrent approvers reach one outcome; every
 * transition is an audit event in the same transaction.
 */
@ApplicationScoped
public class AccessRequests {

    @PersistenceContext(unitName = "tollgate")
    EntityManager entityManager;

    @Inject
    AuditLog auditLog;

    @Inject
    Connections connections;

    @Inject
    Policies policies;

    @Inject
    OperationCatalog catalog;

    @Inject
    AccessSettings settings;

    @Inject
    ExpiryTimers expiryTimers;

    @Inject
    Grants grants;

    @Inject
    Notifications notifications;

    /** Files an agent's ask; answers it granted at once, pending, or refuses it (nothing stored, the refusal audited). */
    @Transactional(dontRollbackOn = AccessProblem.class)
    public AccessRequest file(AgentIdentity agent, AccessAsk ask) {
        Connection connection = connections.find(ask.connection() == null ? "" : ask.connection())
                .orElseThrow(() -> AccessProblem.badRequest("connection names no connection: " + ask.connection()));
        if (connection.kind() != ConnectionKind.OKTA) {
            throw AccessProblem.badRequest("grants are for operations of okta connections; '" + connection.name() + "' is an http connection");
        }
        if (ask.operations().isEmpty() && ask.scopes().isEmpty()) {
            throw AccessProblem.badRequest("name the operations and/or Okta scopes you need");
        }
        if (ask.duration() == null || ask.duration().isNegative() || ask.duration().isZero()) {
            throw AccessProblem.badRequest("duration must be a positive ISO-8601 duration such as PT15M");
        }
        Policy policy = policies.current(connection)
                .orElseThrow(() -> refused(agent, ask, "connection '" + connection.name() + "' has no policy in force"));
        Requestable requestable = requestable(agent, ask, policy);
        ApprovalSettings approval = requestable.approval();
        if (approval.reasonRequired() && (ask.reason() == null || ask.reason().isBlank())) {
            throw AccessProblem.badRequest("policy requires a reason for this request");
        }
        Duration duration = min(min(ask.duration(), approval.maxDuration()), settings.maxGrantDuration());
        Instant now = Instant.now();
        AccessRequest request = new AccessRequest(connection.name(), agent.issuer(), agent.subject(), agent.clientId(),
                ask.operations(), ask.scopes(), duration, ask.oneShot(), ask.reason(), requestable.ruleNames(),
                approval.approverGroups(), approval.approvals(), null, now, now.plus(settings.pendingTimeout()));
        entityManager.persist(request);
        auditLog.append("access-request.created", agent.subject(), "access-request:" + request.id(), describe(request).build());
        if (approval.selfService()) {
            approve(request, now, "policy:" + request.rule());
        } else {
            expiryTimers.expireAccessRequest(request.id(), request.pendingUntil());
            notifications.enqueue(request);
        }
        return request;
    }

    /**
     * Files (or finds, when the agent asks again) the pending request for one exact proxied request
     * that policy says a person must approve.
     */
    @Transactional
    public AccessRequest fileHeld(AgentIdentity agent, Connection connection, PolicyRule rule, ApprovalSettings approval,
                                  Operation operation, RequestBinding binding) {
        Optional<AccessRequest> same = entityManager.createQuery("SELECT r FROM AccessRequest r WHERE r.status = :pending"
                        + " AND r.connection = :connection AND r.requesterIssuer = :issuer AND r.requesterSubject = :subject"
                        + " AND r.binding.method = :method AND r.binding.path = :path AND r.binding.query = :query"
                        + " AND r.binding.bodySha256 = :body", AccessRequest.class)
                .setParameter("pending", AccessRequestStatus.PENDING).setParameter("connection", connection.name())
                .setParameter("issuer", agent.issuer()).setParameter("subject", agent.subject())
                .setParameter("method", binding.method()).setParameter("path", binding.path())
                .setParameter("query", binding.query()).setParameter("body", binding.bodySha256())
                .setMaxResults(1).getResultStream().findFirst();
        if (same.isPresent()) {
            return same.get();
        }
        Instant now = Instant.now();
        AccessRequest request = new AccessRequest(connection.name(), agent.issuer(), agent.subject(), agent.clientId(),
                operation == null ? List.of() : List.of(operation.operationId()), List.of(), approval.maxDuration(), true,
                "held request: " + binding.method() + " " + binding.path(), rule.name(), approval.approverGroups(),
                Math.max(1, approval.approvals()), binding, now, now.plus(settings.pendingTimeout()));
        entityManager.persist(request);
        auditLog.append("access-request.created", agent.subject(), "access-request:" + request.id(), describe(request).build());
        expiryTimers.expireAccessRequest(request.id(), request.pendingUntil());
        notifications.enqueue(request);
        return request;
    }

    /** An approver's verdict. The request row is locked, so simultaneous verdicts are counted one after the other. */
    @Transactional(dontRollbackOn = AccessProblem.class)
    public AccessRequest decide(String id, AgentIdentity approver, Approval.Verdict verdict, String comment) {
        AccessRequest request = entityManager.find(AccessRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw AccessProblem.notFound("access request " + id);
        }
        if (request.requesterIssuer().equals(approver.issuer()) && request.requesterSubject().equals(approver.subject())
                || request.requesterClientId() != null && request.requesterClientId().equals(approver.clientId())) {
            throw AccessProblem.forbidden("the requester can never decide its own request");
        }
        if (request.approverGroups().stream().noneMatch(approver.groups()::contains)) {
            throw AccessProblem.forbidden("only members of " + request.approverGroups() + " may decide this request");
        }
        Instant now = Instant.now();
        if (request.status() == AccessRequestStatus.PENDING && !now.isBefore(request.pendingUntil())) {
            expire(request, now);
        }
        if (request.status() != AccessRequestStatus.PENDING) {
            throw AccessProblem.conflict("the request is already " + request.status());
        }
        boolean decidedBefore = !entityManager.createQuery("SELECT a.id FROM Approval a WHERE a.accessRequestId = :id"
                        + " AND a.approverIssuer = :issuer AND a.approverSubject = :subject", String.class)
                .setParameter("id", id).setParameter("issuer", approver.issuer()).setParameter("subject", approver.subject())
                .getResultList().isEmpty();
        if (decidedBefore) {
            throw AccessProblem.conflict("you already decided this request");
        }
        Approval approval = new Approval(id, approver.issuer(), approver.subject(), approver.clientId(), verdict, comment, now);
        entityManager.persist(approval);
        auditLog.append("approval.recorded", approver.subject(), "access-request:" + id, Json.createObjectBuilder()
                .add("verdict", verdict.name()).add("comment", comment == null ? "" : comment).build());
        if (verdict == Approval.Verdict.DENY) {
            request.decide(AccessRequestStatus.DENIED, now, approver.subject());
            auditLog.append("access-request.denied", approver.subject(), "access-request:" + id, describe(request).build());
            notifications.enqueue(request);
        } else if (approvalsOf(id) >= request.approvalsRequired()) {
            approve(request, now, approver.subject());
        }
        return request;
    }

    @Transactional
    public AccessRequest cancel(String id, AgentIdentity caller, boolean operator) {
        AccessRequest request = entityManager.find(AccessRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null || !operator && !isRequester(request, caller)) {
            throw AccessProblem.notFound("access request " + id);
        }
        if (request.status() != AccessRequestStatus.PENDING) {
            throw AccessProblem.conflict("the request is already " + request.status());
        }
        request.decide(AccessRequestStatus.CANCELLED, Instant.now(), caller.subject());
        auditLog.append("access-request.cancelled", caller.subject(), "access-request:" + id, describe(request).build());
        notifications.enqueue(request);
        return request;
    }

    /** Called by the request's timer: a request still pending at its deadline expires. */
    @Transactional
    public void expire(String id) {
        AccessRequest request = entityManager.find(AccessRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (request != null && request.status() == AccessRequestStatus.PENDING) {
            expire(request, Instant.now());
        }
    }

    private void expire(AccessRequest request, Instant now) {
        request.decide(AccessRequestStatus.EXPIRED, now, "tollgate");
        auditLog.append("access-request.expired", "tollgate", "access-request:" + request.id(), describe(request).build());
        notifications.enqueue(request);
    }

    public Optional<AccessRequest> find(String id) {
        return Optional.ofNullable(entityManager.find(AccessRequest.class, id));
    }

    /** Status of a request as stored now, bypassing anything cached: what a waiting client is told. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<AccessRequest> reload(String id) {
        return Optional.ofNullable(entityManager.find(AccessRequest.class, id));
    }

    public List<Approval> approvals(String id) {
        return entityManager.createQuery("SELECT a FROM Approval a WHERE a.accessRequestId = :id ORDER BY a.decidedAt",
                Approval.class).setParameter("id", id).getResultList();
    }

    public List<AccessRequest> list(AccessRequestStatus status, String connection, String requester, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT r FROM AccessRequest r WHERE 1 = 1");
        if (status != null) {
            jpql.append(" AND r.status = :status");
        }
        if (connection != null) {
            jpql.append(" AND r.connection = :connection");
        }
        if (requester != null) {
            jpql.append(" AND r.requesterSubject = :requester");
        }
        var query = entityManager.createQuery(jpql.append(" ORDER BY r.createdAt DESC").toString(), AccessRequest.class);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (connection != null) {
            query.setParameter("connection", connection);
        }
        if (requester != null) {
            query.setParameter("requester", requester);
        }
        return query.setMaxResults(limit).getResultList();
    }

    public static boolean isRequester(AccessRequest request, AgentIdentity caller) {
        return request.requesterIssuer().equals(caller.issuer()) && request.requesterSubject().equals(caller.subject());
    }

    private long approvalsOf(String id) {
        return entityManager.createQuery("SELECT COUNT(a) FROM Approval a WHERE a.accessRequestId = :id AND a.verdict = :approve",
                Long.class).setParameter("id", id).setParameter("approve", Approval.Verdict.APPROVE).getSingleResult();
    }

    private void approve(AccessRequest request, Instant now, String by) {
        request.decide(AccessRequestStatus.APPROVED, now, by);
        auditLog.append("access-request.approved", by, "access-request:" + request.id(), describe(request).build());
        Grant grant = grants.issue(request, now);
        request.granted(grant.id());
        notifications.enqueue(request);
    }

    private record Requestable(ApprovalSettings approval, String ruleNames) {
    }

    /**
     * Every named operation must be grantable to this agent, and every named scope must cover at
     * least one grantable operation. The strictest settings of the rules involved apply: most
     * approvals, shortest maximum, approvers who belong to every rule's approver groups.
     */
    private Requestable requestable(AgentIdentity agent, AccessAsk ask, Policy policy) {
        IdentityClaims claims = agent.claims();
        Map<String, PolicyRule> rules = new LinkedHashMap<>();
        for (String operationId : ask.operations()) {
            Operation operation = catalog.byId(operationId)
                    .orElseThrow(() -> AccessProblem.badRequest("no operation of Okta's Management API is called " + operationId));
            List<PolicyRule> grantable = policy.grantRules(claims, operation);
            if (grantable.isEmpty()) {
                throw refused(agent, ask, "policy grants nobody like you " + operationId);
            }
            grantable.forEach(rule -> rules.putIfAbsent(rule.name(), rule));
        }
        for (String scope : ask.scopes()) {
            if (!catalog.scopes().contains(scope)) {
                throw AccessProblem.badRequest("no operation of Okta's Management API requires the scope " + scope);
            }
            List<PolicyRule> grantable = catalog.requiring(scope).stream()
                    .flatMap(operation -> policy.grantRules(claims, operation).stream()).toList();
            if (grantable.isEmpty()) {
                throw refused(agent, ask, "policy grants nobody like you any operation under " + scope);
            }
            grantable.forEach(rule -> rules.putIfAbsent(rule.name(), rule));
        }
        return new Requestable(strictest(agent, ask, rules.values()), String.join(" ", rules.keySet()));
    }

    private ApprovalSettings strictest(AgentIdentity agent, AccessAsk ask, Collection<PolicyRule> rules) {
        int approvals = 0;
        Duration maxDuration = settings.maxGrantDuration();
        boolean reasonRequired = false;
        Set<String> approvers = null;
        for (PolicyRule rule : rules) {
            ApprovalSettings approval = rule.approval().orElseThrow(() ->
                    new IllegalStateException("grant rule " + rule.name() + " has no approval settings"));
            approvals = Math.max(approvals, approval.approvals());
            maxDuration = min(maxDuration, approval.maxDuration());
            reasonRequired |= approval.reasonRequired();
            if (!approval.selfService()) {
                if (approvers == null) {
                    approvers = new LinkedHashSet<>(approval.approverGroups());
                } else {
                    approvers.retainAll(approval.approverGroups());
                }
            }
        }
        if (approvals > 0 && (approvers == null || approvers.isEmpty())) {
            throw refused(agent, ask, "the rules involved have no approver group in common: ask for their operations separately");
        }
        return new ApprovalSettings(approvers == null ? List.of() : new ArrayList<>(approvers), approvals, maxDuration, reasonRequired);
    }

    /** A refusal is evidence too: it is audited even though nothing else is stored. */
    private AccessProblem refused(AgentIdentity agent, AccessAsk ask, String why) {
        JsonArrayBuilder operations = Json.createArrayBuilder();
        ask.operations().forEach(operations::add);
        JsonArrayBuilder scopes = Json.createArrayBuilder();
        ask.scopes().forEach(scopes::add);
        auditLog.append("access-request.refused", agent.subject(), "connection:" + ask.connection(), Json.createObjectBuilder()
                .add("operations", operations).add("scopes", scopes).add("reason", why).build());
        return AccessProblem.forbidden(why);
    }

    static JsonObjectBuilder describe(AccessRequest request) {
        JsonArrayBuilder operations = Json.createArrayBuilder();
        request.operations().forEach(operations::add);
        JsonArrayBuilder scopes = Json.createArrayBuilder();
        request.scopes().forEach(scopes::add);
        JsonArrayBuilder approvers = Json.createArrayBuilder();
        request.approverGroups().forEach(approvers::add);
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("status", request.status().name())
                .add("connection", request.connection())
                .add("requester", request.requesterSubject())
                .add("operations", operations)
                .add("scopes", scopes)
                .add("duration", request.duration().toString())
                .add("oneShot", request.oneShot())
                .add("rule", request.rule() == null ? "" : request.rule())
                .add("approverGroups", approvers)
                .add("approvalsRequired", request.approvalsRequired());
        if (request.binding() != null) {
            json.add("request", Json.createObjectBuilder().add("method", request.binding().method())
                    .add("path", request.binding().path()).add("query", request.binding().query())
                    .add("bodySha256", request.binding().bodySha256()));
        }
        return json;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
