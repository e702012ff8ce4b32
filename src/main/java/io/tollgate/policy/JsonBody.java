package io.tollgate.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request body read as one strict JSON value (RFC 8259: no comments, no trailing content), for
 * body predicates. Objects become maps, arrays lists, strings strings, numbers {@link java.math.BigDecimal},
 * booleans {@link Boolean}, and null {@link #NULL}.
 * <p>
 * A body in which some object repeats a key is remembered as ambiguous rather than read either
 * way: parsers disagree on which of the values counts (first, last, error), so a predicate could
 * be satisfied by one and the upstream act on the other. So is a body that is not one strict JSON
 * value (trailing content, comments, nesting beyond the parser's limits): lenient parsers read
 * {@code {"type":"SUPER_ADMIN"} x} as a role assignment. Only UTF-8 is JSON (RFC 8259): other
 * encodings, and overlong or broken sequences, which decoders read differently, are not.
 */
final class JsonBody {

    /** JSON's {@code null}, distinct from an absent value. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Object root;
    private final boolean json;
    private final boolean malformed;
    private final String duplicateKey;

    private JsonBody(Object root, boolean json, boolean malformed, String duplicateKey) {
        this.root = root;
        this.json = json;
        this.malformed = malformed;
        this.duplicateKey = duplicateKey;
    }

    static JsonBody parse(byte[] bytes) {
        Optional<String> text = utf8(bytes);
        if (text.isEmpty()) {
            // RFC 8259 JSON is UTF-8; decoders disagree on other encodings and on overlong or broken sequences.
            return new JsonBody(null, false, true, null);
        }
        Reading reading = new Reading();
        // Parsed from the decoded text, so the parser cannot guess another encoding (UTF-16) from the bytes.
        try (JsonParser parser = JSON.createParser(text.get())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new JsonBody(null, false, false, null);
            }
            Object root = reading.value(parser, first);
            if (parser.nextToken() != null) {
                return new JsonBody(null, false, true, null);
            }
            return new JsonBody(root, true, false, reading.duplicateKey);
        } catch (IOException e) {
            // Malformed, or beyond the parser's limits (nesting, number length): not JSON a predicate can read.
            return new JsonBody(null, false, true, null);
        }
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    boolean isJson() {
        return json;
    }

    /** Something other than nothing at all (an empty or blank body) and other than one strict JSON value. */
    boolean isMalformed() {
        return malformed;
    }

    /** The first key found twice in one object, when the body is ambiguous. */
    Optional<String> duplicateKey() {
        return Optional.ofNullable(duplicateKey);
    }

    /** The value the pointer designates, empty when the body is no JSON or the pointer leads nowhere. */
    Optional<Object> at(JsonPointer pointer) {
        return json ? pointer.resolve(root) : Optional.empty();
    }

    private static final class Reading {
        private String duplicateKey;

        Object value(JsonParser parser, JsonToken token) throws IOException {
            return switch (token) {
                case START_OBJECT -> object(parser);
                case START_ARRAY -> array(parser);
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> NULL;
                default -> throw new IOException("unexpected " + token);
            };
        }

        private Map<String, Object> object(JsonParser parser) throws IOException {
            Map<String, Object> members = new HashMap<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String key = parser.currentName();
                Object value = value(parser, parser.nextToken());
                if (members.putIfAbsent(key, value) != null && duplicateKey == null) {
                    duplicateKey = key;
                }
            }
            return members;
        }

        private List<Object> array(JsonParser parser) throws IOException {
            List<Object> elements = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                elements.add(value(parser, token));
            }
            return elements;
        }
    }
}
