package eval;

import java.lang.management.ManagementFactory;
import java.io.*;
import java.util.*;
import java.util.function.LongSupplier;

/**
 * Hand-written warm-loop benchmark. `Bench forks=3` re-launches itself 3 times (fresh JVM each),
 * each fork: warm-up, then 5 timed rounds; fork result = median of rounds; report = median of the 3 forks.
 * Allocation per op = com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes delta / ops (Java heap only).
 */
public final class Bench {
    static final com.sun.management.ThreadMXBean TMX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    static long sink;

    public static void main(String[] args) throws Exception {
        int forks = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String filter = args.length > 1 ? args[1] : "";
        if (forks == 0) { runInThisJvm(filter); return; }
        Map<String, List<double[]>> res = new LinkedHashMap<>();
        String javaBin = System.getProperty("java.home") + "/bin/java";
        for (int f = 0; f < forks; f++) {
            ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xms1g", "-Xmx1g", "-XX:+UseParallelGC",
                    "-cp", System.getProperty("java.class.path"), "eval.Bench", "0", filter);
            pb.redirectErrorStream(true);
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    System.out.println("  [fork " + f + "] " + line);
                    if (line.startsWith("RESULT ")) {
                        String[] s = line.split("\\s+");
                        res.computeIfAbsent(s[1], k -> new ArrayList<>()).add(new double[]{Double.parseDouble(s[2]), Double.parseDouble(s[3])});
                    }
                }
            }
            p.waitFor();
        }
        System.out.println();
        System.out.printf("%-34s %12s %12s   (median of %d forks; per-fork values)%n", "benchmark", "ns/op", "B/op", forks);
        for (Map.Entry<String, List<double[]>> e : res.entrySet()) {
            double[] ns = e.getValue().stream().mapToDouble(d -> d[0]).sorted().toArray();
            double[] b = e.getValue().stream().mapToDouble(d -> d[1]).sorted().toArray();
            System.out.printf("%-34s %12.0f %12.1f   ns=%s B=%s%n", e.getKey(), ns[ns.length / 2], b[b.length / 2],
                    Arrays.toString(ns), Arrays.toString(b));
        }
    }

    static void runInThisJvm(String filter) {
        byte[] key = new byte[16];
        for (int i = 0; i < 16; i++) key[i] = (byte) (i * 17); // includes 0x00 and >0x7f
        byte[][] keys = {key};
        byte[][] argv = {};
        String get = "return redis.call('GET', KEYS[1])";
        String loop = "for i=1,100 do redis.call('INCR', KEYS[1]) end return 1";

        List<Engine> engines = List.of(new LuajavaEngine(), new LuajEngine(false));
        for (Engine e : engines) {
            int hg = e.load(get), hl = e.load(loop);
            // correctness check
            byte[] r = e.evalBytes(hg, keys, argv);
            byte[] exp = (e instanceof LuajavaEngine) ? ((LuajavaEngine) e).getReply : ((LuajEngine) e).getReply;
            if (!Arrays.equals(r, exp)) throw new AssertionError(e.name() + " GET result mismatch");
            if (e.evalLong(hl, keys, argv) != 1) throw new AssertionError("loop");
            String n = e.name();
            if (e instanceof LuajavaEngine) {
                LuajavaEngine lj = (LuajavaEngine) e;
                byte[] saved = lj.getReply.clone();
                byte[] akey = "0123456789abcdef".getBytes();
                for (int i = 0; i < 32; i++) lj.getReply[i] = (byte) ('a' + i % 26);
                lj.asciiFastPath = true;
                if (!Arrays.equals(e.evalBytes(hg, new byte[][]{akey}, argv), lj.getReply)) throw new AssertionError("ascii");
                run(filter, n + " get(ascii-key+reply,fastpath)", () -> e.evalBytes(hg, new byte[][]{akey}, argv).length);
                run(filter, n + " loop100(ascii-key,fastpath)", () -> e.evalLong(hl, new byte[][]{akey}, argv));
                lj.asciiFastPath = false;
                System.arraycopy(saved, 0, lj.getReply, 0, 32);
            }
            run(filter, n + " get", () -> e.evalBytes(hg, keys, argv).length);
            run(filter, n + " loop100", () -> e.evalLong(hl, keys, argv));
            int[] modes = (e instanceof LuajEngine) ? new int[]{1, 2} : new int[]{1};
            for (int m : modes) {
                e.setHookMode(m);
                int hg2 = (e instanceof LuajEngine) ? 0 : hg, hl2 = (e instanceof LuajEngine) ? 1 : hl;
                long f0 = e.hookFires();
                run(filter, n + " get+hook" + m, () -> e.evalBytes(hg2, keys, argv).length);
                run(filter, n + " loop100+hook" + m, () -> e.evalLong(hl2, keys, argv));
                System.out.println("hook fired " + (e.hookFires() - f0) + " times during " + n + " hook" + m);
                e.setHookMode(0);
            }
        }
    }

    static void run(String filter, String name, LongSupplier op) {
        if (!name.contains(filter)) return;
        // calibrate: ~ 400 ms per round
        long t0 = System.nanoTime(); long n = 0;
        while (System.nanoTime() - t0 < 2_000_000_000L) { sink += op.getAsLong(); n++; } // 2 s warm-up
        long perRound = Math.max(1000, n / 5);
        int rounds = 5;
        double[] ns = new double[rounds], bytes = new double[rounds];
        long tid = Thread.currentThread().getId();
        for (int r = 0; r < rounds; r++) {
            long a0 = TMX.getCurrentThreadAllocatedBytes();
            long s = System.nanoTime();
            for (long i = 0; i < perRound; i++) sink += op.getAsLong();
            long el = System.nanoTime() - s;
            long a1 = TMX.getCurrentThreadAllocatedBytes();
            ns[r] = (double) el / perRound;
            bytes[r] = (double) (a1 - a0) / perRound;
        }
        double[] sn = ns.clone(), sb = bytes.clone();
        Arrays.sort(sn); Arrays.sort(sb);
        System.out.printf("RESULT %s %.1f %.1f rounds_ns=%s%n", name.replace(' ', '_'), sn[rounds / 2], sb[rounds / 2], Arrays.toString(ns));
    }
}
