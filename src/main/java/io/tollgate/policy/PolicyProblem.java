package io.tollgate.policy;

/**
 * One thing wrong with a policy document.
 *
 * @param line    1-based line of the offending text, or 0 when it has none (an empty document)
 * @param column  1-based column, or 0 with line 0
 * @param field   where in the document, e.g. {@code rules[2].when.request.operations[0]}; empty
 *                for the document as a whole
 * @param message what is wrong, in words an operator can act on
 */
public record PolicyProblem(int line, int column, String field, String message) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (line > 0) {
            text.append("line ").append(line).append(", column ").append(column).append(": ");
        }
        if (!field.isEmpty()) {
            text.append(field).append(": ");
        }
        return text.append(message).toString();
    }
}
