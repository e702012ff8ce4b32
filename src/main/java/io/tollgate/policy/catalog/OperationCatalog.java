package io.tollgate.policy.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The operations of one upstream API, and the resolution of a request (method and canonical path)
 * to the one operation it performs.
 *
 * <h2>Resolution</h2>
 * A path matches a template when it has as many segments and every literal segment of the template
 * equals the path's segment exactly (case-sensitive); a {@code {variable}} matches any non-empty
 * segment. When several templates of the method match, the one whose first literal/variable
 * difference, reading from the left, is a literal wins: {@code /api/v1/groups/rules} is
 * {@code listGroupRules}, not {@code getGroup} with {@code groupId = rules}, and
 * {@code /api/v1/groups/rules/users} is {@code getGroupRule}, not {@code listGroupUsers}. Two
 * templates of one method that are alike but for variable names would make a tie; a catalog
 * refuses them, so every request resolves to one operation or to none.
 * <p>
 * The path is the one the proxy has already decoded and canonicalized: it starts with
 * {@code /}, has no query string, no empty, {@code .} or {@code ..} segments. A trailing slash
 * is not ignored: it leaves an empty last segment, which no template matches, so
 * {@code /api/v1/users/} resolves to no operation (and is denied unless a rule names it), since
 * a path read two ways by two parties is what a gateway must not allow. Methods are compared
 * exactly as sent ({@code GET}, not {@code get}); a method the API does not define for the path,
 * {@code HEAD} or {@code OPTIONS} included, resolves to none.
 * <p>
 * Lookup walks a segment tree per method, trying a literal child before the variable child and
 * backtracking only where a literal branch dead-ends, so its cost follows the path's depth and the
 * few templates that overlap along it, not the catalog's size.
 * <p>
 * Instances are immutable and safe to share between threads.
 */
public final class OperationCatalog {

    private final List<Operation> operations;
    private final Map<String, Operation> byId;
    private final Map<String, Node> treeByMethod;
    private final Map<String, List<Operation>> byScope;
    private final SortedSet<String> scopes;

    private OperationCatalog(List<Operation> operations) {
        this.operations = List.copyOf(operations);
        Map<String, Operation> ids = new HashMap<>();
        Map<String, Node> trees = new HashMap<>();
        Map<String, List<Operation>> operationsByScope = new HashMap<>();
        for (Operation operation : this.operations) {
            Operation sameId = ids.putIfAbsent(operation.operationId(), operation);
            if (sameId != null) {
                throw new IllegalArgumentException("Duplicate operationId " + operation.operationId() + ": "
                        + describe(sameId) + " and " + describe(operation));
            }
            trees.computeIfAbsent(operation.method(), method -> new Node()).insert(operation);
            for (String scope : operation.scopes()) {
                operationsByScope.computeIfAbsent(scope, s -> new ArrayList<>()).add(operation);
            }
        }
        this.byId = Map.copyOf(ids);
        this.treeByMethod = Map.copyOf(trees);
        operationsByScope.replaceAll((scope, list) -> List.copyOf(list));
        this.byScope = Map.copyOf(operationsByScope);
        this.scopes = Collections.unmodifiableSortedSet(new TreeSet<>(operationsByScope.keySet()));
    }

    /**
     * A catalog of these operations, in this order.
     *
     * @throws IllegalArgumentException when two share an operationId, or two of one method have
     *                                  templates alike but for variable names (a request could be either)
     */
    public static OperationCatalog of(Collection<Operation> operations) {
        return new OperationCatalog(new ArrayList<>(operations));
    }

