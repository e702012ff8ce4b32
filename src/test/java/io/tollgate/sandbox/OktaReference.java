package io.tollgate.sandbox;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Okta's published reference material in {@code okta.reference.dir} (never copied into the
 * project): the OpenAPI spec, to validate answers against its schemas, and the recorded exchanges,
 * to compare shapes with. Absent, the tests that need it are skipped, except under CI.
 */
final class OktaReference {

    /** Names the spec inside the schema registry; nothing is fetched from it. */
    private static final String SPEC_ID = "https://okta.reference/management-openapi.yaml";

    private final Path directory;
    private final SchemaRegistry schemas;
    private final ObjectMapper mapper = new ObjectMapper();

    private OktaReference(Path directory, String spec) {
        this.directory = directory;
        this.schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), builder -> builder.schemas(Map.of(SPEC_ID, spec)));
    }

    static OktaReference require() {
        Path spec = specFile();
        try {
            return new OktaReference(spec.getParent(), Files.readString(spec));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** Okta's OpenAPI spec; absent, the calling test is skipped (failed under CI) with a message naming the path. */
    static Path specFile() {
        Path directory = Path.of(System.getProperty("okta.reference.dir", "../shared/okta"));
        Path spec = directory.resolve("management-openapi.yaml");
        if (!Files.isRegularFile(spec)) {
            String message = "Okta reference material not found at " + directory.toAbsolutePath();
            if (System.getenv("CI") != null) {
                fail(message + " (required under CI)");
            }
            assumeTrue(false, message + "; skipping");
        }
        return spec;
    }

    /** What the spec's schema {@code components/schemas/<name>} finds wrong with {@code value}; empty when valid. */
    List<String> violations(String name, JsonObject value) {
        Schema schema = schemas.getSchema(SchemaLocation.of(SPEC_ID + "#/components/schemas/" + name));
        return schema.validate(mapper.readTree(value.toString())).stream().map(Error::toString).toList();
    }

    /** A user as Okta answered it for a single-user request (user-get.har). */
    JsonObject recordedUser() {
        return recordedResponse("user-get.har", 1);
    }

    /** A group as Okta answered it (group-get.har). */
    JsonObject recordedGroup() {
        return recordedResponse("group-get.har", 1);
    }

    private JsonObject recordedResponse(String har, int entry) {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(directory.resolve("recordings").resolve(har)))) {
            JsonObject response = reader.readObject().getJsonObject("log").getJsonArray("entries").getJsonObject(entry)
                    .getJsonObject("response");
            String text = response.getJsonObject("content").getString("text");
            JsonValue body = Json.createReader(new StringReader(text)).readValue();
            return body.asJsonObject();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
