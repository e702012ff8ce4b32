package io.tollgate.masking;

import io.tollgate.connection.ConnectionKind;
import io.tollgate.masking.MaskingProfile.BodyRule;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a connection's masking document (YAML, see {@code docs/masking-reference.md}) into the
 * rules and body actions it adds to, or takes from, the defaults, or refuses it with every problem
 * found. YAML is loaded into plain maps, lists and scalars only; size and aliases are bounded.
 */
final class MaskingDocumentReader {

    static final int SCHEMA_VERSION = 1;
    private static final int MAX_CODE_POINTS = 1024 * 1024;
    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("version", "description", "defaults", "disable", "rules", "otherBodies");
    private static final Set<String> RULE_FIELDS = Set.of("name", "path", "paths", "detector", "regex", "mode");
    private static final Set<String> BODY_FIELDS = Set.of("type", "action");

    private final String source;
    private final List<String> problems = new ArrayList<>();

    /** What a document asks for, before the defaults are applied. */
    record Document(boolean oktaDefaults, Set<String> disabled, List<MaskingRule> rules, List<BodyRule> bodies) {

        /** No document: the defaults of the connection's kind. */
        static Document absent(ConnectionKind kind) {
            return new Document(kind == ConnectionKind.OKTA, Set.of(), List.of(), List.of());
        }

        /** The document's rules, then the defaults it leaves on. */
        List<MaskingRule> effectiveRules() {
            List<MaskingRule> effective = new ArrayList<>(rules);
            if (oktaDefaults) {
                OktaDefaults.RULES.stream().filter(rule -> !disabled.contains(rule.name())).forEach(effective::add);
            }
            return effective;
        }
    }

    private MaskingDocumentReader(String source) {
        this.source = source;
    }

    /**
     * @throws InvalidMaskingException listing every problem
     */
    static Document read(String yaml, String source, ConnectionKind kind) {
        MaskingDocumentReader reader = new MaskingDocumentReader(source);
        Document document = reader.document(yaml, kind);
        if (!reader.problems.isEmpty()) {
            throw new InvalidMaskingException(source, reader.problems);
        }
        return document;
    }

