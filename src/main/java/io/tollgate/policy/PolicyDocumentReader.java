package io.tollgate.policy;

import io.tollgate.connection.ConnectionKind;
import io.tollgate.policy.RuleMatcher.BodyPredicate;
import io.tollgate.policy.catalog.Operation;
import io.tollgate.policy.catalog.OperationCatalog;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads a policy document (YAML) into compiled rules, or refuses it with every problem found,
 * each naming its line, column and field. See {@code docs/policy-reference.md} for the schema.
 * <p>
 * The YAML is composed into nodes only, never into objects, so no tag can instantiate anything;
 * only YAML's standard scalar, list and mapping tags are accepted. Size, nesting depth and aliases
 * are bounded, and the reader walks only the fields the schema knows, so a document cannot make
 * it loop or expand without end.
 */
final class PolicyDocumentReader {

    static final int SCHEMA_VERSION = 1;
    /** Room for tens of thousands of rules; far beyond what a person reviews. */
    static final int MAX_CODE_POINTS = 16 * 1024 * 1024;
    /** The schema nests eight levels deep at most. */
    static final int MAX_DEPTH = 16;
    static final int MAX_ALIASES = 200;
    /** A just-in-time grant is for a task, not a standing right. */
    static final Duration MAX_APPROVAL_DURATION = Duration.ofDays(1);
    static final int MAX_APPROVALS = 10;
    static final int MAX_TEXT = 1_000;

    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,20}");
    private static final Set<Tag> STANDARD_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);
    private static final List<String> DOCUMENT_FIELDS = List.of("version", "description", "rules");
    private static final List<String> RULE_FIELDS = List.of("name", "description", "when", "decision", "reason", "approval");
    private static final List<String> WHEN_FIELDS = List.of("identity", "request");
    private static final List<String> IDENTITY_FIELDS = List.of("groups", "sub", "cid", "scp", "claims");
    private static final List<String> REQUEST_FIELDS = List.of("operations", "scopes", "methods", "paths", "query", "body");
    private static final List<String> CONDITION_KINDS = List.of("equals", "in", "matches");
    private static final List<String> BODY_CONDITION_FIELDS = List.of("pointer", "equals", "in", "matches");
    private static final List<String> APPROVAL_FIELDS = List.of("approverGroups", "approvals", "maxDuration", "reasonRequired");

    private final ConnectionKind kind;
    private final OperationCatalog catalog;
    private final List<PolicyProblem> problems = new ArrayList<>();

    /** What a valid document holds. */
    record Document(String description, List<RuleMatcher> rules) {
    }

    private PolicyDocumentReader(ConnectionKind kind, OperationCatalog catalog) {
        this.kind = kind;
        this.catalog = catalog;
    }

    /**
     * @param catalog the operations rules may name; required for {@code okta} connections, ignored for {@code http}
     * @throws PolicyValidationException listing every problem, in document order
     */
    static Document read(String yaml, ConnectionKind kind, OperationCatalog catalog) throws PolicyValidationException {
        PolicyDocumentReader reader = new PolicyDocumentReader(kind, catalog);
        Document document = reader.document(yaml);
        if (!reader.problems.isEmpty()) {
            throw new PolicyValidationException(reader.problems);
        }
        return document;
    }

    private Document document(String yaml) {
        Optional<Node> root = compose(yaml);
        if (root.isEmpty()) {
            return null;
        }
        MappingNode top = mapping(root.get(), "");
        if (top == null) {
            return null;
        }
        Fields fields = new Fields(top, "", DOCUMENT_FIELDS);
        fields.require("version").ifPresent(node -> {
            Integer version = integer(node, "version");
            if (version != null && version != SCHEMA_VERSION) {
                problem(node, "version", "unsupported schema version " + version + "; this Tollgate reads version " + SCHEMA_VERSION);
            }
        });
        String description = fields.get("description").map(node -> text(node, "description")).orElse("");
        List<RuleMatcher> rules = new ArrayList<>();
        fields.require("rules").ifPresent(node -> {
            List<Node> items = sequence(node, "rules", false);
            Map<String, String> names = new HashMap<>();
            for (int i = 0; items != null && i < items.size(); i++) {
                RuleMatcher rule = rule(items.get(i), "rules[" + i + "]", rules.size(), names);
                if (rule != null) {
                    rules.add(rule);
                }
            }
        });
        return new Document(description, rules);
    }

    private Optional<Node> compose(String yaml) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel("policy")
                .setCodePointLimit(MAX_CODE_POINTS)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setAllowNonScalarKeys(false)
                .setParseComments(false)
                .build();
        try {
            // A first pass over the events bounds the nesting before the (recursive) composer sees it.
            int depth = 0;
            for (Event event : new Parse(settings).parseString(yaml)) {
                Event.ID id = event.getEventId();
                if (id == Event.ID.MappingStart || id == Event.ID.SequenceStart) {
                    if (++depth > MAX_DEPTH) {
                        problem(event.getStartMark(), "", "nested deeper than " + MAX_DEPTH + " levels");
                        return Optional.empty();
                    }
                } else if (id == Event.ID.MappingEnd || id == Event.ID.SequenceEnd) {
                    depth--;
                }
            }
            Optional<Node> root = new Compose(settings).composeString(yaml);
            if (root.isEmpty()) {
                problems.add(new PolicyProblem(0, 0, "", "the policy document is empty"));
            }
            return root;
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            problem(mark, "", "invalid YAML: " + context + e.getProblem());
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.add(new PolicyProblem(0, 0, "", "invalid YAML: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private RuleMatcher rule(Node node, String path, int position, Map<String, String> names) {
        MappingNode mapping = mapping(node, path);
        if (mapping == null) {
            return null;
        }
        int problemsBefore = problems.size();
        Fields fields = new Fields(mapping, path, RULE_FIELDS);
        String name = fields.require("name").map(n -> ruleName(n, path + ".name", names, path)).orElse(null);
        String description = fields.get("description").map(n -> text(n, path + ".description")).orElse("");
        Decision decision = fields.require("decision").map(n -> decision(n, path + ".decision")).orElse(null);
        String reason = fields.get("reason").map(n -> text(n, path + ".reason")).orElse(null);
        Optional<ApprovalSettings> approval = approval(fields, decision, path);
        Conditions conditions = fields.get("when").map(n -> when(n, path + ".when")).orElse(new Conditions());
        if (problems.size() > problemsBefore || name == null || decision == null || conditions == null) {
            return null;
        }
        PolicyRule rule = new PolicyRule(name, description, decision,
                reason != null ? reason : "rule '" + name + "' decides " + decision.word(), approval);
        return new RuleMatcher(position, rule, conditions.identity, conditions.operationIds, conditions.methods,
                conditions.paths, conditions.query, conditions.body);
    }

    private String ruleName(Node node, String path, Map<String, String> names, String rulePath) {
        String name = text(node, path);
        if (name == null) {
            return null;
        }
        if (!RULE_NAME.matcher(name).matches()) {
            problem(node, path, "a rule name is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
            return null;
        }
        String earlier = names.putIfAbsent(name, rulePath);
        if (earlier != null) {
            problem(node, path, "duplicate rule name '" + name + "' (also " + earlier + ")");
            return null;
        }
        return name;
    }

    private Decision decision(Node node, String path) {
        String word = text(node, path);
        if (word == null) {
            return null;
        }
        Optional<Decision> decision = Decision.ofWord(word);
        if (decision.isEmpty()) {
            problem(node, path, "unknown decision '" + word + "'; expected allow, deny, grant or approve");
        }
        return decision.orElse(null);
    }

    private Optional<ApprovalSettings> approval(Fields rule, Decision decision, String rulePath) {
        if (decision == null) {
            return Optional.empty();
        }
        String path = rulePath + ".approval";
        boolean needsApproval = decision == Decision.GRANT || decision == Decision.APPROVE;
        Optional<Node> given = rule.get("approval");
        if (!needsApproval) {
            given.ifPresent(node -> problem(node, path, "approval settings apply only to grant and approve rules"));
            return Optional.empty();
        }
        if (given.isEmpty()) {
            problem(rule.node, path, "a " + decision.word() + " rule needs approval settings"
                    + " (approverGroups, approvals, maxDuration)");
            return Optional.empty();
        }
        MappingNode mapping = mapping(given.get(), path);
        if (mapping == null) {
            return Optional.empty();
        }
        Fields fields = new Fields(mapping, path, APPROVAL_FIELDS);
        Integer approvals = fields.require("approvals").map(n -> approvals(n, path + ".approvals", decision)).orElse(null);
        List<String> groups = fields.get("approverGroups").map(n -> texts(n, path + ".approverGroups")).orElse(List.of());
        if (approvals != null && approvals > 0 && groups.isEmpty() && fields.get("approverGroups").isEmpty()) {
            problem(mapping, path + ".approverGroups", "who may approve: at least one group, e.g. [tollgate-approvers]");
        } else if (approvals != null && approvals == 0 && !groups.isEmpty()) {
            problem(fields.get("approverGroups").get(), path + ".approverGroups",
                    "a self-service grant (approvals: 0) has no approvers; remove approverGroups or require approvals");
        }
        Duration maxDuration = fields.require("maxDuration").map(n -> duration(n, path + ".maxDuration")).orElse(null);
        Boolean reasonRequired = fields.get("reasonRequired").map(n -> bool(n, path + ".reasonRequired")).orElse(Boolean.TRUE);
        if (approvals == null || maxDuration == null || reasonRequired == null) {
            return Optional.empty();
        }
        return Optional.of(new ApprovalSettings(groups, approvals, maxDuration, reasonRequired));
    }

    private Integer approvals(Node node, String path, Decision decision) {
        Integer approvals = integer(node, path);
        int least = decision == Decision.APPROVE ? 1 : 0;
        if (approvals != null && (approvals < least || approvals > MAX_APPROVALS)) {
            problem(node, path, "between " + least + " and " + MAX_APPROVALS + " for a " + decision.word() + " rule"
                    + (decision == Decision.GRANT ? " (0: self-service, granted without approval)" : ""));
            return null;
        }
        return approvals;
    }

    private Duration duration(Node node, String path) {
        String text = text(node, path);
        if (text == null) {
            return null;
        }
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_APPROVAL_DURATION) > 0) {
                problem(node, path, "a duration above zero and at most " + MAX_APPROVAL_DURATION + ", found " + text);
                return null;
            }
            return duration;
        } catch (DateTimeParseException e) {
            problem(node, path, "invalid duration '" + text + "'; use ISO-8601, e.g. PT15M, PT1H");
            return null;
        }
    }

    /** The conditions of a rule's {@code when}, or null when some of them are invalid. */
    private static final class Conditions {
        Map<String, Set<String>> identity = Map.of();
        Set<String> operationIds;
        Set<String> methods;
        List<PathPattern> paths;
        Map<String, ValueCondition> query = Map.of();
        List<BodyPredicate> body = List.of();
    }

    private Conditions when(Node node, String path) {
        MappingNode mapping = mapping(node, path);
        if (mapping == null) {
            return null;
        }
        Fields fields = new Fields(mapping, path, WHEN_FIELDS);
        Conditions conditions = new Conditions();
        fields.get("identity").ifPresent(n -> conditions.identity = identity(n, path + ".identity"));
        fields.get("request").ifPresent(n -> request(n, path + ".request", conditions));
        return conditions.identity == null ? null : conditions;
    }

    private Map<String, Set<String>> identity(Node node, String path) {
        MappingNode mapping = mapping(node, path);
        if (mapping == null) {
            return null;
        }
        Fields fields = new Fields(mapping, path, IDENTITY_FIELDS);
        Map<String, Set<String>> claims = new LinkedHashMap<>();
        for (String claim : List.of("groups", "sub", "cid", "scp")) {
            fields.get(claim).ifPresent(n -> claims.put(claim, valueSet(texts(n, path + "." + claim))));
        }
        fields.get("claims").ifPresent(n -> entries(n, path + ".claims", (key, value) -> {
            String claimPath = path + ".claims." + key.getValue();
            if (claims.containsKey(key.getValue())) {
                problem(key, claimPath, "claim '" + key.getValue() + "' is already matched by " + path + "." + key.getValue());
            } else {
                claims.put(key.getValue(), valueSet(texts(value, claimPath)));
            }
        }));
        return claims;
    }

    private void request(Node node, String path, Conditions conditions) {
        MappingNode mapping = mapping(node, path);
        if (mapping == null) {
            return;
        }
        Fields fields = new Fields(mapping, path, REQUEST_FIELDS);
        Optional<Node> operations = fields.get("operations");
        Optional<Node> scopes = fields.get("scopes");
        if (kind == ConnectionKind.HTTP) {
            Stream.of(operations, scopes).flatMap(Optional::stream).forEach(n -> problem(n, path,
                    "operations and scopes name Okta operations; rules of an http connection match methods and paths"));
        } else {
            Set<String> byOperation = operations.map(n -> operations(n, path + ".operations")).orElse(null);
            Set<String> byScope = scopes.map(n -> scopes(n, path + ".scopes")).orElse(null);
            conditions.operationIds = byOperation == null ? byScope : byScope == null ? byOperation : intersection(byOperation, byScope);
            if (byOperation != null && byScope != null && conditions.operationIds.isEmpty()) {
                problem(mapping, path, "none of the rule's operations needs one of its scopes: the rule could never match");
            }
        }
        fields.get("methods").ifPresent(n -> conditions.methods = methods(n, path + ".methods"));
        if (conditions.operationIds != null && !conditions.operationIds.isEmpty() && conditions.methods != null
                && conditions.operationIds.stream().map(id -> catalog.byId(id).orElseThrow().method())
                .noneMatch(conditions.methods::contains)) {
            problem(fields.get("methods").get(), path + ".methods",
                    "none of the rule's operations uses these methods: the rule could never match");
        }
        fields.get("paths").ifPresent(n -> conditions.paths = paths(n, path + ".paths"));
        fields.get("query").ifPresent(n -> conditions.query = query(n, path + ".query"));
        fields.get("body").ifPresent(n -> conditions.body = body(n, path + ".body"));
    }

    private Set<String> operations(Node node, String path) {
        Set<String> ids = new LinkedHashSet<>();
        eachText(node, path, (item, itemPath, entry) -> {
            if (entry.contains("*")) {
                List<Operation> matching = catalog.matching(entry);
                if (matching.isEmpty()) {
                    problem(item, itemPath, "the glob '" + entry + "' matches no operation");
                }
                matching.forEach(operation -> ids.add(operation.operationId()));
            } else if (catalog.byId(entry).isPresent()) {
                ids.add(entry);
            } else {
                problem(item, itemPath, "unknown operationId '" + entry + "'" + suggestion(entry));
            }
        });
        return ids;
    }

    private String suggestion(String operationId) {
        return catalog.operations().stream().map(Operation::operationId)
                .filter(id -> id.equalsIgnoreCase(operationId)).findFirst()
                .map(id -> " (did you mean '" + id + "'?)").orElse("");
    }

    private Set<String> scopes(Node node, String path) {
        Set<String> ids = new LinkedHashSet<>();
        eachText(node, path, (item, itemPath, scope) -> {
            if (catalog.scopes().contains(scope)) {
                catalog.requiring(scope).forEach(operation -> ids.add(operation.operationId()));
            } else {
                problem(item, itemPath, "unknown scope '" + scope + "': no operation requires it");
            }
        });
        return ids;
    }

    private Set<String> methods(Node node, String path) {
        Set<String> methods = new LinkedHashSet<>();
        eachText(node, path, (item, itemPath, method) -> {
            if (METHOD.matcher(method).matches()) {
                methods.add(method);
            } else {
                problem(item, itemPath, "'" + method + "' is no HTTP method; methods are upper case, e.g. GET");
            }
        });
        return methods;
    }

    private List<PathPattern> paths(Node node, String path) {
        List<PathPattern> patterns = new ArrayList<>();
        eachText(node, path, (item, itemPath, text) -> {
            try {
                patterns.add(PathPattern.parse(text));
            } catch (IllegalArgumentException e) {
                problem(item, itemPath, "invalid path pattern '" + text + "': " + e.getMessage());
            }
        });
        return patterns;
    }

    private Map<String, ValueCondition> query(Node node, String path) {
        Map<String, ValueCondition> conditions = new LinkedHashMap<>();
        entries(node, path, (key, value) -> {
            String parameterPath = path + "." + key.getValue();
            MappingNode mapping = mapping(value, parameterPath);
            if (mapping != null) {
                ValueCondition condition = valueCondition(new Fields(mapping, parameterPath, CONDITION_KINDS), false);
                if (condition != null) {
                    conditions.put(key.getValue(), condition);
                }
            }
        });
        return conditions;
    }

    private List<BodyPredicate> body(Node node, String path) {
        List<Node> items = sequence(node, path, true);
        List<BodyPredicate> predicates = new ArrayList<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            MappingNode mapping = mapping(items.get(i), itemPath);
            if (mapping == null) {
                continue;
            }
            Fields fields = new Fields(mapping, itemPath, BODY_CONDITION_FIELDS);
            JsonPointer pointer = fields.require("pointer").map(n -> pointer(n, itemPath + ".pointer")).orElse(null);
            ValueCondition condition = valueCondition(fields, true);
            if (pointer != null && condition != null) {
                predicates.add(new BodyPredicate(pointer, condition));
            }
        }
        return predicates;
    }

    private JsonPointer pointer(Node node, String path) {
        String text = text(node, path);
        if (text == null) {
            return null;
        }
        try {
            return JsonPointer.parse(text);
        } catch (IllegalArgumentException e) {
            problem(node, path, "invalid JSON Pointer '" + text + "': " + e.getMessage());
            return null;
        }
    }

    /**
     * Exactly one of {@code equals}, {@code in}, {@code matches}. Body conditions compare JSON values
     * (strings, numbers, booleans, null); query conditions compare text, so {@code equals: 10} is "10".
     */
    private ValueCondition valueCondition(Fields fields, boolean jsonValues) {
        List<String> given = CONDITION_KINDS.stream().filter(fields::has).toList();
        if (given.size() != 1) {
            problem(fields.node, fields.path, "give exactly one of equals, in, matches");
            return null;
        }
        String kindOfCondition = given.get(0);
        String path = fields.path + "." + kindOfCondition;
        Node node = fields.get(kindOfCondition).orElseThrow();
        switch (kindOfCondition) {
            case "equals" -> {
                Object value = jsonValues ? jsonValue(node, path) : text(node, path);
                return value == null ? null : ValueCondition.in(List.of(value));
            }
            case "in" -> {
                List<Node> items = sequence(node, path, true);
                if (items == null) {
                    return null;
                }
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    Object value = jsonValues ? jsonValue(items.get(i), path + "[" + i + "]") : text(items.get(i), path + "[" + i + "]");
                    if (value == null) {
                        return null;
                    }
                    values.add(value);
                }
                return ValueCondition.in(values);
            }
            default -> {
                String regex = text(node, path);
                if (regex == null) {
                    return null;
                }
                try {
                    return ValueCondition.matching(Pattern.compile(regex));
                } catch (PatternSyntaxException e) {
                    problem(node, path, "invalid regular expression '" + regex + "': " + e.getDescription()
                            + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
                    return null;
                }
            }
        }
    }

    // ---- typed access to nodes; each reports its own problem and answers null ----

    private MappingNode mapping(Node node, String path) {
        if (checkTag(node, path) && node instanceof MappingNode mapping) {
            return mapping;
        }
        if (STANDARD_TAGS.contains(node.getTag())) {
            problem(node, path, "expected a mapping (field: value), found " + describe(node));
        }
        return null;
    }

    private List<Node> sequence(Node node, String path, boolean nonEmpty) {
        if (!checkTag(node, path)) {
            return null;
        }
        if (!(node instanceof SequenceNode sequence)) {
            problem(node, path, "expected a list, e.g. [a, b], found " + describe(node));
            return null;
        }
        if (nonEmpty && sequence.getValue().isEmpty()) {
            problem(node, path, "an empty list matches nothing; give at least one value or leave the field out");
            return null;
        }
        return sequence.getValue();
    }

    private List<String> texts(Node node, String path) {
        List<String> values = new ArrayList<>();
        eachText(node, path, (item, itemPath, text) -> values.add(text));
        return values;
    }

    /** What to do with one text item of a list. */
    @FunctionalInterface
    private interface TextItem {
        void accept(Node item, String itemPath, String text);
    }

    /** Calls back for each valid text item of a non-empty list; the others are reported. */
    private void eachText(Node node, String path, TextItem each) {
        List<Node> items = sequence(node, path, true);
        for (int i = 0; items != null && i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            String text = text(items.get(i), itemPath);
            if (text != null) {
                each.accept(items.get(i), itemPath, text);
            }
        }
    }

    /** Any non-null scalar as written: {@code agents-readonly}, {@code 42}, {@code true}. */
    private String text(Node node, String path) {
        if (!checkTag(node, path)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            problem(node, path, "expected a value, found " + describe(node));
            return null;
        }
        if (scalar.getValue().length() > MAX_TEXT) {
            problem(node, path, "longer than " + MAX_TEXT + " characters");
            return null;
        }
        return scalar.getValue();
    }

    private Integer integer(Node node, String path) {
        String text = text(node, path);
        if (text == null) {
            return null;
        }
        if (!node.getTag().equals(Tag.INT) || !text.matches("-?[0-9]{1,9}")) {
            problem(node, path, "expected a whole number, found '" + text + "'");
            return null;
        }
        return Integer.parseInt(text);
    }

    private Boolean bool(Node node, String path) {
        String text = text(node, path);
        if (text == null) {
            return null;
        }
        if (!node.getTag().equals(Tag.BOOL)) {
            problem(node, path, "expected true or false, found '" + text + "'");
            return null;
        }
        return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
    }

    /** A JSON scalar: a string, a decimal number, true, false or null. */
    private Object jsonValue(Node node, String path) {
        if (!checkTag(node, path)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, path, "expected a string, number, boolean or null, found " + describe(node));
            return null;
        }
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return JsonBody.NULL;
        }
        if (tag.equals(Tag.BOOL)) {
            return Boolean.valueOf(scalar.getValue().toLowerCase(Locale.ROOT));
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            try {
                return new BigDecimal(scalar.getValue());
            } catch (NumberFormatException e) {
                problem(node, path, "write numbers in decimal, found '" + scalar.getValue() + "'");
                return null;
            }
        }
        return text(node, path);
    }

    private boolean checkTag(Node node, String path) {
        if (!STANDARD_TAGS.contains(node.getTag())) {
            problem(node, path, "the tag " + node.getTag() + " is not allowed in a policy");
            return false;
        }
        return true;
    }

    /** Calls back for each entry of a mapping whose keys are free (claim names, query parameters), refusing repeated keys. */
    private void entries(Node node, String path, BiConsumer<ScalarNode, Node> each) {
        MappingNode mapping = mapping(node, path);
        if (mapping == null) {
            return;
        }
        if (mapping.getValue().isEmpty()) {
            problem(mapping, path, "an empty mapping matches nothing; give at least one entry or leave the field out");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (NodeTuple entry : mapping.getValue()) {
            ScalarNode key = key(entry, path);
            if (key == null) {
                continue;
            }
            if (!seen.add(key.getValue())) {
                problem(key, path + "." + key.getValue(), "duplicate entry '" + key.getValue() + "'");
            } else {
                each.accept(key, entry.getValueNode());
            }
        }
    }

    private ScalarNode key(NodeTuple entry, String path) {
        Node key = entry.getKeyNode();
        if (key instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL) && STANDARD_TAGS.contains(scalar.getTag())) {
            return scalar;
        }
        problem(key, path, "field names are plain text, found " + describe(key));
        return null;
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        return scalar.getTag().equals(Tag.NULL) ? "nothing (null)" : "'" + scalar.getValue() + "'";
    }

    private static Set<String> valueSet(List<String> values) {
        return Set.copyOf(values);
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new LinkedHashSet<>(a);
        both.retainAll(b);
        return both;
    }

    private void problem(Node node, String path, String message) {
        problem(node.getStartMark(), path, message);
    }

    private void problem(Optional<Mark> mark, String path, String message) {
        problems.add(new PolicyProblem(mark.map(m -> m.getLine() + 1).orElse(0), mark.map(m -> m.getColumn() + 1).orElse(0),
                path, message));
    }

    /** The known fields of one mapping; reports unknown, repeated and missing fields as it reads them. */
    private final class Fields {
        private final MappingNode node;
        private final String path;
        private final Map<String, Node> values = new LinkedHashMap<>();

        Fields(MappingNode node, String path, List<String> allowed) {
            this.node = node;
            this.path = path;
            for (NodeTuple entry : node.getValue()) {
                ScalarNode key = key(entry, path);
                if (key == null) {
                    continue;
                }
                String name = key.getValue();
                String fieldPath = path.isEmpty() ? name : path + "." + name;
                if (!allowed.contains(name)) {
                    problem(key, fieldPath, "unknown field '" + name + "'; expected one of " + String.join(", ", allowed));
                } else if (values.putIfAbsent(name, entry.getValueNode()) != null) {
                    problem(key, fieldPath, "duplicate field '" + name + "'");
                }
            }
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        Optional<Node> get(String name) {
            return Optional.ofNullable(values.get(name));
        }

        Optional<Node> require(String name) {
            Node value = values.get(name);
            if (value == null) {
                problem(node, path.isEmpty() ? name : path + "." + name, "missing required field '" + name + "'");
            }
            return Optional.ofNullable(value);
        }
    }
}
