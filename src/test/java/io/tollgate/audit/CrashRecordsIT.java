package io.tollgate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.testsupport.Agent;
import io.tollgate.testsupport.ItServer;
import io.tollgate.testsupport.Json;
import io.tollgate.testsupport.RecordedRequest;
import io.tollgate.testsupport.TestTokens;
import io.tollgate.testsupport.TollgateApiClient;
import io.tollgate.testsupport.UpstreamStub;
import io.tollgate.testsupport.UpstreamStubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, faults: {@code kill -9} of the server under load. After the restart, every request the
 * upstream received has its request record, because the record is committed before forwarding.
 */
@ExtendWith(UpstreamStubExtension.class)
class CrashRecordsIT {

    private static final int CLIENTS = 8;

    @Test
    void everyRequestTheUpstreamReceivedIsRecordedAfterAKillDashNine(UpstreamStub stub) throws Exception {
        stub.respondWith((request, reply) -> reply.send(200, "application/json", "{}"));
        String subject = "crash-" + UUID.randomUUID();
        String token = TestTokens.agent("agents-readonly").subject(subject).mint();
        AtomicInteger sequence = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            load.submit(() -> {
                while (running.get()) {
                    try {
                        Agent.send(Agent.to("stub", "/api/v1/users?n=" + sequence.incrementAndGet(), token).GET());
                    } catch (RuntimeException refusedOrCut) {
                        // while the server dies, requests fail: that is expected
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> stub.upstreamRequests().size() >= 200);

        ItServer.kill();
        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(1, TimeUnit.MINUTES));
        Set<String> received = new HashSet<>();
        for (RecordedRequest request : stub.upstreamRequests()) {
            received.add(request.rawQuery());
        }
        ItServer.start();

        String admin = TollgateApiClient.adminToken();
        JsonNode sessions = Json.read(TollgateApiClient.get("sessions?subject=" + subject, admin).body());
        Set<String> recorded = new HashSet<>();
        for (JsonNode session : sessions) {
            for (JsonNode exchange : Json.read(TollgateApiClient.get("sessions/" + session.path("id").asText(), admin).body())
                    .path("exchanges")) {
                recorded.add(exchange.path("query").asText());
            }
        }
        Set<String> unrecorded = new HashSet<>(received);
        unrecorded.removeAll(recorded);
        assertTrue(received.size() >= 200, "load reached the upstream: " + received.size());
        assertTrue(unrecorded.isEmpty(), unrecorded.size() + " of " + received.size() + " requests reached the upstream unrecorded: " + unrecorded);
    }
}
