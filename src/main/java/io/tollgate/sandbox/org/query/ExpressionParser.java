package io.tollgate.sandbox.org.query;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses Okta's filter language: {@code attribute op "value"}, {@code attribute pr}, combined with
 * {@code and} (binding tighter) and {@code or}, grouped with parentheses. Values are double-quoted
 * strings (with {@code \"} and {@code \\} escapes), numbers, {@code true} or {@code false}.
 * Keywords and operators are case-insensitive; attribute names are not.
 */
public final class ExpressionParser {

    /** Okta refuses overly long queries; a bound here keeps a hostile one from costing much. */
    static final int MAX_LENGTH = 2048;

    private final Dialect dialect;
    private final List<Token> tokens;
    private int position;

    private ExpressionParser(Dialect dialect, List<Token> tokens) {
        this.dialect = dialect;
        this.tokens = tokens;
    }

    public static Expression parse(String text, Dialect dialect) {
        if (text == null || text.isBlank()) {
            throw new InvalidExpressionException(dialect.parameter() + " is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidExpressionException(dialect.parameter() + " is longer than " + MAX_LENGTH + " characters");
        }
        ExpressionParser parser = new ExpressionParser(dialect, tokenize(text));
        Expression expression = parser.disjunction();
        if (!parser.atEnd()) {
            throw new InvalidExpressionException("unexpected '" + parser.peek().text() + "' at position " + parser.peek().offset());
        }
        return expression;
    }

    private Expression disjunction() {
        Expression left = conjunction();
        while (nextIsKeyword("or")) {
            position++;
            left = new Expression.Or(left, conjunction());
        }
        return left;
    }

    private Expression conjunction() {
        Expression left = term();
        while (nextIsKeyword("and")) {
            position++;
            left = new Expression.And(left, term());
        }
        return left;
    }

    private Expression term() {
        Token token = next("an attribute or '('");
        if (token.kind() == Kind.OPEN) {
            Expression inner = disjunction();
            Token close = next("')'");
            if (close.kind() != Kind.CLOSE) {
                throw unexpected(close, "')'");
            }
            return inner;
        }
        if (token.kind() != Kind.WORD || !isAttributeName(token.text())) {
            throw unexpected(token, "an attribute");
        }
        return comparison(token);
    }

    private Expression comparison(Token attribute) {
        Token operatorToken = next("an operator");
        Operator operator = operatorToken.kind() == Kind.WORD ? Operator.parse(operatorToken.text()).orElse(null) : null;
        if (operator == null) {
            throw unexpected(operatorToken, "an operator (eq, sw, co, gt, ge, lt, le, pr)");
        }
        if (!dialect.rule().allows(attribute.text(), operator)) {
            throw new InvalidExpressionException(dialect.parameter() + " does not support '" + attribute.text() + " "
                    + operator.keyword() + "'");
        }
        if (operator == Operator.PR) {
            return new Expression.Comparison(attribute.text(), operator, null, dialect.caseSensitiveValues());
        }
        JsonValue value = value(next("a value"));
        if (operator == Operator.SW || operator == Operator.CO) {
            if (value.getValueType() != JsonValue.ValueType.STRING) {
                throw new InvalidExpressionException("'" + operator.keyword() + "' needs a quoted string value");
            }
        }
        return new Expression.Comparison(attribute.text(), operator, value, dialect.caseSensitiveValues());
    }

    private static JsonValue value(Token token) {
        if (token.kind() == Kind.STRING) {
            return Json.createValue(token.text());
        }
        if (token.kind() == Kind.WORD) {
            String word = token.text().toLowerCase(Locale.ROOT);
            if (word.equals("true")) {
                return JsonValue.TRUE;
            }
            if (word.equals("false")) {
                return JsonValue.FALSE;
            }
            try {
                return Json.createValue(new BigDecimal(token.text()));
            } catch (NumberFormatException notANumber) {
                // Falls through to the error below: bare words are not values.
            }
        }
        throw unexpected(token, "a value (a quoted string, a number, true or false)");
    }

    private boolean nextIsKeyword(String keyword) {
        return !atEnd() && peek().kind() == Kind.WORD && peek().text().equalsIgnoreCase(keyword);
    }

    private Token next(String expected) {
        if (atEnd()) {
            throw new InvalidExpressionException("expected " + expected + " but the expression ended");
        }
        return tokens.get(position++);
    }

    private Token peek() {
        return tokens.get(position);
    }

    private boolean atEnd() {
        return position >= tokens.size();
    }

    private static InvalidExpressionException unexpected(Token token, String expected) {
        return new InvalidExpressionException("expected " + expected + " at position " + token.offset()
                + " but found '" + token.text() + "'");
    }

    private static boolean isAttributeName(String word) {
        return word.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    }

    private enum Kind { WORD, STRING, OPEN, CLOSE }

    private record Token(Kind kind, String text, int offset) {
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), i));
                i++;
            } else if (c == '"') {
                i = quoted(text, i, tokens);
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "()\"".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), start));
            }
        }
        return tokens;
    }

    /** Reads the string starting at the quote at {@code start}; answers the position after its closing quote. */
    private static int quoted(String text, int start, List<Token> tokens) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                tokens.add(new Token(Kind.STRING, value.toString(), start));
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= text.length() || (text.charAt(i + 1) != '"' && text.charAt(i + 1) != '\\')) {
                    throw new InvalidExpressionException("invalid escape at position " + i + " (only \\\" and \\\\ are allowed)");
                }
                i++;
                c = text.charAt(i);
            }
            value.append(c);
            i++;
        }
        throw new InvalidExpressionException("unterminated string starting at position " + start);
    }
}
