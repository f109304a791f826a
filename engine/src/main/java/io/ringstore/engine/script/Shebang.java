package io.ringstore.engine.script;

import io.ringstore.engine.reply.Errors;

import java.nio.charset.StandardCharsets;

/**
 * The first line of a script or library: {@code #!lua flags=no-writes,allow-oom} for EVAL
 * (eval.c evalExtractShebangFlags) and {@code #!lua name=<lib>} for FUNCTION LOAD (functions.c
 * functionExtractLibMetaData), with Redis 7.0's error texts. The code after the shebang keeps its
 * newline, so line numbers in errors stay those of the text the user sent. Stateless.
 */
final class Shebang {
    private Shebang() {
    }

    /** Where the code starts after an EVAL shebang (0 when none). */
    static int evalBodyStart(byte[] b, int off, int len) {
        if (len < 2 || b[off] != '#' || b[off + 1] != '!') {
            return 0;
        }
        int nl = indexOf(b, off, len, (byte) '\n');
        return nl < 0 ? len : nl - off;
    }

    /** The flags of an EVAL script's shebang, {@link ScriptFlags#EVAL_COMPAT_MODE} without one. */
    static int evalFlags(byte[] b, int off, int len) throws ScriptException {
        if (len < 2 || b[off] != '#' || b[off + 1] != '!') {
            return ScriptFlags.EVAL_COMPAT_MODE;
        }
        int nl = indexOf(b, off, len, (byte) '\n');
        if (nl < 0) {
            throw new ScriptException(Errors.INVALID_SCRIPT_SHEBANG);
        }
        String line = new String(b, off, nl - off, StandardCharsets.ISO_8859_1);
        String[] parts = line.split(" ", -1);
        if (!parts[0].equals("#!lua")) {
            throw new ScriptException("ERR Unexpected engine in script shebang: " + parts[0]);
        }
        int flags = 0;
        for (int j = 1; j < parts.length; j++) {
            String p = parts[j];
            if (p.startsWith("flags=")) {
                String list = p.substring(6);
                if (list.isEmpty()) {
                    continue;
                }
                for (String f : list.split(",", -1)) {
                    int bit = ScriptFlags.bit(f, false);
                    if (bit == 0) {
                        throw new ScriptException("ERR Unexpected flag in script shebang: " + f);
                    }
                    flags |= bit;
                }
            } else if (!p.isEmpty()) {
                throw new ScriptException("ERR Unknown lua shebang option: " + p);
            }
        }
        return flags;
    }

    /**
     * The library name of a {@code #!lua name=<lib>} first line; {@code bodyStart[0]} gets the code
     * offset (the newline). Checks in Redis's order: functionExtractLibMetaData (the line split as
     * sdssplitargs splits it: blanks, quotes, escapes), then the name's characters, then the engine.
     */
    static String libraryName(byte[] b, int off, int len, int[] bodyStart) throws ScriptException {
        if (len < 2 || b[off] != '#' || b[off + 1] != '!') {
            throw new ScriptException(Errors.MISSING_LIBRARY_METADATA);
        }
        int nl = -1;
        for (int i = off; i < off + len && b[i] != 0; i++) { // strchr: a NUL ends the C string
            if (b[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            throw new ScriptException(Errors.INVALID_LIBRARY_METADATA);
        }
        bodyStart[0] = nl - off;
        java.util.List<String> parts = splitArgs(b, off, nl);
        if (parts == null || parts.isEmpty()) {
            throw new ScriptException(Errors.INVALID_LIBRARY_METADATA);
        }
        String engine = parts.get(0).substring(Math.min(2, parts.get(0).length()));
        String name = null;
        for (int j = 1; j < parts.size(); j++) {
            String p = parts.get(j);
            if (p.length() >= 5 && p.regionMatches(true, 0, "name=", 0, 5)) {
                if (name != null) {
                    throw new ScriptException(Errors.LIBRARY_NAME_TWICE);
                }
                name = p.substring(5);
                continue;
            }
            throw new ScriptException(Errors.libraryMetadataValue(p));
        }
        if (name == null) {
            throw new ScriptException(Errors.LIBRARY_NAME_MISSING);
        }
        if (!validName(name)) {
            throw new ScriptException(Errors.LIBRARY_NAME_INVALID);
        }
        if (!engine.equalsIgnoreCase("lua")) {
            throw new ScriptException(Errors.engineNotFound(engine));
        }
        return name;
    }

    /**
     * sdssplitargs over {@code b[from .. to)} (stopping at a NUL, as on a C string): tokens split on
     * blanks, "double quotes" with \xHH and \n-style escapes, 'single quotes'; null when a quote is
     * unterminated or not followed by a blank. Latin-1, so every byte maps to one char.
     */
    static java.util.List<String> splitArgs(byte[] b, int from, int to) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int p = from;
        while (true) {
            while (p < to && b[p] != 0 && isSpace(b[p])) {
                p++;
            }
            if (p >= to || b[p] == 0) {
                return out;
            }
            StringBuilder cur = new StringBuilder();
            boolean inq = false;
            boolean insq = false;
            boolean done = false;
            while (!done) {
                int c = p < to ? b[p] & 0xFF : 0;
                int next = p + 1 < to ? b[p + 1] & 0xFF : 0;
                if (inq) {
                    if (c == '\\' && next == 'x' && p + 3 < to && hex(b[p + 2]) >= 0 && hex(b[p + 3]) >= 0) {
                        cur.append((char) (hex(b[p + 2]) * 16 + hex(b[p + 3])));
                        p += 3;
                    } else if (c == '\\' && next != 0) {
                        p++;
                        cur.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next == 't' ? '\t' : next == 'b' ? '\b'
                                : next == 'a' ? (char) 7 : (char) next);
                    } else if (c == '"') {
                        if (next != 0 && !isSpace((byte) next)) {
                            return null; // closing quote must be followed by a space or nothing at all
                        }
                        done = true;
                    } else if (c == 0) {
                        return null; // unterminated quotes
                    } else {
                        cur.append((char) c);
                    }
                } else if (insq) {
                    if (c == '\\' && next == '\'') {
                        p++;
                        cur.append('\'');
                    } else if (c == '\'') {
                        if (next != 0 && !isSpace((byte) next)) {
                            return null;
                        }
                        done = true;
                    } else if (c == 0) {
                        return null;
                    } else {
                        cur.append((char) c);
                    }
                } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0) {
                    done = true;
                } else if (c == '"') {
                    inq = true;
                } else if (c == '\'') {
                    insq = true;
                } else {
                    cur.append((char) c);
                }
                if (c != 0) {
                    p++;
                }
            }
            out.add(cur.toString());
        }
    }

    /** C's isspace in the "C" locale. */
    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static int hex(byte c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** functionsVerifyName: letters, digits and '_' only, at least one character. */
    static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, int off, int len, byte c) {
        for (int i = off; i < off + len; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
