package io.tollgate.audit;

import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6, acceptance 3, against a real Derby database: an untouched chain verifies (also after a
 * retention purge); editing, deleting or reordering a row, removing the newest rows or forging the
 * checkpoint is detected, and the verification names the row.
 */
class AuditChainDatabaseTest {

    private static final String CHAIN = "test-host/tollgate:9080";

    private EntityManagerFactory factory;
    private EntityManager entityManager;
    private AuditLog auditLog;
    private AuditVerification verification;
    private AuditPurge purge;
    private final List<AuditEvent> events = new ArrayList<>();

    @BeforeEach
    void chainOfTenEvents() {
        factory = Persistence.createEntityManagerFactory("audit-test",
                Map.of("jakarta.persistence.jdbc.url", "jdbc:derby:memory:audit-" + UUID.randomUUID() + ";create=true"));
        entityManager = factory.createEntityManager();
        auditLog = new AuditLog();
        auditLog.entityManager = entityManager;
        auditLog.chains = new AuditChains();
        auditLog.chains.entityManager = entityManager;
        auditLog.configuredChain = Optional.of(CHAIN);
        auditLog.nameChain();
        CheckpointSigner signer = new CheckpointSigner();
        signer.key = Optional.of("a-checkpoint-key-only-the-servers-hold");
        signer.load();
        verification = new AuditVerification();
        verification.entityManager = entityManager;
        verification.signer = signer;
        purge = new AuditPurge();
        purge.entityManager = entityManager;
        purge.signer = signer;
        purge.auditLog = auditLog;
        for (int i = 1; i <= 10; i++) {
            int number = i;
            inTransaction(em -> events.add(auditLog.append("test.event", "tester", "thing:" + number,
                    Json.createObjectBuilder().add("number", number).build())));
        }
    }

    @AfterEach
    void close() {
        entityManager.close();
        factory.close();
    }

    private void inTransaction(Consumer<EntityManager> work) {
        entityManager.getTransaction().begin();
        work.accept(entityManager);
        entityManager.getTransaction().commit();
        entityManager.clear();
    }

    private void sql(String statement, Object... parameters) {
        inTransaction(em -> {
            var query = em.createNativeQuery(statement);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            assertTrue(query.executeUpdate() > 0, statement);
        });
    }

    private BrokenLink onlyBrokenLink() {
        AuditVerification.Result result = verification.verify();
        assertFalse(result.intact());
        assertEquals(1, result.brokenLinks().size());
        return result.brokenLinks().get(0);
    }

    @Test
    void anUntouchedChainVerifies() {
        AuditVerification.Result result = verification.verify();

        assertTrue(result.intact(), result::toString);
        assertEquals(10, result.eventsChecked());
        assertEquals(List.of(CHAIN), result.chains());
    }

    @Test
    void anEditedRowIsNamed() {
        sql("UPDATE AUDIT_EVENT SET DETAILS = ? WHERE ID = ?", "{\"number\":99}", events.get(4).id());

        BrokenLink broken = onlyBrokenLink();

        assertEquals(5, broken.sequence());
        assertEquals(events.get(4).id(), broken.eventId());
        assertTrue(broken.problem().contains("altered"), broken.problem());
    }

    @Test
    void anEditedRowWithARecomputedHashBreaksTheNextLink() {
        AuditEvent original = events.get(3);
        sql("UPDATE AUDIT_EVENT SET ACTOR = ?, HASH = ? WHERE ID = ?", "mallory", "f".repeat(64), original.id());

        BrokenLink broken = onlyBrokenLink();

        assertEquals(4, broken.sequence(), "the edited event no longer matches its hash");
    }

    @Test
    void aDeletedRowIsNamed() {
        sql("DELETE FROM AUDIT_EVENT WHERE ID = ?", events.get(6).id());

        BrokenLink broken = onlyBrokenLink();

        assertEquals(7, broken.sequence());
        assertTrue(broken.problem().contains("missing"), broken.problem());
    }

    @Test
    void reorderedRowsAreNamed() {
        sql("UPDATE AUDIT_EVENT SET SEQUENCE_NUMBER = -1 WHERE ID = ?", events.get(2).id());
        sql("UPDATE AUDIT_EVENT SET SEQUENCE_NUMBER = 3 WHERE ID = ?", events.get(3).id());
        sql("UPDATE AUDIT_EVENT SET SEQUENCE_NUMBER = 4 WHERE ID = ?", events.get(2).id());

        BrokenLink broken = onlyBrokenLink();

        assertEquals(3, broken.sequence());
        assertEquals(events.get(3).id(), broken.eventId());
    }

    @Test
    void removingTheNewestRowsIsDetected() {
        sql("DELETE FROM AUDIT_EVENT WHERE SEQUENCE_NUMBER > 8");

        BrokenLink broken = onlyBrokenLink();

        assertTrue(broken.problem().contains("removed from its end"), broken.problem());
    }

    /** The interleaving a full run once hit: the heads are read, then an event is appended, then the events are walked. */
    @Test
    void anEventAppendedAfterTheHeadWasReadIsLeftToTheNextVerification() {
        inTransaction(em -> auditLog.append("test.event", "tester", "thing:11", Json.createObjectBuilder().add("number", 11).build()));
        sql("UPDATE AUDIT_CHAIN SET LAST_SEQUENCE = 10, LAST_HASH = ? WHERE NAME = ?", events.get(9).hash(), CHAIN);

        AuditVerification.Result result = verification.verify();

        assertTrue(result.intact(), result::toString);
        assertEquals(10, result.eventsChecked(), "the walk stops at the head it read");
    }

    @Test
    void theRemainingChainVerifiesAfterAPurgeAndAForgedCheckpointDoesNot() {
        Instant cutoff = events.get(5).occurredAt().plusMillis(1);
        inTransaction(em -> purge.purgeChain(CHAIN, cutoff));

        AuditVerification.Result afterPurge = verification.verify();
        assertTrue(afterPurge.intact(), afterPurge::toString);
        assertTrue(afterPurge.eventsChecked() < 10 + 1, "older events are gone: " + afterPurge.eventsChecked());

        sql("UPDATE AUDIT_CHECKPOINT SET SEQUENCE_NUMBER = SEQUENCE_NUMBER - 1");
        assertTrue(onlyBrokenLink().problem().contains("signature"));
    }
}
