package io.ringstore.transport.diff;

import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;

/**
 * Commands of other data types (lists, sets, hashes and sorted sets have their own families: {@link ListRecipes}, {@link SetRecipes}, {@link HashRecipes}, {@link ZsetRecipes}; none is left here today), here only to put keys of those types into the keyspace so the
 * string and keyspace commands meet WRONGTYPE, TYPE answers other than "string", and RENAME/COPY/
 * MOVE of non-string values. Counted as family "types".
 */
final class TypeRecipes {
    static final String FAMILY = "types";

    private TypeRecipes() {
    }

    static void addTo(List<Recipe> r) {
    }
}