    private Document document(String yaml, ConnectionKind kind) {
        Object root;
        try {
            root = new Load(LoadSettings.builder()
                    .setLabel(source)
                    .setCodePointLimit(MAX_CODE_POINTS)
                    .setMaxAliasesForCollections(20)
                    .setAllowDuplicateKeys(false)
                    .setAllowRecursiveKeys(false)
                    .build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            problems.add("not valid YAML (quote JSON paths that hold [ or *): " + e.getMessage().replaceAll("\\s+", " ").strip());
            return null;
        }
        Map<?, ?> top = mapping(root, "the document", DOCUMENT_FIELDS);
        if (top == null) {
            return null;
        }
        Object version = top.get("version");
        if (!Integer.valueOf(SCHEMA_VERSION).equals(version)) {
            problems.add("version: must be " + SCHEMA_VERSION);
        }
        boolean oktaDefaults = defaults(top.get("defaults"), kind);
        Set<String> disabled = disabled(top.get("disable"), oktaDefaults);
        List<MaskingRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        OktaDefaults.RULES.forEach(rule -> names.add(rule.name()));
        List<?> ruleItems = list(top.get("rules"), "rules");
        for (int i = 0; i < ruleItems.size(); i++) {
            rule(ruleItems.get(i), "rules[" + i + "]", names).ifPresent(rules::add);
        }
        List<BodyRule> bodies = new ArrayList<>();
        List<?> bodyItems = list(top.get("otherBodies"), "otherBodies");
        for (int i = 0; i < bodyItems.size(); i++) {
            body(bodyItems.get(i), "otherBodies[" + i + "]").ifPresent(bodies::add);
        }
        return new Document(oktaDefaults, disabled, rules, bodies);
    }

    private boolean defaults(Object value, ConnectionKind kind) {
        if (value == null) {
            return kind == ConnectionKind.OKTA;
        }
        if ("okta".equals(value)) {
            return true;
        }
        if ("none".equals(value)) {
            return false;
        }
        problems.add("defaults: must be okta or none");
        return false;
    }

    private Set<String> disabled(Object value, boolean oktaDefaults) {
        Set<String> disabled = new LinkedHashSet<>();
        List<?> items = list(value, "disable");
        for (int i = 0; i < items.size(); i++) {
            Object name = items.get(i);
            if (!(name instanceof String text) || OktaDefaults.named(text).isEmpty()) {
                problems.add("disable[" + i + "]: '" + name + "' is not a default rule; the defaults are "
                        + OktaDefaults.RULES.stream().map(MaskingRule::name).toList());
            } else if (!oktaDefaults) {
                problems.add("disable[" + i + "]: the defaults are not on (defaults: none), so there is nothing to disable");
            } else {
                disabled.add(text);
            }
        }
        return disabled;
    }

    private Optional<MaskingRule> rule(Object item, String where, Set<String> names) {
        Map<?, ?> fields = mapping(item, where, RULE_FIELDS);
        if (fields == null) {
            return Optional.empty();
        }
        int before = problems.size();
        String name = text(fields.get("name"), where + ".name");
        if (name != null && !RULE_NAME.matcher(name).matches()) {
            problems.add(where + ".name: 1 to 100 letters, digits, dots, dashes and underscores, starting with a letter or digit");
        } else if (name != null && !names.add(name)) {
            problems.add(where + ".name: '" + name + "' is already taken (by another rule or a default)");
        }
        List<JsonPath> paths = paths(fields, where);
        Optional<Detector> detector = detector(fields, where, name);
        MaskMode mode = MaskMode.REDACT;
        if (fields.containsKey("mode")) {
            Object word = fields.get("mode");
            mode = word instanceof String text ? MaskMode.of(text).orElse(null) : null;
            if (mode == null) {
                problems.add(where + ".mode: must be redact, partial or tokenize");
            }
        }
        if (paths.isEmpty() && detector.isEmpty() && problems.size() == before) {
            problems.add(where + ": give path (or paths), a detector or regex, or both");
        }
        return problems.size() == before ? Optional.of(new MaskingRule(name, paths, detector, mode)) : Optional.empty();
    }

    private List<JsonPath> paths(Map<?, ?> fields, String where) {
        if (fields.containsKey("path") && fields.containsKey("paths")) {
            problems.add(where + ": give path or paths, not both");
            return List.of();
        }
        List<?> expressions = fields.containsKey("path") ? List.of(String.valueOf(fields.get("path")))
                : list(fields.get("paths"), where + ".paths");
        List<JsonPath> paths = new ArrayList<>();
        for (Object expression : expressions) {
            try {
                paths.add(JsonPath.parse(String.valueOf(expression)));
            } catch (IllegalArgumentException e) {
                problems.add(where + ".paths: " + e.getMessage());
            }
        }
        return paths;
    }

    private Optional<Detector> detector(Map<?, ?> fields, String where, String name) {
        if (fields.containsKey("detector") && fields.containsKey("regex")) {
            problems.add(where + ": give detector or regex, not both");
            return Optional.empty();
        }
        if (fields.containsKey("detector")) {
            Object detector = fields.get("detector");
            Optional<Detector> builtIn = detector instanceof String text ? Detectors.builtIn(text) : Optional.empty();
            if (builtIn.isEmpty()) {
                problems.add(where + ".detector: '" + detector + "' is not one of " + Detectors.builtInNames());
            }
            return builtIn;
        }
        if (fields.containsKey("regex")) {
            String regex = text(fields.get("regex"), where + ".regex");
            if (regex == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Detectors.custom(name == null ? where : name, regex));
            } catch (PatternSyntaxException e) {
                problems.add(where + ".regex: " + e.getDescription() + " in " + e.getPattern());
            }
        }
        return Optional.empty();
    }

    private Optional<BodyRule> body(Object item, String where) {
        Map<?, ?> fields = mapping(item, where, BODY_FIELDS);
        if (fields == null) {
            return Optional.empty();
        }
        String type = text(fields.get("type"), where + ".type");
        String word = text(fields.get("action"), where + ".action");
        MediaRange range = null;
        if (type != null) {
            try {
                range = MediaRange.parse(type);
            } catch (IllegalArgumentException e) {
                problems.add(where + ".type: " + e.getMessage());
            }
        }
        Optional<BodyAction> action = word == null ? Optional.empty() : BodyAction.of(word);
        if (word != null && action.isEmpty()) {
            problems.add(where + ".action: must be pass, scan or block");
        }
        if (range != null && MaskingProfile.isJson(range.toString())) {
            problems.add(where + ".type: JSON bodies are always parsed and masked; otherBodies are the others");
            return Optional.empty();
        }
        return range == null || action.isEmpty() ? Optional.empty() : Optional.of(new BodyRule(range, action.get()));
    }

    private Map<?, ?> mapping(Object value, String where, Set<String> known) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(where + ": must be a mapping");
            return null;
        }
        for (Object key : map.keySet()) {
            if (!known.contains(key)) {
                problems.add(where + ": unknown field '" + key + "'; expected one of " + new java.util.TreeSet<>(known));
            }
        }
        return map;
    }

    private List<?> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add(where + ": must be a list");
            return List.of();
        }
        return list;
    }

    private String text(Object value, String where) {
        if (!(value instanceof String text) || text.isBlank()) {
            problems.add(where + ": must be a non-empty string");
            return null;
        }
        return text;
    }
}
