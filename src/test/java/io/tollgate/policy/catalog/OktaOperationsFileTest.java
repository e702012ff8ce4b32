package io.tollgate.policy.catalog;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps the committed Okta catalog file in step with Okta's spec: regenerates it in memory and
 * fails, listing what differs, when the two disagree. Skipped without the spec (failed under CI).
 */
class OktaOperationsFileTest {

    @Test
    void committedCatalogFileIsWhatTheSpecGenerates() throws IOException {
        OktaManagementSpec spec = OktaManagementSpec.read(OktaReference.specFile());
        String committed = committedFile();
        String generated = OktaOperationsGenerator.render(spec);
        if (generated.equals(committed)) {
            return;
        }
        List<Operation> fileOperations =
                OperationCatalog.read(new StringReader(committed), OktaOperationCatalog.RESOURCE).operations();
        List<String> differences = differences(fileOperations, spec.operations());
        if (differences.isEmpty()) {
            differences = List.of("  same operations, but the header or the order differs: "
                    + firstDifferentLine(committed, generated));
        }
        fail(OktaOperationCatalog.RESOURCE + " disagrees with Okta's spec " + spec.version() + " in "
                + differences.size() + " place(s); regenerate it from the project root with\n  "
                + OktaOperationsGenerator.COMMAND + "\n" + String.join("\n", differences));
    }

    /* Counted from the spec's text, not through the YAML parser the generator uses. */
    @Test
    void catalogHasAsManyOperationsAsTheSpec() throws IOException {
        Pattern operationKey = Pattern.compile(" {4}(get|put|post|delete|options|head|patch|trace):\\s*");
        List<String> lines = Files.readAllLines(OktaReference.specFile(), StandardCharsets.UTF_8);
        int pathsStart = lines.indexOf("paths:");
        long inSpec = lines.stream()
                .skip(pathsStart + 1)
                .takeWhile(line -> line.isEmpty() || line.startsWith(" "))
                .filter(line -> operationKey.matcher(line).matches())
                .count();

        assertEquals(inSpec, OktaOperationCatalog.get().size());
    }

    private static String committedFile() throws IOException {
        ClassLoader classLoader = OktaOperationCatalog.class.getClassLoader();
        try (InputStream in = classLoader.getResourceAsStream(OktaOperationCatalog.RESOURCE)) {
            assertNotNull(in, OktaOperationCatalog.RESOURCE + " is not on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> differences(List<Operation> inFile, List<Operation> inSpec) {
        Map<String, Operation> file = byId(inFile);
        Map<String, Operation> generated = byId(inSpec);
        List<String> differences = new ArrayList<>();
        generated.forEach((id, operation) -> {
            Operation committed = file.get(id);
            if (committed == null) {
                differences.add("  missing from the file: " + operation);
            } else if (!committed.equals(operation)) {
                differences.add("  changed in the spec: " + committed + " is now " + operation);
            }
        });
        file.forEach((id, operation) -> {
            if (!generated.containsKey(id)) {
                differences.add("  no longer in the spec: " + operation);
            }
        });
        return differences;
    }

    private static Map<String, Operation> byId(List<Operation> operations) {
        Map<String, Operation> byId = new LinkedHashMap<>();
        operations.forEach(operation -> byId.put(operation.operationId(), operation));
        return byId;
    }

    private static String firstDifferentLine(String committed, String generated) {
        List<String> file = committed.lines().toList();
        List<String> spec = generated.lines().toList();
        for (int i = 0; i < Math.max(file.size(), spec.size()); i++) {
            String fileLine = i < file.size() ? file.get(i) : "(end of file)";
            String specLine = i < spec.size() ? spec.get(i) : "(end of file)";
            if (!Objects.equals(fileLine, specLine)) {
                return "line " + (i + 1) + " is '" + fileLine + "', expected '" + specLine + "'";
            }
        }
        return "line endings differ";
    }
}
