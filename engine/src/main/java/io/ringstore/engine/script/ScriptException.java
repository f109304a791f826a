package io.ringstore.engine.script;

/**
 * A script or library that cannot be loaded (bad shebang, compile error, an error while
 * registering functions). {@link #getMessage()} is the error reply text with its code, exactly as
 * Redis 7.0 words it, e.g. {@code ERR Error compiling script (new function): user_script:1: ...}.
 */
public final class ScriptException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScriptException(String replyText) {
        super(replyText, null, false, false);
    }
}
