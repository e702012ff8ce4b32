package io.tollgate.audit;

import io.tollgate.schema.SchemaMigrations;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention of recorded exchanges on the schema the migrations make (with the outcome's foreign key
 * to its record), against a real Derby: exchanges received before the cutoff go with their outcomes
 * and masked counts, later ones stay whole and read back through the entities, and the purge is an
 * audit event.
 */
class ExchangePurgeDatabaseTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(30));

    private EntityManagerFactory factory;
    private EntityManager entityManager;
    private AuditPurge purge;

    @BeforeEach
    void migratedDatabase() {
        System.setProperty("derby.stream.error.file", "target/derby.log");
        String name = "memory:purge-" + UUID.randomUUID();
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(name);
        dataSource.setCreateDatabase("create");
        SchemaMigrations.migrate(dataSource);
        factory = Persistence.createEntityManagerFactory("audit-test", Map.of(
                "jakarta.persistence.jdbc.url", "jdbc:derby:" + name,
                "jakarta.persistence.schema-generation.database.action", "none"));
        entityManager = factory.createEntityManager();
        AuditLog auditLog = new AuditLog();
        auditLog.entityManager = entityManager;
        auditLog.chains = new AuditChains();
        auditLog.chains.entityManager = entityManager;
        auditLog.configuredChain = Optional.of("purge-test");
        auditLog.nameChain();
        purge = new AuditPurge();
        purge.entityManager = entityManager;
        purge.auditLog = auditLog;
    }

    @AfterEach
    void close() {
        entityManager.close();
        factory.close();
    }

    @Test
    void exchangesBeforeTheCutoffGoWithTheirOutcomesAndMaskedCounts() {
        String oldForwarded = forwarded(NOW.minus(Duration.ofDays(40)), Map.of("okta-secrets", 2L));
        String oldRefused = refused(NOW.minus(Duration.ofDays(35)));
        String oldUnfinished = record(NOW.minus(Duration.ofDays(31))).id();
        String recent = forwarded(NOW.minus(Duration.ofDays(1)), Map.of("okta-secrets", 1L, "emails", 3L));

        inTransaction(em -> purge.purgeExchanges(CUTOFF));

        assertEquals(List.of(recent), ids("SELECT ID FROM EXCHANGE"));
        assertEquals(List.of(recent), ids("SELECT EXCHANGE_ID FROM EXCHANGE_OUTCOME"));
        assertEquals(List.of(recent, recent), ids("SELECT EXCHANGE_ID FROM EXCHANGE_MASKED"));
        Exchange kept = entityManager.find(Exchange.class, recent);
        assertEquals("forwarded", kept.outcome());
        assertEquals(Map.of("okta-secrets", 1L, "emails", 3L), kept.masked());
        assertEquals("[{\"id\":\"00u1\"}]", kept.responseBody().text());
        List<AuditEvent> purged = entityManager.createQuery("SELECT e FROM AuditEvent e WHERE e.type = 'exchanges.purged'",
                AuditEvent.class).getResultList();
        assertEquals(1, purged.size());
        assertTrue(purged.get(0).details().contains("\"exchanges\":3"), purged.get(0).details());
        assertTrue(List.of(oldForwarded, oldRefused, oldUnfinished).stream().noneMatch(id -> entityManager.find(Exchange.class, id) != null));
    }

    private Exchange record(Instant receivedAt) {
        Exchange record = new Exchange(receivedAt, "okta", "GET", "/api/v1/users", UUID.randomUUID().toString());
        record.requested("limit=1", "[]".getBytes(StandardCharsets.UTF_8));
        inTransaction(em -> em.persist(record));
        return record;
    }

    private String forwarded(Instant receivedAt, Map<String, Long> masked) {
        Exchange record = record(receivedAt);
        ExchangeOutcome outcome = new ExchangeOutcome(record.id(), "forwarded", null, 200, 4, receivedAt.plusMillis(4));
        outcome.answered(200, 15L, "[]".getBytes(StandardCharsets.UTF_8), "okta-request", 3);
        outcome.bodies(null, new RecordedBody("[{\"id\":\"00u1\"}]".getBytes(StandardCharsets.UTF_8), "ab".repeat(32), 15, false), masked);
        inTransaction(em -> em.persist(outcome));
        return record.id();
    }

    private String refused(Instant receivedAt) {
        Exchange record = record(receivedAt);
        inTransaction(em -> em.persist(new ExchangeOutcome(record.id(), "denied", "no rule allows it", 403, 1, receivedAt)));
        return record.id();
    }

    private void inTransaction(Consumer<EntityManager> work) {
        entityManager.getTransaction().begin();
        work.accept(entityManager);
        entityManager.getTransaction().commit();
        entityManager.clear();
    }

    @SuppressWarnings("unchecked")
    private List<String> ids(String query) {
        return (List<String>) entityManager.createNativeQuery(query).getResultList();
    }
}
