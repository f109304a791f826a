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

    /** The library name of a {@code #!lua name=<lib>} first line; {@code bodyStart[0]} gets the code offset. */
    static String libraryName(byte[] b, int off, int len, int[] bodyStart) throws ScriptException {
        if (len < 2 || b[off] != '#' || b[off + 1] != '!') {
            throw new ScriptException(Errors.MISSING_LIBRARY_METADATA);
        }
        int nl = indexOf(b, off, len, (byte) '\n');
        if (nl < 0) {
            throw new ScriptException(Errors.INVALID_LIBRARY_METADATA);
        }
        int end = nl;
        bodyStart[0] = end - off;
        String line = new String(b, off, end - off, StandardCharsets.ISO_8859_1);
        String[] parts = line.split(" ");
        String engine = parts.length == 0 ? "" : parts[0];
        if (!engine.startsWith("#!")) {
            throw new ScriptException(Errors.MISSING_LIBRARY_METADATA);
        }
        if (!engine.substring(2).equalsIgnoreCase("lua")) {
            throw new ScriptException("ERR Engine '" + engine.substring(2) + "' not found");
        }
        String name = null;
        for (int j = 1; j < parts.length; j++) {
            String p = parts[j];
            if (p.isEmpty()) {
                continue;
            }
            if (p.toLowerCase(java.util.Locale.ROOT).startsWith("name=")) {
                if (name != null) {
                    throw new ScriptException(Errors.LIBRARY_NAME_TWICE);
                }
                name = p.substring(5);
            } else {
                throw new ScriptException("ERR Invalid metadata value given: " + p);
            }
        }
        if (name == null) {
            throw new ScriptException(Errors.LIBRARY_NAME_MISSING);
        }
        if (!validName(name)) {
            throw new ScriptException(Errors.LIBRARY_NAME_INVALID);
        }
        return name;
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
