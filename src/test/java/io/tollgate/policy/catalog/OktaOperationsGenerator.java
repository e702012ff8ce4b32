package io.tollgate.policy.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the Okta operation catalog file ({@link OktaOperationCatalog#RESOURCE}) from Okta's
 * OpenAPI spec. Run from the project root with {@value #COMMAND}; optional arguments: the spec
 * file (default: {@code management-openapi.yaml} in {@code -Dokta.reference.dir}, else in
 * {@code ../shared/okta}) and the catalog file to write (default: under {@code src/main/resources}).
 * {@link OktaOperationsFileTest} fails while the committed file and the spec disagree.
 */
public final class OktaOperationsGenerator {

    static final String COMMAND = "./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java"
            + " -Dexec.classpathScope=test -Dexec.mainClass=io.tollgate.policy.catalog.OktaOperationsGenerator";
    static final Path DEFAULT_OUTPUT = Path.of("src/main/resources").resolve(OktaOperationCatalog.RESOURCE);

    private OktaOperationsGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 2) {
            throw new IllegalArgumentException("Usage: OktaOperationsGenerator [spec file] [catalog file]");
        }
        Path spec = args.length > 0 ? Path.of(args[0]) : OktaReference.directory().resolve(OktaReference.SPEC_FILE);
        Path output = args.length > 1 ? Path.of(args[1]) : DEFAULT_OUTPUT;
        if (!Files.isRegularFile(spec)) {
            throw new IllegalArgumentException("Okta's spec not found at " + spec.toAbsolutePath()
                    + " (give its path, or the folder as -D" + OktaReference.DIRECTORY_PROPERTY + ")");
        }
        OktaManagementSpec parsed = OktaManagementSpec.read(spec);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, render(parsed), StandardCharsets.UTF_8);
        System.out.println("Wrote " + parsed.operations().size() + " operations of Okta Management API "
                + parsed.version() + " to " + output.toAbsolutePath());
    }

    /** The catalog file's text, in the format {@link OperationCatalog#read} reads. */
    static String render(OktaManagementSpec spec) {
        StringBuilder text = new StringBuilder()
                .append("# Okta Management API operations, from Okta's OpenAPI spec ").append(OktaReference.SPEC_FILE)
                .append(" version ").append(spec.version()).append(". Generated: do not edit.\n")
                .append("# Regenerate from the project root: ").append(COMMAND).append('\n')
                .append("# Tab-separated: operationId, method, path template, OAuth 2.0 scopes all required")
                .append(" (space-separated, empty for none). Sorted by path template, then method.\n");
        for (Operation operation : spec.operations()) {
            text.append(String.join("\t", List.of(operation.operationId(), operation.method(),
                    operation.pathTemplate(), String.join(" ", operation.scopes())))).append('\n');
        }
        return text.toString();
    }
}
