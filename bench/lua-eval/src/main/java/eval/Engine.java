package eval;

/** One script engine hosting a redis-like `redis.call`. */
public interface Engine extends AutoCloseable {
    String name();
    /** compile & cache a script (like SCRIPT LOAD); returns a handle */
    int load(String src);
    /** EVALSHA: set KEYS/ARGV, run cached script, return result converted to byte[] (binary) */
    byte[] evalBytes(int h, byte[][] keys, byte[][] argv);
    /** EVALSHA returning an integer */
    long evalLong(int h, byte[][] keys, byte[][] argv);
    /** run a chunk, return a printable description of the 1st result or "ERR<...>: msg" for errors seen by the host */
    String evalDescribe(String src);
    /** hook mode: 0 = none, 1 = Lua debug.sethook(javaFn,"",100000), 2 = engine-specific cheap check (LuaJ custom DebugLib) */
    void setHookMode(int mode);
    /** deadline for the runaway-script check (System.nanoTime based); Long.MAX_VALUE = none */
    void setDeadline(long nanoTime);
    long hookFires();
    @Override void close();
}
