package io.tollgate.sandbox.org.query;

import java.util.Set;

/**
 * What one Okta query parameter accepts. Okta's {@code search} compares string values without regard
 * to case and accepts most attributes; its {@code filter} is case-sensitive and limited to a few
 * attributes and operators. Property names are case-sensitive in both.
 */
public record Dialect(String parameter, boolean caseSensitiveValues, Rule rule) {

    /** Decides whether an attribute may be used with an operator. */
    @FunctionalInterface
    public interface Rule {
        boolean allows(String attribute, Operator operator);
    }

    /** Okta's {@code filter}: only {@code eq}, except the ordering operators on the given timestamps. */
    public static Dialect filter(Set<String> attributes, Set<String> orderedAttributes) {
        return new Dialect("filter", true, (attribute, operator) -> attributes.contains(attribute)
                && (operator == Operator.EQ || operator.isOrdering() && orderedAttributes.contains(attribute)));
    }

    /**
     * Okta's {@code search}: the given top-level attributes and every {@code profile.*} attribute, with
     * every operator except {@code co}, which only the given attributes accept.
     */
    public static Dialect search(Set<String> topLevelAttributes, Set<String> containsAttributes) {
        return new Dialect("search", false, (attribute, operator) ->
                (topLevelAttributes.contains(attribute) || isProfileAttribute(attribute))
                        && (operator != Operator.CO || containsAttributes.contains(attribute)));
    }

    private static boolean isProfileAttribute(String attribute) {
        return attribute.startsWith("profile.") && attribute.length() > "profile.".length()
                && attribute.indexOf('.', "profile.".length()) < 0;
    }
}
