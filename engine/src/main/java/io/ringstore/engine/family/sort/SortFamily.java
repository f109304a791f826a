package io.ringstore.engine.family.sort;

import io.ringstore.engine.command.CommandTable;

/**
 * SORT and SORT_RO (Redis's sort.c): the command rows. Both are movable-keys rows whose key finder
 * ({@link SortKeys}) also sends a SORT with BY/GET patterns to a barrier, since the keys those
 * patterns name are known only while it runs. The command itself is {@link SortCommand}.
 */
public final class SortFamily {
    private static final String COMPLEXITY = "O(N+M*log(M)) where N is the number of elements in the list or set to "
            + "sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).";

    private SortFamily() {
    }

    public static void register(CommandTable t) {
        t.group("generic");
        t.add("sort", -2, "write denyoom", 1, 1, 1, c -> SortCommand.sort(c, false))
                .keys(SortKeys::sort).acl("@set @sortedset @list @dangerous")
                .doc("1.0.0", "Sort the elements in a list, set or sorted set", COMPLEXITY);
        t.add("sort_ro", -2, "readonly", 1, 1, 1, c -> SortCommand.sort(c, true))
                .keys(SortKeys::sortRo).acl("@set @sortedset @list @dangerous")
                .doc("7.0.0", "Sort the elements in a list, set or sorted set. Read-only variant of SORT.", COMPLEXITY);
    }
}
