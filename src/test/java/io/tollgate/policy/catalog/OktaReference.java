package io.tollgate.policy.catalog;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests find Okta's published reference material: the folder named by the system property
 * {@code okta.reference.dir} (the pom sets it), else {@code ../shared/okta} from the working
 * directory. Without it the test is skipped, naming the path; under CI (environment variable
 * {@code CI} set) it fails instead, since there the material must be present.
 */
final class OktaReference {

    static final String DIRECTORY_PROPERTY = "okta.reference.dir";
    static final String DEFAULT_DIRECTORY = "../shared/okta";
    static final String SPEC_FILE = "management-openapi.yaml";

    private OktaReference() {
    }

    static Path directory() {
        return Path.of(System.getProperty(DIRECTORY_PROPERTY, DEFAULT_DIRECTORY)).toAbsolutePath().normalize();
    }

    /** Okta's Management API spec, or the test is skipped (failed under CI) when the folder is absent. */
    static Path specFile() {
        Path directory = directory();
        if (!Files.isDirectory(directory)) {
            String message = "Okta reference folder " + directory + " is absent (system property "
                    + DIRECTORY_PROPERTY + ")";
            if (System.getenv("CI") != null) {
                Assertions.fail(message + "; it is required when CI is set");
            }
            Assumptions.abort(message + "; skipping the test that needs it");
        }
        Path spec = directory.resolve(SPEC_FILE);
        Assertions.assertTrue(Files.isRegularFile(spec), "Okta reference folder " + directory + " has no " + SPEC_FILE);
        return spec;
    }
}
