package io.tollgate.masking;

import java.util.Locale;
import java.util.regex.Pattern;

/** A media range as {@code Accept} writes them: {@code text/csv}, {@code text/*}, {@code *}{@code /*}, or a suffix {@code *}{@code /*+xml}. */
record MediaRange(String type, String subtype) {

    private static final Pattern TOKEN = Pattern.compile("[a-z0-9!#$&^_.+-]+|\\*|\\*\\+[a-z0-9!#$&^_.-]+");

    static MediaRange parse(String range) {
        String[] parts = range.strip().toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length != 2 || !TOKEN.matcher(parts[0]).matches() || !TOKEN.matcher(parts[1]).matches()
                || (parts[0].equals("*") && !parts[1].startsWith("*"))) {
            throw new IllegalArgumentException("'" + range + "' is not a media range such as text/csv, text/* or */*");
        }
        return new MediaRange(parts[0], parts[1]);
    }

    /** @param mediaType a media type without parameters, lower case */
    boolean includes(String mediaType) {
        int slash = mediaType.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String t = mediaType.substring(0, slash);
        String s = mediaType.substring(slash + 1);
        boolean typeMatches = type.equals("*") || type.equals(t);
        if (subtype.equals("*")) {
            return typeMatches;
        }
        if (subtype.startsWith("*+")) {
            return typeMatches && s.endsWith(subtype.substring(1));
        }
        return typeMatches && subtype.equals(s);
    }

    @Override
    public String toString() {
        return type + "/" + subtype;
    }
}
