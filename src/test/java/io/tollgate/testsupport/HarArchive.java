package io.tollgate.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Okta's recorded exchanges (HAR 1.2) under {@code okta.reference.dir}/recordings, read in place.
 * Where the folder is absent the calling test is skipped with a message naming the path, except
 * when the environment variable {@code CI} is set: there its absence is a failure.
 */
public final class HarArchive {

    /** Okta org hosts (the recorded org answers with its real name in bodies and Link headers). */
    private static final Pattern OKTA_ORG_ORIGIN =
            Pattern.compile("https://[A-Za-z0-9-]+\\.(?:okta|oktapreview|okta-emea)\\.com");

    private final List<HarEntry> entries;
    private final Set<String> orgOrigins;

    private HarArchive(List<HarEntry> entries, Set<String> orgOrigins) {
        this.entries = entries;
        this.orgOrigins = orgOrigins;
    }

    public static HarArchive load() {
        Path recordings = recordingsDirectory();
        List<HarEntry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(recordings)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".har")).sorted().toList()) {
                JsonNode harEntries = Json.MAPPER.readTree(file.toFile()).path("log").path("entries");
                for (int i = 0; i < harEntries.size(); i++) {
                    entries.add(HarEntry.of(file.getFileName().toString(), i + 1, harEntries.get(i)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the recordings in " + recordings, e);
        }
        if (entries.isEmpty()) {
            throw new AssertionError("No recorded exchanges in " + recordings);
        }
        return new HarArchive(List.copyOf(entries), orgOriginsOf(entries));
    }

    public List<HarEntry> entries() {
        return entries;
    }

    /**
     * The origins under which the recorded org appears: the hosts the requests were sent to
     * ({@code https://test.example.com}) and the org's own Okta host found in the answers. Static
     * content hosts (the CDN of group logos) are not the org and are not among them.
     */
    public Set<String> orgOrigins() {
        return orgOrigins;
    }

    /** {@code text} with every org origin replaced by {@code base}. */
    public String withOrgOriginsReplaced(String text, String base) {
        String replaced = text;
        for (String origin : orgOrigins) {
            replaced = replaced.replace(origin, base);
        }
        return replaced;
    }

    private static Set<String> orgOriginsOf(List<HarEntry> entries) {
        Set<String> origins = new TreeSet<>();
        for (HarEntry entry : entries) {
            URI url = entry.url();
            origins.add(url.getScheme() + "://" + url.getRawAuthority());
            Stream.concat(Stream.of(entry.responseBody()), entry.responseHeaders().stream().map(HarEntry.Header::value))
                    .forEach(text -> {
                        Matcher matcher = OKTA_ORG_ORIGIN.matcher(text);
                        while (matcher.find()) {
                            origins.add(matcher.group());
                        }
                    });
        }
        return Set.copyOf(origins);
    }

    private static Path recordingsDirectory() {
        String reference = System.getProperty("okta.reference.dir");
        Path recordings = reference == null ? null : Path.of(reference, "recordings");
        if (recordings == null || !Files.isDirectory(recordings)) {
            String message = "Okta's recorded exchanges are not at " + recordings
                    + " (system property okta.reference.dir = " + reference + ")";
            if (System.getenv("CI") != null) {
                throw new AssertionError(message + ", and CI is set: they must be there");
            }
            Assumptions.abort(message + ": skipping the tests that replay them");
        }
        return recordings;
    }

    /** One recorded request and its response. */
    public record HarEntry(String file, int index, String method, URI url, List<Header> requestHeaders,
                           String requestBody, int status, List<Header> responseHeaders, String responseBody) {

        public record Header(String name, String value) {
        }

        static HarEntry of(String file, int index, JsonNode entry) {
            JsonNode request = entry.path("request");
            JsonNode response = entry.path("response");
            return new HarEntry(file, index,
                    request.path("method").asText(),
                    URI.create(request.path("url").asText()),
                    headers(request.path("headers")),
                    request.path("postData").path("text").asText(""),
                    response.path("status").asInt(),
                    headers(response.path("headers")),
                    response.path("content").path("text").asText(""));
        }

        private static List<Header> headers(JsonNode headers) {
            List<Header> list = new ArrayList<>();
            headers.forEach(h -> list.add(new Header(h.path("name").asText(), h.path("value").asText())));
            return List.copyOf(list);
        }

        /** Path and query as recorded, still percent-encoded. */
        public String rawPathAndQuery() {
            return url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        }

        public List<String> requestHeaderValues(String name) {
            return requestHeaders.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
        }

        public List<String> responseHeaderValues(String name) {
            return responseHeaders.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
        }

        /** This request as an agent sends it through {@code /proxy/{connection}}: method, path and query, body, Accept and Content-Type. */
        public HttpRequest.Builder agentRequest(String connection, String token) {
            HttpRequest.Builder request = Agent.to(connection, rawPathAndQuery(), token)
                    .method(method, requestBody.isEmpty() ? BodyPublishers.noBody() : BodyPublishers.ofString(requestBody));
            for (String name : List.of("Accept", "Content-Type")) {
                requestHeaderValues(name).forEach(value -> request.header(name, value));
            }
            return request;
        }

        /** e.g. {@code list-users.har #3: GET /api/v1/users?limit=200 -> 200}. */
        public String displayName() {
            return file + " #" + index + ": " + method + " " + rawPathAndQuery() + " -> " + status;
        }
    }
}
