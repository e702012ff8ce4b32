package io.tollgate.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * Stops and starts the integration-test server itself, for tests of what survives a restart. The
 * server keeps its configuration and database; the build stops it again after the tests.
 */
public final class ItServer {

    private static final String NAME = "tollgate-it";

    private ItServer() {
    }

    public static void stop() {
        run("stop");
    }

    /** {@code kill -9}: the server dies at once, in the middle of whatever it was doing. */
    public static void kill() {
        Path pidFile = Path.of(wlp(), "usr", "servers", ".pid", NAME + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).start();
            if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -9 " + pid + " failed");
            }
            process.onExit().get(1, TimeUnit.MINUTES);
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot kill " + NAME, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + NAME, e);
        }
    }

    /** Starts the server and returns once its proxy answers again. */
    public static void start() {
        run("start");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            HttpResponse<String> answer = Agent.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + ItSettings.httpPort() + "/sandbox/okta/oauth2/default/.well-known/openid-configuration")).GET());
            return answer.statusCode() == 200;
        });
    }

    private static String wlp() {
        String wlp = System.getProperty("tollgate.it.wlp.dir");
        if (wlp == null) {
            throw new IllegalStateException("System property tollgate.it.wlp.dir is not set: run integration tests through failsafe (mvn verify)");
        }
        return wlp;
    }

    private static void run(String action) {
        ProcessBuilder command = new ProcessBuilder(List.of(Path.of(wlp(), "bin", "server").toString(), action, NAME))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        command.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process process = command.start();
            if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("server " + action + " " + NAME + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run server " + action, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during server " + action, e);
        }
    }
}