    /**
     * Reads a catalog file: UTF-8 lines of {@code operationId TAB method TAB pathTemplate TAB scopes}
     * where scopes are separated by single spaces (the field is empty when there are none); lines
     * starting with {@code #} are comments.
     *
     * @param source names the file in error messages
     * @throws IllegalArgumentException naming the source and line of the first malformed line
     */
    public static OperationCatalog read(Reader reader, String source) throws IOException {
        BufferedReader lines = new BufferedReader(reader);
        List<Operation> operations = new ArrayList<>();
        int lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            try {
                if (fields.length != 4) {
                    throw new IllegalArgumentException("expected 4 tab-separated fields"
                            + " (operationId, method, path template, scopes) but found " + fields.length);
                }
                List<String> scopes = fields[3].isEmpty() ? List.of() : Arrays.asList(fields[3].split(" ", -1));
                operations.add(new Operation(fields[0], fields[1], fields[2], scopes));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        try {
            return of(operations);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** Reads a catalog file (see {@link #read(Reader, String)}) from the class path. */
    public static OperationCatalog fromResource(ClassLoader classLoader, String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Operation catalog " + resource + " is not on the class path");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read operation catalog " + resource, e);
        }
    }

    /**
     * The one operation this request performs, or none when no template of this method matches.
     *
     * @param method        the HTTP method as sent, e.g. {@code GET}
     * @param canonicalPath the decoded, canonical path without query string, starting with {@code /}
     * @throws IllegalArgumentException when the path does not start with {@code /}
     */
    public Optional<Operation> resolve(String method, String canonicalPath) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(canonicalPath, "canonicalPath");
        if (!canonicalPath.startsWith("/")) {
            throw new IllegalArgumentException("A canonical path starts with '/'");
        }
        Node root = treeByMethod.get(method);
        if (root == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(root.match(canonicalPath.substring(1).split("/", -1), 0));
    }

    public Optional<Operation> byId(String operationId) {
        return Optional.ofNullable(byId.get(operationId));
    }

    /**
     * The operations whose operationId matches the glob, in catalog order: {@code *} stands for any
     * run of characters (none included), every other character for itself, case-sensitive
     * ({@code list*}, {@code *User}, {@code *Group*Role*}, {@code *}).
     */
    public List<Operation> matching(String operationIdGlob) {
        Objects.requireNonNull(operationIdGlob, "operationIdGlob");
        List<String> parts = List.of(operationIdGlob.split("\\*", -1));
        return operations.stream().filter(operation -> globMatches(parts, operation.operationId())).toList();
    }

    /** The operations that need this OAuth 2.0 scope (maybe among others), in catalog order. */
    public List<Operation> requiring(String scope) {
        return byScope.getOrDefault(scope, List.of());
    }

    /** Every scope some operation needs, sorted. */
    public SortedSet<String> scopes() {
        return scopes;
    }

    /** All operations, in catalog order. */
    public List<Operation> operations() {
        return operations;
    }

    public int size() {
        return operations.size();
    }

    /* Parts are the glob split at each '*': the first is a prefix, the last a suffix, the rest in order between. */
    private static boolean globMatches(List<String> parts, String operationId) {
        String first = parts.get(0);
        if (parts.size() == 1) {
            return first.equals(operationId);
        }
        String last = parts.get(parts.size() - 1);
        if (!operationId.startsWith(first) || operationId.length() < first.length() + last.length()
                || !operationId.endsWith(last)) {
            return false;
        }
        int from = first.length();
        int end = operationId.length() - last.length();
        for (String middle : parts.subList(1, parts.size() - 1)) {
            int at = operationId.indexOf(middle, from);
            if (at < 0 || at + middle.length() > end) {
                return false;
            }
            from = at + middle.length();
        }
        return true;
    }

    private static String describe(Operation operation) {
        return operation.operationId() + " (" + operation.method() + " " + operation.pathTemplate() + ")";
    }

    /** A position in one method's segment tree: the operation ending here and the ways on. */
    private static final class Node {
        private final Map<String, Node> literals = new HashMap<>();
        private Node variable;
        private Operation operation;

        void insert(Operation added) {
            Node node = this;
            for (String segment : added.segments()) {
                node = node.child(segment);
            }
            if (node.operation != null) {
                throw new IllegalArgumentException("Ambiguous operations: " + describe(node.operation) + " and "
                        + describe(added) + " match the same requests");
            }
            node.operation = added;
        }

        private Node child(String segment) {
            if (!Operation.isVariable(segment)) {
                return literals.computeIfAbsent(segment, s -> new Node());
            }
            if (variable == null) {
                variable = new Node();
            }
            return variable;
        }

        /* Depth-first, literal before variable: the first match found is the most specific one. */
        Operation match(String[] segments, int index) {
            if (index == segments.length) {
                return operation;
            }
            String segment = segments[index];
            if (segment.isEmpty()) {
                return null;
            }
            Node literal = literals.get(segment);
            if (literal != null) {
                Operation found = literal.match(segments, index + 1);
                if (found != null) {
                    return found;
                }
            }
            return variable == null ? null : variable.match(segments, index + 1);
        }
    }
}
