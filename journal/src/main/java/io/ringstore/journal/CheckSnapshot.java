package io.ringstore.journal;

import io.ringstore.engine.store.ObjectType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The snapshot check and inspect tool, like redis-check-rdb:
 * {@code ringstore-check-snapshot [--keys] <file | dir [dbfilename]>}. For a file: verifies it
 * (size, CRC32C, magic, version, the sequence against the name) and summarises it (cut sequence and
 * time, keys per database, per type and encoding, per shard section, keys with a deadline);
 * {@code --keys} also lists every key (db, type, encoding, deadline, key). For a directory: checks
 * every snapshot, newest first, and says which one start-up would load. Exit status: 0 when the
 * file (or, for a directory, the newest snapshot) verifies, 1 when damaged, 2 on a usage error.
 * Reads only; a damaged file is reported, never changed (move it away to start without it).
 */
public final class CheckSnapshot {
    private CheckSnapshot() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws IOException {
        ToolArgs t = ToolArgs.parse(args, "file> or <dir", "dump.rss", "--keys");
        if (t.error != null) {
            return usage(out, t.error);
        }
        boolean keys = t.has("--keys");
        String target = t.path;
        String prefix = t.prefix;
        Path p = Paths.get(target);
        if (Files.isDirectory(p)) {
            List<Path> all = SnapshotFormat.snapshots(p, prefix);
            if (all.isEmpty()) {
                out.println("no snapshots named " + prefix + ".<sequence> in " + p);
                return 1;
            }
            int status = -1;
            boolean chosen = false;
            for (int i = all.size() - 1; i >= 0; i--) {
                boolean ok = check(all.get(i), prefix, keys, out);
                if (ok && !chosen) {
                    out.println("  -> start-up would load this snapshot");
                    chosen = true;
                }
                if (status < 0) {
                    status = ok ? 0 : 1;
                }
            }
            return status;
        }
        if (!Files.isRegularFile(p)) {
            return usage(out, "no such file or directory: " + p);
        }
        String name = p.getFileName().toString();
        String filePrefix = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        return check(p, filePrefix, keys, out) ? 0 : 1;
    }

    private static boolean check(Path file, String prefix, boolean keys, PrintStream out) throws IOException {
        SnapshotReader.Header h;
        try {
            h = SnapshotReader.verify(file, prefix);
        } catch (SnapshotCorruptException e) {
            out.println("DAMAGED " + e.getMessage());
            return false;
        }
        out.println("snapshot " + file + " OK (" + Files.size(file) + " bytes, CRC32C verified)");
        out.println("  cut at journal sequence " + h.sequence + ", " + Instant.ofEpochMilli(h.timeMs)
                + ", written by " + h.shards + " shard(s), " + h.databases + " databases, " + h.entries + " keys");
        Map<Integer, long[]> perDb = new TreeMap<>();
        Map<String, long[]> perType = new TreeMap<>();
        Map<Integer, long[]> perShard = new TreeMap<>();
        long[] waiters = {0};
        long[] libraries = {0};
        try {
            SnapshotReader.scan(h, new SnapshotReader.EntryVisitor() {
                @Override
                public void entry(int shard, int db, int type, int encoding, long deadline, byte[] key, byte[] value) {
                    long[] d = perDb.computeIfAbsent(db, x -> new long[3]);
                    d[0]++;
                    d[1] += deadline != 0 ? 1 : 0;
                    d[2] += key.length + value.length;
                    perType.computeIfAbsent(ObjectType.typeName(type) + " " + ObjectType.encodingName(encoding),
                            x -> new long[1])[0]++;
                    perShard.computeIfAbsent(shard, x -> new long[1])[0]++;
                    if (keys) {
                        out.println("  db" + db + " " + ObjectType.typeName(type) + " " + ObjectType.encodingName(encoding)
                                + " " + (deadline == 0 ? "-" : Instant.ofEpochMilli(deadline).toString()) + " "
                                + printable(key));
                    }
                }

                @Override
                public void waiter(int shard, int db, int resp, long clientId, long deadlineMs, int firstKey,
                                   int keyCount, byte[][] args) {
                    waiters[0]++;
                    if (keys) {
                        out.println("  blocked client " + clientId + " db" + db + " " + printable(args[0]) + " "
                                + printable(args[firstKey]) + (keyCount > 1 ? " (+" + (keyCount - 1) + " keys)" : ""));
                    }
                }

                @Override
                public void library(byte[] code) {
                    libraries[0]++;
                    if (keys) {
                        int nl = 0;
                        while (nl < code.length && code[nl] != '\n') {
                            nl++;
                        }
                        out.println("  function library " + printable(java.util.Arrays.copyOf(code, nl)) + " ("
                                + code.length + " bytes)");
                    }
                }
            });
        } catch (SnapshotCorruptException e) {
            out.println("DAMAGED " + e.getMessage());
            return false;
        }
        perDb.forEach((db, d) -> out.println("  db" + db + ": keys=" + d[0] + " expires=" + d[1] + " bytes=" + d[2]));
        perType.forEach((t, n) -> out.println("  " + t + ": " + n[0]));
        perShard.forEach((s, n) -> out.println("  from shard " + s + ": " + n[0]));
        if (libraries[0] > 0) {
            out.println("  function libraries: " + libraries[0]);
        }
        if (waiters[0] > 0) {
            out.println("  blocked clients at the cut: " + waiters[0] + " (re-created when the journal is replayed)");
        }
        return true;
    }

    /** Key bytes as redis-cli quotes them: printable ASCII as is, the rest as \xHH. */
    private static String printable(byte[] key) {
        StringBuilder sb = new StringBuilder(key.length + 2).append('"');
        for (byte b : key) {
            int c = b & 0xFF;
            if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append('"').toString();
    }

    private static int usage(PrintStream out, String why) {
        out.println("ringstore-check-snapshot: " + why);
        out.println("usage: ringstore-check-snapshot [--keys] <snapshot file | dir [dbfilename]>");
        return 2;
    }
}
