package io.ringstore.transport.diff;

import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;

/**
 * Commands of other data types (lists and hashes have their own families, {@link ListRecipes}, {@link HashRecipes}), here only to put keys of those types into the keyspace so the
 * string and keyspace commands meet WRONGTYPE, TYPE answers other than "string", and RENAME/COPY/
 * MOVE of non-string values. Counted as family "types".
 */
final class TypeRecipes {
    static final String FAMILY = "types";

    private TypeRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("zadd", FAMILY, 1, EXACT, g -> g.add("ZADD").add(g.key()).add(g.floating(), g.word())));
    }
}
