package io.ringstore.engine.script;

import java.util.List;

/**
 * What FUNCTION LOAD produced: the library's name (from {@code #!lua name=<lib>}), its code and
 * its functions in registration order. The caller keeps it (the functions' registry, FUNCTION
 * LIST/DUMP) and calls {@link LuaRuntime#fcall}. Immutable.
 */
public final class FunctionLibrary {
    private final String name;
    private final byte[] code;
    private final List<LibraryFunction> functions;

    FunctionLibrary(String name, byte[] code, List<LibraryFunction> functions) {
        this.name = name;
        this.code = code;
        this.functions = List.copyOf(functions);
    }

    public String name() {
        return name;
    }

    public byte[] code() {
        return code.clone();
    }

    /** The code itself, not a copy: for this package's readers, which never change it. */
    byte[] codeRef() {
        return code;
    }

    public List<LibraryFunction> functions() {
        return functions;
    }

    public LibraryFunction function(String fname) {
        for (LibraryFunction f : functions) {
            if (f.name().equals(fname)) {
                return f;
            }
        }
        return null;
    }
}
