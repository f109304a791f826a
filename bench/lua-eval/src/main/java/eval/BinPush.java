package eval;

import party.iroiro.luajava.lua51.Lua51Natives;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Binary-safe Java -> Lua string push for luajava 4.0.2, which has no lua_pushlstring binding
 * (lua_pushstring/luaJ_pushstring take a java.lang.String and go through GetStringUTFChars:
 * modified UTF-8, NUL-terminated => NOT binary safe).
 *
 * Workaround: build a tiny Lua 5.1 *bytecode* chunk whose constants are the strings
 * (constants are length-prefixed in the dump format, so any bytes are OK), load it with
 * luaJ_loadbuffer(long L, java.nio.Buffer directBuf, int size, String chunkName)
 * (= luaL_loadbuffer) and lua_pcall(L, 0, n, 0) it: it pushes the n strings.
 * The direct buffer is reused, so there is no Java-heap allocation per push.
 * Layout assumes x86_64/aarch64 little endian: int=4, size_t=8, Instruction=4, lua_Number=8 (double).
 */
public final class BinPush {
    private ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    private static final int OP_LOADK = 1, OP_RETURN = 30;

    private void ensure(int n) {
        if (buf.capacity() < n) {
            buf = ByteBuffer.allocateDirect(Math.max(n, buf.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** Pushes each byte[] as a Lua string (max 240 per call). */
    public void push(Lua51Natives C, long L, byte[]... strings) {
        int n = strings.length;
        if (n > 240) throw new IllegalArgumentException("too many");
        int size = 12 + 8 + 4 + 4 + 4 + 4 + 4 * (n + 1) + 4 + 4 + 4 + 4;
        for (byte[] s : strings) size += 1 + 8 + s.length + 1;
        ensure(size);
        ByteBuffer b = buf;
        b.clear();
        // header
        b.put((byte) 0x1b).put((byte) 'L').put((byte) 'u').put((byte) 'a');
        b.put((byte) 0x51).put((byte) 0).put((byte) 1).put((byte) 4).put((byte) 8).put((byte) 4).put((byte) 8).put((byte) 0);
        // function
        b.putLong(0);          // source = NULL (inherits "=?")
        b.putInt(0).putInt(0); // linedefined, lastlinedefined
        b.put((byte) 0).put((byte) 0).put((byte) 2).put((byte) Math.max(2, n + 1)); // nups, numparams, is_vararg, maxstack
        b.putInt(n + 1);
        for (int i = 0; i < n; i++) b.putInt(OP_LOADK | (i << 6) | (i << 14));
        b.putInt(OP_RETURN | ((n + 1) << 23));
        b.putInt(n);
        for (byte[] s : strings) {
            b.put((byte) 4);             // LUA_TSTRING
            b.putLong(s.length + 1L);    // size includes trailing NUL
            b.put(s).put((byte) 0);
        }
        b.putInt(0);                     // protos
        b.putInt(0).putInt(0).putInt(0); // lineinfo, locvars, upvalues
        int len = b.position();
        int rc = C.luaJ_loadbuffer(L, b, len, "=binpush");
        if (rc != 0) throw new IllegalStateException("binpush load failed: " + rc + " " + C.lua_tostring(L, -1));
        rc = C.lua_pcall(L, 0, n, 0);
        if (rc != 0) throw new IllegalStateException("binpush call failed: " + rc);
    }

    /** Reads the Lua string at idx into a fresh byte[] (binary safe): luaJ_todirectbuffer + get. */
    public static byte[] toBytes(Lua51Natives C, long L, int idx) {
        ByteBuffer bb = (ByteBuffer) C.luaJ_todirectbuffer(L, idx);
        if (bb == null) return null;
        byte[] out = new byte[bb.remaining()];
        bb.get(out);
        return out;
    }
}
