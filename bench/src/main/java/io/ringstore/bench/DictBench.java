package io.ringstore.bench;

import io.ringstore.engine.store.Dict;
import io.ringstore.engine.util.ByteHash;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The keyspace map ({@link Dict}) alone at 1K and 1M keys: {@code findHit} (an existing key, keys
 * visited in a shuffled order so the 1M case misses the caches as a real keyspace does),
 * {@code findMiss} (an absent key), {@code insertRemove} (insert an absent key, then remove it:
 * the size stays put, so no growth or shrink inside the measurement; one op = both). Hashes are
 * computed in setup: this measures probing and comparing, not hashing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms2g", "-Xmx2g"})
public class DictBench {
    @Param({"1000", "1000000"})
    public int keys;

    private Dict dict;
    private byte[][] present;
    private int[] presentHash;
    private byte[][] absent;
    private int[] absentHash;
    private int next;
    private int nextAbsent;

    @Setup(Level.Trial)
    public void setup() {
        dict = new Dict();
        present = new byte[keys][];
        presentHash = new int[keys];
        for (int i = 0; i < keys; i++) {
            present[i] = String.format("key:%012d", i).getBytes(StandardCharsets.US_ASCII);
            presentHash[i] = ByteHash.hash(present[i], 0, present[i].length);
            dict.insert(present[i], presentHash[i]);
        }
        while (dict.rehashStep(1 << 16)) {
            // finish any growth started by the last inserts
        }
        // Visit order shuffled (fixed seed): sequential keys would sit in neighbouring cache lines.
        java.util.Random rnd = new java.util.Random(42);
        for (int i = keys - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            byte[] k = present[i]; present[i] = present[j]; present[j] = k;
            int h = presentHash[i]; presentHash[i] = presentHash[j]; presentHash[j] = h;
        }
        int n = Math.min(keys, 65_536);
        absent = new byte[n][];
        absentHash = new int[n];
        for (int i = 0; i < n; i++) {
            absent[i] = String.format("nokey:%012d", i).getBytes(StandardCharsets.US_ASCII);
            absentHash[i] = ByteHash.hash(absent[i], 0, absent[i].length);
        }
    }

    @Benchmark
    public int findHit() {
        int i = next;
        next = i + 1 == present.length ? 0 : i + 1;
        byte[] k = present[i];
        return dict.find(k, 0, k.length, presentHash[i]);
    }

    @Benchmark
    public int findMiss() {
        int i = nextAbsent;
        nextAbsent = i + 1 == absent.length ? 0 : i + 1;
        byte[] k = absent[i];
        return dict.find(k, 0, k.length, absentHash[i]);
    }

    @Benchmark
    public int insertRemove() {
        int i = nextAbsent;
        nextAbsent = i + 1 == absent.length ? 0 : i + 1;
        int slot = dict.insert(absent[i], absentHash[i]);
        dict.removeAt(slot);
        return slot;
    }
}
