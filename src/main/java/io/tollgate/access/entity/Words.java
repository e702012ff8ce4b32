package io.tollgate.access.entity;

import java.util.Arrays;
import java.util.List;

/** Lists of names (operation ids, scopes, groups) stored as one space-separated column. */
final class Words {

    private Words() {
    }

    static String join(List<String> words) {
        return words == null || words.isEmpty() ? "" : String.join(" ", words);
    }

    static List<String> split(String column) {
        return column == null || column.isBlank() ? List.of() : Arrays.asList(column.trim().split(" +"));
    }
}
