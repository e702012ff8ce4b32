package io.tollgate.identity;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The claims of a verified agent identity, as policies match them: claim name to its values. A
 * string claim has one value, a list claim (such as {@code groups}, {@code scp}, {@code aud}) has
 * one value per element; numbers and booleans count as their text ({@code 42}, {@code true});
 * objects, and the nulls and objects inside lists, are not matchable and left out.
 *
 * @param values claim name to values; a claim without values is absent
 */
public record IdentityClaims(Map<String, List<String>> values) {

    public IdentityClaims {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((name, claimValues) -> {
            if (!claimValues.isEmpty()) {
                copy.put(Objects.requireNonNull(name, "claim name"), List.copyOf(claimValues));
            }
        });
        values = Map.copyOf(copy);
    }

    /**
     * The standard claims Tollgate verifies ({@code iss}, {@code sub}, {@code cid}, {@code aud},
     * {@code scp}, {@code groups}, {@code jti}), plus other claims of the same verified token (for
     * {@code claims:} conditions on claims Tollgate does not model). A standard claim given again in
     * {@code otherClaims} is ignored: the verified identity's value stands. {@link AgentIdentity#claims()}
     * holds those of its own token.
     */
    public static IdentityClaims of(AgentIdentity identity, Map<String, ?> otherClaims) {
        Map<String, List<String>> claims = new LinkedHashMap<>();
        otherClaims.forEach((name, value) -> claims.put(name, valuesOf(value)));
        claims.put("iss", single(identity.issuer()));
        claims.put("sub", single(identity.subject()));
        claims.put("cid", single(identity.clientId()));
        claims.put("aud", identity.audience());
        claims.put("scp", identity.scopes());
        claims.put("groups", identity.groups());
        claims.put("jti", single(identity.tokenId()));
        return new IdentityClaims(claims);
    }

    /** Claims as a JSON object gives them (the explain endpoint's identity): strings, numbers, booleans, lists of them. */
    public static IdentityClaims fromJsonLike(Map<String, ?> claims) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        claims.forEach((name, value) -> values.put(name, valuesOf(value)));
        return new IdentityClaims(values);
    }

    /** The claim's values; empty when the token does not carry it. */
    public List<String> get(String claim) {
        return values.getOrDefault(claim, List.of());
    }

    private static List<String> single(String value) {
        return value == null ? List.of() : List.of(value);
    }

    private static List<String> valuesOf(Object value) {
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(IdentityClaims::scalarText).filter(Objects::nonNull).toList();
        }
        String text = scalarText(value);
        return text == null ? List.of() : List.of(text);
    }

    private static String scalarText(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }
}
