package io.tollgate.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Randomized property checks with plain JUnit: each property runs {@code -Dtollgate.fuzz.tries}
 * times (1,000 by default in the suite; raise it for a long run) on inputs drawn from a seeded
 * generator, and a failure names the seed and try that reproduce it ({@code -Dtollgate.fuzz.seed}).
 */
public final class Fuzz {

    /** One property to check for an input. */
    @FunctionalInterface
    public interface Property<T> {
        void check(T input) throws Exception;
    }

    private Fuzz() {
    }

    public static <T> void forAll(Function<Random, T> inputs, Property<T> property) {
        int tries = Integer.getInteger("tollgate.fuzz.tries", 1000);
        long seed = Long.getLong("tollgate.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int attempt = 1; attempt <= tries; attempt++) {
            T input = inputs.apply(random);
            try {
                property.check(input);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("try " + attempt + " of seed " + seed + " (-Dtollgate.fuzz.seed=" + seed
                        + ") fails for input " + printable(input) + ": " + e.getMessage(), e);
            }
        }
    }

    public static <T> T oneOf(Random random, T[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    public static int between(Random random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** Up to {@code maxSize} pieces from {@code choices}, joined. */
    public static String stitched(Random random, String[] choices, int minSize, int maxSize) {
        StringBuilder text = new StringBuilder();
        for (int i = between(random, minSize, maxSize); i > 0; i--) {
            text.append(oneOf(random, choices));
        }
        return text.toString();
    }

    public static <T> List<T> listOf(Random random, int minSize, int maxSize, Function<Random, T> element) {
        List<T> list = new ArrayList<>();
        for (int i = between(random, minSize, maxSize); i > 0; i--) {
            list.add(element.apply(random));
        }
        return list;
    }

    /** Any characters at all, surrogates and controls included, up to {@code maxLength}. */
    public static String anyString(Random random, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            text.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x80) : (char) random.nextInt(Character.MAX_VALUE + 1));
        }
        return text.toString();
    }

    private static String printable(Object input) {
        String text = input instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(input);
        StringBuilder escaped = new StringBuilder();
        text.codePoints().limit(400).forEach(c -> escaped.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return '"' + escaped.toString() + '"';
    }
}
