package io.tollgate.sandbox.org;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One page of a list, cut with Okta's cursor semantics: {@code after} is the id of the last item of
 * the previous page, and a next cursor exists only when more matching items remain.
 *
 * @param next the cursor for the following page, when there is one
 */
public record Page<T>(List<T> items, Optional<String> next) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * Cuts a page from {@code ordered} (ascending by id): the first {@code limit} items that match
     * and whose id is greater than {@code after}.
     */
    public static <T> Page<T> of(Iterable<T> ordered, Function<T, String> id, Predicate<T> matching,
                                 String after, int limit) {
        ArrayList<T> items = new ArrayList<>(Math.min(limit, 256));
        for (T item : ordered) {
            if ((after != null && id.apply(item).compareTo(after) <= 0) || !matching.test(item)) {
                continue;
            }
            if (items.size() == limit) {
                return new Page<>(items, Optional.of(id.apply(items.get(items.size() - 1))));
            }
            items.add(item);
        }
        return new Page<>(items, Optional.empty());
    }
}
