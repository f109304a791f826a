package io.ringstore.engine.family.streams;

import io.ringstore.engine.store.StreamId;

/**
 * Per-thread scratch for the stream commands: parsed ids, the text of an id being replied, and the
 * trimming options, so parsing and replying ids allocates nothing. One instance per shard thread
 * (a thread-local fetched once per command); never shared.
 */
final class StreamScratch {
    private static final ThreadLocal<StreamScratch> LOCAL = ThreadLocal.withInitial(StreamScratch::new);

    final long[] id = new long[2];
    final long[] id2 = new long[2];
    final byte[] text = new byte[StreamId.MAX_TEXT];
    final StreamTrimArgs trim = new StreamTrimArgs();
    /** Per-stream ids of XREAD/XREADGROUP (ms, seq pairs), grown on demand. */
    long[] ids = new long[32];

    static StreamScratch get() {
        return LOCAL.get();
    }

    long[] ids(int streams) {
        if (ids.length < streams * 2) {
            ids = new long[streams * 2];
        }
        return ids;
    }
}
