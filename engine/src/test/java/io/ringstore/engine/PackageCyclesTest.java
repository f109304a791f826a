package io.ringstore.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No cycles between the engine's packages. Reads every main source file under
 * {@code engine/src/main/java}, takes the {@code io.ringstore.engine...} packages it depends on from
 * its imports (plain, static, wildcard) and from fully-qualified names written in code (comments and
 * string literals do not count), and fails on any cycle in that package graph.
 *
 * <p>A lower package owns the interface, the higher one implements it (docs/architecture.md, Package
 * map). The cycles that remain are listed in {@link #ALLOWED}, edge by edge, each with the types
 * behind it: the test removes those edges, then requires the rest to be acyclic, and also fails when
 * an allowed edge no longer exists, so the list only shrinks.
 */
@Timeout(60)
class PackageCyclesTest {
    private static final String ROOT = "io.ringstore.engine";

    /** A dependency against the layering, tolerated until the types behind it move. */
    record Allowed(String from, String to, String why) {
    }

    /*
     * The layering, bottom to top: util, reply, config, store, command, block, shard, snapshot,
     * family.shared, the family.<type> packages, family.server (reads family.connection), family,
     * and the root package, which assembles the engine (Engine, EmbeddedEngine, FusedStages).
     *
     * Every edge below goes up against it, and all but two of them to the same three types: the root
     * package also holds the ring's kernel types RequestEvent, EngineContext and ClientSession (and
     * INFO's JournalStatus, ThreadProfile, SnapshotHook), which every layer uses. Those types are in
     * turn tied to command (RequestEvent.cmd is a CommandSpec, EngineContext.table a CommandTable),
     * shard (EngineContext.shards) and block (RequestEvent.deliveries, EngineContext.crossShard), so
     * moving them to a package of their own only moves the cycle; breaking it takes interfaces on
     * those fields, not a move. The two shard edges come from ShardState being data (databases,
     * stats, waiters) that command and block read while ShardHandler, in the same package, drives
     * both of them.
     */
    static final List<Allowed> ALLOWED = List.of(
            new Allowed("command", "", "CommandContext, Ingress, IngressHook, KeyFinder, ClientUnblocker: RequestEvent, EngineContext, ClientSession"),
            new Allowed("block", "", "Blocking, Waiter: RequestEvent, EngineContext, ClientSession"),
            new Allowed("shard", "", "ShardHandler: RequestEvent, EngineContext"),
            new Allowed("command", "shard", "CommandContext.shardFor/db resolve a key's ShardState"),
            new Allowed("block", "shard", "Blocking reads ShardState (databases, waiters)"),
            new Allowed("family.shared", "", "NumKeys: a KeyFinder over RequestEvent"),
            new Allowed("family.connection", "", "ConnectionFamily, ClientFamily, ClientKillFilter: ClientSession, RequestEvent"),
            new Allowed("family.server", "", "INFO, SAVE, SHUTDOWN, DEBUG DIGEST, COMMAND GETKEYS: EngineContext, RequestEvent, JournalStatus, ThreadProfile, SnapshotHook"),
            new Allowed("family.streams", "", "StreamReads: XREAD's key finder over RequestEvent"),
            new Allowed("family.sort", "", "SortKeys: SORT's key finder over RequestEvent"),
            new Allowed("family.zsets", "", "ZsetAlgebra: Z*STORE's key finder over RequestEvent"),
            new Allowed("family.geo", "", "GeoFamily: GEORADIUS[BYMEMBER]'s STORE key finder over RequestEvent"));

    @Test
    void shouldFindNoPackageCycleOutsideTheAllowList() {
        Map<String, Map<String, Set<String>>> graph = graph(sources(Path.of("src", "main", "java")));
        assertTrue(graph.size() > 10, "expected the engine's packages, found " + graph.keySet());
        for (Allowed a : ALLOWED) {
            Map<String, Set<String>> out = graph.getOrDefault(pkg(a.from), Map.of());
            assertTrue(out.containsKey(pkg(a.to)),
                    "allowed edge " + a.from + " -> " + a.to + " no longer exists: remove it from ALLOWED");
            out.remove(pkg(a.to));
        }
        List<String> cycles = cycles(graph);
        assertTrue(cycles.isEmpty(), "package cycles:\n" + String.join("\n", cycles));
    }

    @Test
    void shouldReportCyclesThroughImportsAndInlineNames() {
        Map<String, String> files = new TreeMap<>();
        files.put("a/A.java", "package io.ringstore.engine.a;\n"
                + "import io.ringstore.engine.b.B;\n"
                + "class A { B b; }\n");
        files.put("b/B.java", "package io.ringstore.engine.b;\n"
                + "class B { io.ringstore.engine.c.C c = new io.ringstore.engine.c.C(); }\n");
        files.put("c/C.java", "package io.ringstore.engine.c;\n"
                + "import static io.ringstore.engine.a.A.helper;\n"
                + "class C { }\n");
        files.put("d/D.java", "package io.ringstore.engine.d;\n"
                + "/** Not {@link io.ringstore.engine.a.A}. */\n"
                + "class D { // io.ringstore.engine.a.A\n"
                + "  String s = \"io.ringstore.engine.a.A\"; char q = '\"'; String t = \"\\\" io.ringstore.engine.a.A\";\n"
                + "  io.ringstore.engine.e.E e;\n"
                + "}\n");
        files.put("e/E.java", "package io.ringstore.engine.e;\nclass E { }\n");
        Map<String, Map<String, Set<String>>> graph = graph(files);
        assertEquals(Set.of(pkg("e")), graph.get(pkg("d")).keySet(), "comments and strings do not count");
        List<String> cycles = cycles(graph);
        assertEquals(1, cycles.size(), String.join("\n", cycles));
        assertTrue(cycles.get(0).contains("io.ringstore.engine.b -> io.ringstore.engine.c (b/B.java)"), cycles.get(0));
        assertTrue(cycles.get(0).contains("io.ringstore.engine.c -> io.ringstore.engine.a (c/C.java)"), cycles.get(0));
    }

    private static String pkg(String relative) {
        return relative.isEmpty() ? ROOT : ROOT + "." + relative;
    }

    /** Every .java file under {@code dir}: path relative to it, text. */
    static Map<String, String> sources(Path dir) {
        assertTrue(Files.isDirectory(dir), dir.toAbsolutePath() + " is not a directory");
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
                out.put(dir.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])io\\.ringstore\\.engine(?:\\.[a-z_]\\w*)*\\.[A-Z]\\w*");

    /** Package -> package it depends on -> files that make it depend, for packages under ROOT. */
    static Map<String, Map<String, Set<String>>> graph(Map<String, String> files) {
        Map<String, Map<String, Set<String>>> g = new TreeMap<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            String code = strip(f.getValue());
            Matcher pm = PACKAGE.matcher(code);
            assertTrue(pm.find(), "no package line in " + f.getKey());
            String from = pm.group(1);
            Map<String, Set<String>> out = g.computeIfAbsent(from, k -> new TreeMap<>());
            Set<String> targets = new TreeSet<>();
            Matcher im = IMPORT.matcher(code);
            while (im.find()) {
                targets.add(packageOf(im.group(1)));
            }
            Matcher qm = QUALIFIED.matcher(IMPORT.matcher(code).replaceAll(""));
            while (qm.find()) {
                targets.add(packageOf(qm.group()));
            }
            for (String to : targets) {
                if (!to.equals(from) && (to.equals(ROOT) || to.startsWith(ROOT + "."))) {
                    out.computeIfAbsent(to, k -> new TreeSet<>()).add(f.getKey());
                }
            }
        }
        return g;
    }

    /** The package part of a qualified name: the segments before the first capitalised one (or '*'). */
    static String packageOf(String name) {
        List<String> parts = new ArrayList<>();
        for (String s : name.split("\\.")) {
            if (s.equals("*") || Character.isUpperCase(s.charAt(0))) {
                break;
            }
            parts.add(s);
        }
        return String.join(".", parts);
    }

    /** The source with comments, string, text-block and char literals blanked; line breaks kept. */
    static String strip(String src) {
        StringBuilder sb = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            int end;
            if (src.startsWith("//", i)) {
                end = src.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (src.startsWith("/*", i)) {
                end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < n && src.charAt(end) != c) {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
            } else {
                sb.append(c);
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                sb.append(src.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return sb.toString();
    }

    /**
     * The strongly connected components of more than one package (Tarjan), each as its packages
     * and the edges between them with the files behind each edge.
     */
    static List<String> cycles(Map<String, Map<String, Set<String>>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<String> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, g, index, low, stack, onStack, counter, out);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Map<String, Set<String>>> g, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, int[] counter, List<String> out) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Map.of()).keySet()) {
            if (!index.containsKey(w)) {
                connect(w, g, index, low, stack, onStack, counter, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> scc = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                scc.add(w);
            } while (!w.equals(v));
            if (scc.size() > 1) {
                StringBuilder sb = new StringBuilder("  cycle among " + scc + ":");
                for (String a : scc) {
                    for (Map.Entry<String, Set<String>> e : g.getOrDefault(a, Map.of()).entrySet()) {
                        if (scc.contains(e.getKey())) {
                            sb.append("\n    ").append(a).append(" -> ").append(e.getKey())
                              .append(" (").append(String.join(", ", e.getValue())).append(')');
                        }
                    }
                }
                out.add(sb.toString());
            }
        }
    }
}
