package io.tollgate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** An RFC 6901 JSON Pointer such as {@code /profile/login} or {@code /members/0/id}. */
final class JsonPointer {

    private static final Pattern ARRAY_INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");

    private final String text;
    private final List<String> tokens;

    private JsonPointer(String text, List<String> tokens) {
        this.text = text;
        this.tokens = List.copyOf(tokens);
    }

    /**
     * @throws IllegalArgumentException unless the text is {@code ""} (the whole body) or {@code /}-separated
     *                                  reference tokens with {@code ~0} for {@code ~} and {@code ~1} for {@code /}
     */
    static JsonPointer parse(String text) {
        if (!text.isEmpty() && !text.startsWith("/")) {
            throw new IllegalArgumentException("a JSON Pointer is empty or starts with '/', e.g. /profile/login");
        }
        List<String> tokens = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String token : text.substring(1).split("/", -1)) {
                if (token.replace("~0", "").replace("~1", "").contains("~")) {
                    throw new IllegalArgumentException("'~' is written ~0 in a JSON Pointer, and '/' ~1");
                }
                tokens.add(token.replace("~1", "/").replace("~0", "~"));
            }
        }
        return new JsonPointer(text, tokens);
    }

    Optional<Object> resolve(Object root) {
        Object current = root;
        for (String token : tokens) {
            if (current instanceof Map<?, ?> object) {
                current = object.get(token);
            } else if (current instanceof List<?> array && ARRAY_INDEX.matcher(token).matches()
                    && Integer.parseInt(token) < array.size()) {
                current = array.get(Integer.parseInt(token));
            } else {
                return Optional.empty();
            }
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    @Override
    public String toString() {
        return text;
    }
}
