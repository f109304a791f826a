package io.ringstore.engine.store;

import java.util.Arrays;

/**
 * A list value (Redis's OBJ_LIST): a growable ring buffer of element byte arrays, power-of-two
 * capacity, head index plus size. Push and pop at both ends are O(1) amortised; index, set, insert
 * and remove are O(n) (insert and remove shift the shorter side). Elements are stored as given
 * (callers pass copies they own). Owned by the shard thread that owns its key.
 *
 * <p>Redis 7.0 stores every list as a quicklist and OBJECT ENCODING answers "quicklist" for all of
 * them (listpack-encoded lists arrive in 7.2), so the key's meta encoding is always
 * {@link ObjectType#ENC_QUICKLIST}; this structure's layout is not visible to clients.
 */
public final class ListValue implements CollectionValue {
    private static final int MIN_CAPACITY = 4;

    private byte[][] items;
    private int head;
    private int size;

    public ListValue() {
        items = new byte[MIN_CAPACITY][];
    }

    private ListValue(byte[][] items, int head, int size) {
        this.items = items;
        this.head = head;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    public int length() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Deep copy: element arrays are copied too, so COPY's destination shares nothing. */
    @Override
    public ListValue duplicate() {
        byte[][] copy = new byte[items.length][];
        for (int i = 0; i < size; i++) {
            int p = (head + i) & (items.length - 1);
            copy[p] = items[p].clone();
        }
        return new ListValue(copy, head, size);
    }

    private int pos(int index) {
        return (head + index) & (items.length - 1);
    }

    public byte[] get(int index) {
        return items[pos(index)];
    }

    public void set(int index, byte[] v) {
        items[pos(index)] = v;
    }

    public void pushHead(byte[] v) {
        ensureRoom();
        head = (head - 1) & (items.length - 1);
        items[head] = v;
        size++;
    }

    public void pushTail(byte[] v) {
        ensureRoom();
        items[pos(size)] = v;
        size++;
    }

    public void push(byte[] v, boolean head) {
        if (head) {
            pushHead(v);
        } else {
            pushTail(v);
        }
    }

    /** Removes and returns the first element; the list must not be empty. */
    public byte[] popHead() {
        byte[] v = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        return v;
    }

    /** Removes and returns the last element; the list must not be empty. */
    public byte[] popTail() {
        int p = pos(size - 1);
        byte[] v = items[p];
        items[p] = null;
        size--;
        return v;
    }

    public byte[] pop(boolean head) {
        return head ? popHead() : popTail();
    }

    /** Inserts {@code v} so that it becomes element {@code index} (0..size). */
    public void insert(int index, byte[] v) {
        if (index == 0) {
            pushHead(v);
            return;
        }
        ensureRoom();
        if (index < size / 2) {
            head = (head - 1) & (items.length - 1);
            for (int i = 0; i < index; i++) {
                items[pos(i)] = items[pos(i + 1)];
            }
        } else {
            for (int i = size; i > index; i--) {
                items[pos(i)] = items[pos(i - 1)];
            }
        }
        items[pos(index)] = v;
        size++;
    }

    /** Removes element {@code index} (0..size-1). */
    public void remove(int index) {
        if (index < size / 2) {
            for (int i = index; i > 0; i--) {
                items[pos(i)] = items[pos(i - 1)];
            }
            items[head] = null;
            head = (head + 1) & (items.length - 1);
        } else {
            for (int i = index; i < size - 1; i++) {
                items[pos(i)] = items[pos(i + 1)];
            }
            items[pos(size - 1)] = null;
        }
        size--;
    }

    /** Keeps elements [start, end] (inclusive, 0 <= start <= end < size); drops the rest. */
    public void trim(int start, int end) {
        for (int i = 0; i < start; i++) {
            popHead();
        }
        int drop = size - (end - start + 1);
        for (int i = 0; i < drop; i++) {
            popTail();
        }
    }

    /** Removes every element. */
    public void clear() {
        Arrays.fill(items, null);
        head = 0;
        size = 0;
    }

    /** Whether element {@code index} equals buf[off, off+len). */
    public boolean equalsAt(int index, byte[] buf, int off, int len) {
        byte[] e = items[pos(index)];
        return Arrays.equals(e, 0, e.length, buf, off, off + len);
    }

    private void ensureRoom() {
        if (size < items.length) {
            return;
        }
        byte[][] grown = new byte[items.length * 2][];
        for (int i = 0; i < size; i++) {
            grown[i] = items[pos(i)];
        }
        items = grown;
        head = 0;
    }
}
