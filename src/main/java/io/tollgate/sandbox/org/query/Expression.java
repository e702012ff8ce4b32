package io.tollgate.sandbox.org.query;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed Okta {@code search}/{@code filter} expression, evaluated against a resource's JSON
 * representation (the same shape the API answers with), so {@code profile.login} means exactly the
 * property a client sees. Array attributes match when any element matches, as SCIM filters do.
 */
public sealed interface Expression {

    boolean matches(JsonObject resource);

    record And(Expression left, Expression right) implements Expression {
        @Override
        public boolean matches(JsonObject resource) {
            return left.matches(resource) && right.matches(resource);
        }
    }

    record Or(Expression left, Expression right) implements Expression {
        @Override
        public boolean matches(JsonObject resource) {
            return left.matches(resource) || right.matches(resource);
        }
    }

    /** {@code attribute operator value}, or {@code attribute pr} (then {@code value} is null). */
    record Comparison(String attribute, Operator operator, JsonValue value, boolean caseSensitive) implements Expression {

        @Override
        public boolean matches(JsonObject resource) {
            Optional<JsonValue> actual = resolve(resource, attribute);
            if (operator == Operator.PR) {
                return actual.filter(present -> present.getValueType() != JsonValue.ValueType.NULL).isPresent();
            }
            return actual.map(this::matchesValue).orElse(false);
        }

        private boolean matchesValue(JsonValue actual) {
            if (actual instanceof JsonArray elements) {
                return elements.stream().anyMatch(this::matchesValue);
            }
            if (actual instanceof JsonString text && value instanceof JsonString wanted) {
                return compareText(text.getString(), wanted.getString());
            }
            if (actual instanceof JsonNumber number && value instanceof JsonNumber wanted) {
                return holds(number.bigDecimalValue().compareTo(wanted.bigDecimalValue()));
            }
            boolean bothBooleans = isBoolean(actual) && isBoolean(value);
            return bothBooleans && operator == Operator.EQ && actual.equals(value);
        }

        private boolean compareText(String actual, String wanted) {
            Optional<Integer> byTime = compareAsInstants(actual, wanted);
            if (byTime.isPresent() && operator != Operator.SW && operator != Operator.CO) {
                return holds(byTime.get());
            }
            String left = caseSensitive ? actual : actual.toLowerCase(Locale.ROOT);
            String right = caseSensitive ? wanted : wanted.toLowerCase(Locale.ROOT);
            return switch (operator) {
                case SW -> left.startsWith(right);
                case CO -> left.contains(right);
                default -> holds(left.compareTo(right));
            };
        }

        private boolean holds(int comparison) {
            return switch (operator) {
                case EQ -> comparison == 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                default -> false;
            };
        }

        private static Optional<Integer> compareAsInstants(String actual, String wanted) {
            try {
                return Optional.of(Instant.parse(actual).compareTo(Instant.parse(wanted)));
            } catch (DateTimeParseException notTimestamps) {
                return Optional.empty();
            }
        }

        private static boolean isBoolean(JsonValue value) {
            return value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE;
        }

        private static Optional<JsonValue> resolve(JsonObject resource, String path) {
            JsonValue current = resource;
            for (String step : path.split("\\.")) {
                if (!(current instanceof JsonObject object) || !object.containsKey(step)) {
                    return Optional.empty();
                }
                current = object.get(step);
            }
            return Optional.of(current);
        }
    }
}
