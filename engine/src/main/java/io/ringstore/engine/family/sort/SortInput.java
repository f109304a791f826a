package io.ringstore.engine.family.sort;

import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ListCursor;
import io.ringstore.engine.store.ListValue;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.SetValue;
import io.ringstore.engine.store.ZsetValue;

/**
 * Loads SORT's vector from the sorted key: a list in its order, a set in its iteration order
 * (ascending for an intset), a sorted set by rank. For "don't sort" (BY without '*') on a list or
 * sorted set, only the LIMIT range is loaded, walking backwards from the end for DESC. Elements
 * are copied, as Redis makes string objects of them. Stateless; the shard thread running SORT.
 */
final class SortInput {
    private SortInput() {
    }

    static long size(Db db, int slot) {
        return ((io.ringstore.engine.store.CollectionValue) db.dict().value(slot)).size();
    }

    /** zsetConvert(OBJ_ENCODING_SKIPLIST): SORT turns a listpack sorted set into a skiplist for good. */
    static void toSkiplist(Db db, int slot) {
        ZsetValue z = (ZsetValue) db.dict().value(slot);
        if (z.encoding() != ObjectType.ENC_SKIPLIST) {
            z.convert();
            db.dict().setMeta(slot, ObjectType.withEncoding(db.dict().meta(slot), z.encoding()));
        }
    }

    /** Every element, for sorting (or for a set replied unsorted). */
    static void all(Db db, int slot, int type, SortVector v) {
        Object value = db.dict().value(slot);
        if (type == ObjectType.LIST) {
            ListCursor it = new ListCursor();
            it.seek((ListValue) value, 0);
            for (int j = 0; j < v.size; j++) {
                v.obj[j] = it.copy();
                it.next();
            }
            it.release();
        } else if (type == ObjectType.SET) {
            int[] k = {0};
            ((SetValue) value).forEach(m -> v.obj[k[0]++] = m);
        } else {
            ZsetValue z = (ZsetValue) value;
            z.seek(0);
            for (int j = 0; j < v.size; j++) {
                v.obj[j] = z.memberCopy();
                z.next();
            }
        }
    }

    /**
     * Elements {@code start}.. of a list or sorted set (counted from the end for {@code desc}),
     * as many as the vector holds, in that direction.
     */
    static void range(Db db, int slot, int type, long start, boolean desc, SortVector v) {
        Object value = db.dict().value(slot);
        if (type == ObjectType.LIST) {
            ListValue l = (ListValue) value;
            ListCursor it = new ListCursor();
            it.seek(l, (int) (desc ? l.size() - start - 1 : start));
            for (int j = 0; j < v.size; j++) {
                v.obj[j] = it.copy();
                if (desc) {
                    it.prev();
                } else {
                    it.next();
                }
            }
            it.release();
        } else {
            ZsetValue z = (ZsetValue) value;
            z.seek(desc ? z.size() - start - 1 : start);
            for (int j = 0; j < v.size; j++) {
                v.obj[j] = z.memberCopy();
                if (desc) {
                    z.prev();
                } else {
                    z.next();
                }
            }
        }
    }
}
