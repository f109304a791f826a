package io.ringstore.engine.family.streams;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.StreamId;

/**
 * The options of XADD and XTRIM (Redis 7.0's streamParseAddOrTrimArgsOrReply): MAXLEN / MINID with
 * '=' or '~', LIMIT, and for XADD NOMKSTREAM and the id. Parsed in Redis's order with its error
 * texts. Reused per thread through {@link StreamScratch}.
 */
final class StreamTrimArgs {
    static final int NONE = 0;
    static final int MAXLEN = 1;
    static final int MINID = 2;

    int strategy;
    boolean approx;
    long maxLen;
    long minMs;
    long minSeq;
    long limit;
    boolean noMkStream;
    boolean idGiven;
    boolean seqGiven;
    long idMs;
    long idSeq;

    /**
     * Parses from argument 2; returns the id's position for XADD (the argument after the options),
     * any positive value for XTRIM, or -1 after replying an error.
     */
    int parse(CommandContext c, boolean xadd, long nodeMaxEntries) {
        strategy = NONE;
        approx = false;
        maxLen = 0;
        minMs = 0;
        minSeq = 0;
        limit = 0;
        noMkStream = false;
        idGiven = false;
        seqGiven = true;
        idMs = 0;
        idSeq = 0;
        boolean limitGiven = false;
        long[] id = StreamScratch.get().id2;
        int argc = c.args.count();
        int i = 2;
        for (; i < argc; i++) {
            int more = argc - 1 - i;
            if (xadd && c.args.len(i) == 1 && c.args.buf()[c.args.off(i)] == '*') {
                break;
            } else if (c.argIs(i, StreamFamily.MAXLEN) && more > 0) {
                if (strategy != NONE) {
                    c.reply.error(Errors.XTRIM_MAXLEN_AND_MINID);
                    return -1;
                }
                approx = false;
                if (more >= 2 && isChar(c, i + 1, '~')) {
                    approx = true;
                    i++;
                } else if (more >= 2 && isChar(c, i + 1, '=')) {
                    i++;
                }
                if (!c.longOrReply(i + 1)) {
                    return -1;
                }
                if (c.num < 0) {
                    c.reply.error(Errors.XTRIM_MAXLEN_NEGATIVE);
                    return -1;
                }
                maxLen = c.num;
                i++;
                strategy = MAXLEN;
            } else if (c.argIs(i, StreamFamily.MINID) && more > 0) {
                if (strategy != NONE) {
                    c.reply.error(Errors.XTRIM_MAXLEN_AND_MINID);
                    return -1;
                }
                approx = false;
                if (more >= 2 && isChar(c, i + 1, '~')) {
                    approx = true;
                    i++;
                } else if (more >= 2 && isChar(c, i + 1, '=')) {
                    i++;
                }
                if (!StreamFamily.parseId(c, i + 1, 0, true, false, id)) {
                    return -1;
                }
                minMs = id[0];
                minSeq = id[1];
                i++;
                strategy = MINID;
            } else if (c.argIs(i, StreamFamily.LIMIT) && more > 0) {
                if (!c.longOrReply(i + 1)) {
                    return -1;
                }
                if (c.num < 0) {
                    c.reply.error(Errors.XTRIM_LIMIT_NEGATIVE);
                    return -1;
                }
                limit = c.num;
                limitGiven = true;
                i++;
            } else if (xadd && c.argIs(i, StreamFamily.NOMKSTREAM)) {
                noMkStream = true;
            } else if (xadd) {
                int r = StreamId.parse(c.args.buf(), c.args.off(i), c.args.len(i), 0, true, true, id);
                if (r == StreamId.INVALID) {
                    c.reply.error(Errors.STREAM_INVALID_ID);
                    return -1;
                }
                idGiven = true;
                seqGiven = r == StreamId.SEQ_GIVEN;
                idMs = id[0];
                idSeq = id[1];
                break;
            } else {
                c.reply.error(Errors.SYNTAX);
                return -1;
            }
        }
        if (limit != 0 && strategy == NONE) {
            c.reply.error(Errors.XTRIM_LIMIT_WITHOUT_STRATEGY);
            return -1;
        }
        if (!xadd && strategy == NONE) {
            c.reply.error(Errors.XTRIM_WITHOUT_STRATEGY);
            return -1;
        }
        if (limitGiven) {
            if (!approx) {
                c.reply.error(Errors.XTRIM_LIMIT_WITHOUT_APPROX);
                return -1;
            }
        } else if (approx) {
            limit = 100 * nodeMaxEntries;
            if (limit <= 0 || limit > 10000) {
                limit = 10000;
            }
        } else {
            limit = 0;
        }
        return i;
    }

    private static boolean isChar(CommandContext c, int i, char ch) {
        return c.args.len(i) == 1 && c.args.buf()[c.args.off(i)] == ch;
    }
}
