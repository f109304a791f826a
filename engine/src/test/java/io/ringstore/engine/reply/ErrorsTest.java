package io.ringstore.engine.reply;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Error texts live in {@link Errors} only. Reads the engine's main sources and fails when a text of
 * the registry (or the fixed start of one of its formatted texts) appears again as a string literal
 * elsewhere, or when a plain error literal (a code such as ERR or WRONGTYPE, no arguments) is
 * written outside the registry, so texts cannot drift apart across handlers. Literals joined by
 * {@code +} are read as one; comments are skipped.
 */
@Timeout(30)
class ErrorsTest {
    private static final Path MAIN = sources();
    private static final Path REGISTRY = MAIN.resolve("io/ringstore/engine/reply/Errors.java");

    /** A string literal, or literals joined by '+', with whether a non-literal is joined to it. */
    private record Literal(String text, int line, boolean formatted) {
    }

    @Test
    void shouldKeepEveryErrorTextInTheRegistryOnly() throws IOException {
        List<Literal> registry = literals(Files.readString(REGISTRY));
        Set<String> codes = new HashSet<>();
        Set<String> texts = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (Literal l : registry) {
            String code = code(l.text);
            if (code == null) {
                continue;
            }
            codes.add(code);
            (l.formatted ? prefixes : texts).add(l.text);
        }
        for (String constant : constants()) {
            assertTrue(texts.contains(constant), "registry constant not read from the source: " + constant);
        }
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                if (p.equals(REGISTRY)) {
                    continue;
                }
                for (Literal l : literals(Files.readString(p))) {
                    String code = code(l.text);
                    if (code == null || !codes.contains(code)) {
                        continue;
                    }
                    String where = MAIN.relativize(p) + ":" + l.line + " \"" + l.text + "\"";
                    if (texts.contains(l.text)) {
                        found.add(where + " repeats a registry text");
                    } else if (prefixes.stream().anyMatch(l.text::startsWith)) {
                        found.add(where + " repeats a registry template");
                    } else if (!l.formatted) {
                        found.add(where + " is a plain error text outside the registry");
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void shouldEncodeTheSharedRepliesFromTheirTexts() {
        assertArrayEquals(("-" + Errors.WRONGTYPE + "\r\n").getBytes(StandardCharsets.US_ASCII),
                Errors.WRONGTYPE_REPLY);
        assertArrayEquals(("-" + Errors.SYNTAX + "\r\n").getBytes(StandardCharsets.US_ASCII), Errors.SYNTAX_REPLY);
        assertArrayEquals(("-" + Errors.NOT_INTEGER + "\r\n").getBytes(StandardCharsets.US_ASCII),
                Errors.NOT_INTEGER_REPLY);
    }

    @Test
    void shouldFormatTheSharedTemplatesAsRedisDoes() {
        assertEquals("ERR wrong number of arguments for 'get' command", Errors.wrongArgs("get"));
        assertEquals("ERR unknown subcommand or wrong number of arguments for 'x'. Try CLIENT HELP.",
                Errors.unknownSubcommand("x", "CLIENT"));
        assertEquals("NOGROUP No such key 'k' or consumer group 'g'", Errors.noSuchKeyOrGroup("k", "g"));
        assertEquals("NOGROUP No such consumer group 'g' for key name 'k'", Errors.noSuchGroup("g", "k"));
    }

    /** The values of the registry's String constants. */
    private static List<String> constants() {
        List<String> out = new ArrayList<>();
        for (Field f : Errors.class.getFields()) {
            if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    out.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertTrue(out.size() > 50, "read " + out.size() + " constants");
        return out;
    }

    /** The error code a text starts with (an upper-case word and a space), or null. */
    private static String code(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) >= 'A' && text.charAt(i) <= 'Z') {
            i++;
        }
        return i >= 2 && i < text.length() && text.charAt(i) == ' ' ? text.substring(0, i) : null;
    }

    /**
     * The string literals of a Java source, skipping comments and char literals, with adjacent
     * literals joined by '+' read as one; {@code formatted} when a non-literal is joined to it.
     */
    private static List<Literal> literals(String src) {
        List<Object[]> tokens = new ArrayList<>(); // {text or null, isString, line}
        int line = 1;
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                int end = src.indexOf('\n', i);
                i = end < 0 ? src.length() : end;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2) + 2;
                line += count(src, i, end);
                i = end;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (src.charAt(j) != '"') {
                    if (src.charAt(j) == '\\') {
                        char e = src.charAt(j + 1);
                        sb.append(e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e);
                        j += 2;
                    } else {
                        sb.append(src.charAt(j++));
                    }
                }
                tokens.add(new Object[] {sb.toString(), true, line});
                i = j + 1;
            } else if (c == '\'') {
                int j = i + 1;
                while (src.charAt(j) != '\'') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                tokens.add(new Object[] {null, false, line});
                i = j + 1;
            } else if (Character.isWhitespace(c)) {
                line += c == '\n' ? 1 : 0;
                i++;
            } else {
                tokens.add(new Object[] {String.valueOf(c), false, line});
                i++;
            }
        }
        List<Literal> out = new ArrayList<>();
        for (int k = 0; k < tokens.size(); k++) {
            if (!(boolean) tokens.get(k)[1]) {
                continue;
            }
            boolean formatted = k > 0 && "+".equals(tokens.get(k - 1)[0]);
            StringBuilder text = new StringBuilder((String) tokens.get(k)[0]);
            int first = (int) tokens.get(k)[2];
            while (k + 2 < tokens.size() && "+".equals(tokens.get(k + 1)[0]) && (boolean) tokens.get(k + 2)[1]) {
                text.append((String) tokens.get(k + 2)[0]);
                k += 2;
            }
            formatted |= k + 1 < tokens.size() && "+".equals(tokens.get(k + 1)[0]);
            out.add(new Literal(text.toString(), first, formatted));
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += s.charAt(i) == '\n' ? 1 : 0;
        }
        return n;
    }

    /** engine/src/main/java, from the module directory (Maven) or the repository root. */
    private static Path sources() {
        for (String p : new String[] {"src/main/java", "engine/src/main/java"}) {
            Path dir = Path.of(p);
            if (Files.isDirectory(dir.resolve("io/ringstore/engine/reply"))) {
                return dir.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("engine sources not found from " + Path.of("").toAbsolutePath());
    }
}
