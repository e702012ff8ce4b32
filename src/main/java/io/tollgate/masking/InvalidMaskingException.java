package io.tollgate.masking;

import java.util.List;

/** A masking document that cannot be used, with every problem found in it. */
public class InvalidMaskingException extends RuntimeException {

    private final List<String> problems;

    public InvalidMaskingException(String source, List<String> problems) {
        super("masking document " + source + " is invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
