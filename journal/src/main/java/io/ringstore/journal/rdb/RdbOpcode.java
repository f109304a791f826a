package io.ringstore.journal.rdb;

/**
 * The RDB file's opcodes (rdb.h RDB_OPCODE_*) and module object types, the bytes that may stand
 * where an object type is expected in a file. Constants only.
 */
final class RdbOpcode {
    static final int MODULE_PRE_GA = 6;
    static final int MODULE_2 = 7;
    static final int FUNCTION2 = 245;
    static final int FUNCTION_PRE_GA = 246;
    static final int MODULE_AUX = 247;
    static final int IDLE = 248;
    static final int FREQ = 249;
    static final int AUX = 250;
    static final int RESIZEDB = 251;
    static final int EXPIRETIME_MS = 252;
    static final int EXPIRETIME = 253;
    static final int SELECTDB = 254;
    static final int EOF = 255;
    /** Redis 7.0's RDB_VERSION: the newest file this reader takes and the version the writer writes. */
    static final int VERSION = 10;
    private static final String MODULE_NAME_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private RdbOpcode() {
    }

    /** moduleTypeNameByID: the 9-character type name in the top 54 bits of a module id. */
    static String moduleName(long moduleId) {
        char[] name = new char[9];
        long id = moduleId >>> 10;
        for (int j = 8; j >= 0; j--) {
            name[j] = MODULE_NAME_CHARS.charAt((int) (id & 63));
            id >>>= 6;
        }
        return new String(name);
    }
}
