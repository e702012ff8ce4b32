package io.tollgate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A Tollgate server besides {@code tollgate-it}, made by a test from the build's Liberty runtime
 * ({@code tollgate.it.wlp.dir}): the project's server configuration, the built WAR, and the
 * bootstrap properties the test gives. It can be stopped cleanly or killed like a crashed process.
 */
public final class ExtraServer {

    private final String name;
    private final int httpPort;
    private final Path wlp;
    private final Path directory;

    private ExtraServer(String name, int httpPort, Path wlp) {
        this.name = name;
        this.httpPort = httpPort;
        this.wlp = wlp;
        this.directory = wlp.resolve("usr/servers").resolve(name);
    }

    /** Makes the server afresh (an earlier run's directory is removed) with these bootstrap properties. */
    public static ExtraServer create(String name, int httpPort, Map<String, String> bootstrapProperties) {
        ExtraServer server = new ExtraServer(name, httpPort, Path.of(property("tollgate.it.wlp.dir")));
        try {
            server.layOut(bootstrapProperties);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create server " + name, e);
        }
        return server;
    }

    private void layOut(Map<String, String> bootstrapProperties) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> old = Files.walk(directory)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(directory.resolve("apps"));
        try (DirectoryStream<Path> config = Files.newDirectoryStream(Path.of(property("tollgate.it.config.dir")), "*.xml")) {
            for (Path file : config) {
                Files.copy(file, directory.resolve(file.getFileName()));
            }
        }
        Files.copy(Path.of(property("tollgate.it.war")), directory.resolve("apps/tollgate.war"), StandardCopyOption.REPLACE_EXISTING);
        StringBuilder bootstrap = new StringBuilder();
        bootstrapProperties.forEach((key, value) -> bootstrap.append(key).append('=').append(value).append('\n'));
        Files.writeString(directory.resolve("bootstrap.properties"), bootstrap, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("jvm.options"), "-Xmx" + ItSettings.serverMaxHeapMb() + "m\n", StandardCharsets.UTF_8);
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    /** Starts the server in the background; {@link #awaitReady()} waits for the application. */
    public void start() {
        ItServer.run("start", name);
    }

    /** Returns once Tollgate's API answers (401 without a token): the application has started. */
    public void awaitReady() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            HttpResponse<String> answer = Agent.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/grants")).GET());
            return answer.statusCode() == 401;
        });
    }

    public void stop() {
        ItServer.run("stop", name);
    }

    /** Kills the server's JVM outright (SIGKILL), as a crash would: no shutdown, nothing cleaned up. */
    public void kill() {
        Path pidFile = wlp.resolve("usr/servers/.pid").resolve(name + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(name + " is not running"));
            process.destroyForcibly();
            process.onExit().get(1, TimeUnit.MINUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the process id of " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing " + name, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot kill " + name, e);
        }
    }

    /** What the server wrote to messages.log so far. */
    public String messages() {
        try {
            return Files.readString(directory.resolve("logs/messages.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the messages of " + name, e);
        }
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: run integration tests through failsafe (mvn verify)");
        }
        return value;
    }
}
