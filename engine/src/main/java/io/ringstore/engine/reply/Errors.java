package io.ringstore.engine.reply;

/**
 * Every error reply text the engine sends, in one place (Redis's shared.*err objects, Garnet's
 * CmdStrings.cs): Redis 7.0.15's wording to the letter, code first ("ERR", "WRONGTYPE", ...), for
 * {@link ReplyBuffer#error}. A text with arguments is a method here when more than one place sends
 * it; one formatted in a single place may stay beside its handler. The errors the shared helpers
 * send ({@code CommandContext.wrongType}, {@code syntaxError}, {@code longOrReply}) are also
 * encoded once as whole replies. {@code ErrorsTest} fails when a text of this class appears as a
 * literal anywhere else in the engine's sources. Immutable; any thread.
 */
public final class Errors {
    // ---- shared by every family (Redis's shared.* and getLongLongFromObjectOrReply & co.)
    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String SYNTAX = "ERR syntax error";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String INDEX_OUT_OF_RANGE = "ERR index out of range";
    public static final String DB_INDEX = "ERR DB index is out of range";
    public static final String OVERFLOW = "ERR increment or decrement would overflow";
    public static final String DECR_OVERFLOW = "ERR decrement would overflow";
    public static final String VALUE_OUT_OF_RANGE = "ERR value is out of range";
    public static final String OUT_OF_RANGE_POSITIVE = "ERR value is out of range, must be positive";
    /** A count whose negation or doubling must not overflow (HRANDFIELD, SRANDMEMBER, ZRANDMEMBER). */
    public static final String LONG_RANGE =
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    /** getIntFromObjectOrReply's text for a valid long outside int range. */
    public static final String INT_RANGE = "ERR value is out of range, value must between -2147483648 and 2147483647";
    public static final String NAN_OR_INFINITY = "ERR value is NaN or Infinity";
    public static final String NAN_OR_INFINITY_RESULT = "ERR increment would produce NaN or Infinity";
    public static final String NUMKEYS_NOT_POSITIVE = "ERR numkeys should be greater than 0";
    public static final String NUMKEYS_OVER_ARGS = "ERR Number of keys can't be greater than number of args";
    public static final String COUNT_NOT_POSITIVE = "ERR count should be greater than 0";
    public static final String LIMIT_NEGATIVE = "ERR LIMIT can't be negative";
    public static final String INVALID_CURSOR = "ERR invalid cursor";
    public static final String TIMEOUT_NOT_FLOAT = "ERR timeout is not a float or out of range";
    public static final String TIMEOUT_NOT_INTEGER = "ERR timeout is not an integer or out of range";
    public static final String TIMEOUT_NEGATIVE = "ERR timeout is negative";
    /** What Redis answers a denyoom command it cannot hold; here when the JVM cannot allocate. */
    public static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

    // ---- strings
    public static final String STRING_TOO_LARGE = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    public static final String OFFSET_OUT_OF_RANGE = "ERR offset is out of range";
    public static final String LCS_NOT_STRINGS = "ERR The specified keys must contain string values";
    public static final String LCS_LEN_AND_IDX = "ERR If you want both the length and indexes, please just use IDX.";
    public static final String LCS_TOO_MUCH_MEMORY =
            "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len";
    public static final String LCS_NO_MEMORY = "ERR Insufficient memory, failed allocating transient memory for LCS";

    // ---- SORT (sort.c)
    /** A weight (the element, or its BY value) that strtod rejects. */
    public static final String SORT_SCORES = "ERR One or more scores can't be converted into double";

    // ---- bitmaps (bitops.c)
    public static final String BIT_OFFSET = "ERR bit offset is not an integer or out of range";
    public static final String BIT_VALUE = "ERR bit is not an integer or out of range";
    public static final String BITPOS_BIT = "ERR The bit argument must be 1 or 0.";
    public static final String BITOP_NOT_ONE_KEY = "ERR BITOP NOT must be called with a single source key.";
    public static final String BITFIELD_TYPE =
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";
    public static final String BITFIELD_OVERFLOW = "ERR Invalid OVERFLOW type specified";
    public static final String BITFIELD_RO_GET = "ERR BITFIELD_RO only supports the GET subcommand";

    // ---- hyperloglog (hyperloglog.c)
    /** isHLLObjectOrReply: a string that is not an HLL (Redis sends the code itself, "-WRONGTYPE"). */
    public static final String HLL_NOT_HLL = "WRONGTYPE Key is not a valid HyperLogLog string value.";
    /** invalid_hll_err: a sparse HLL whose opcodes do not cover 16384 registers. */
    public static final String HLL_CORRUPTED = "INVALIDOBJ Corrupted HLL object detected";
    public static final String PFDEBUG_NO_KEY = "ERR The specified key does not exist";
    public static final String PFDEBUG_NOT_SPARSE = "ERR HLL encoding is not sparse";
    public static final String PFSELFTEST_SPARSE_NOT_USED = "ERR TESTFAILED sparse encoding not used";
    public static final String PFSELFTEST_DISAGREE = "ERR TESTFAILED dense/sparse disagree";

    /** PFDEBUG's "Unknown PFDEBUG subcommand '%s'" (the argument cut at its first NUL, as %s). */
    public static String pfdebugUnknownSubcommand(String subcommand) {
        return "ERR Unknown PFDEBUG subcommand '" + subcommand + "'";
    }

    /** PFSELFTEST's register test failure. */
    public static String pfselftestRegister(int register, int expected, int found) {
        return "ERR TESTFAILED Register " + register + " should be " + expected + " but is " + found;
    }

    /** PFSELFTEST's approximation test failure. */
    public static String pfselftestError(long card, long abserr) {
        return "ERR TESTFAILED Too big error. card:" + card + " abserr:" + abserr;
    }

    // ---- keys
    public static final String SAME_OBJECT = "ERR source and destination objects are the same";
    public static final String INVALID_FIRST_DB = "ERR invalid first DB index";
    public static final String INVALID_SECOND_DB = "ERR invalid second DB index";
    public static final String EXPIRE_NX_AND_XX_GT_LT =
            "ERR NX and XX, GT or LT options at the same time are not compatible";
    public static final String EXPIRE_GT_AND_LT = "ERR GT and LT options at the same time are not compatible";
    public static final String FREQ_NOT_LFU =
            "ERR An LFU maxmemory policy is not selected, access frequency not tracked. "
            + "Please note that when switching between policies at runtime LRU and LFU data will take some time "
            + "to adjust.";

    // ---- lists
    public static final String LPOS_RANK_ZERO =
            "ERR RANK can't be zero: use 1 to start from the first match, 2 from the"
            + " second ... or use negative to start from the end of the list";
    public static final String LPOS_COUNT_NEGATIVE = "ERR COUNT can't be negative";
    public static final String LPOS_MAXLEN_NEGATIVE = "ERR MAXLEN can't be negative";

    // ---- hashes
    public static final String HASH_NOT_INTEGER = "ERR hash value is not an integer";
    public static final String HASH_NOT_FLOAT = "ERR hash value is not a float";

    // ---- sorted sets
    public static final String ZSET_MIN_MAX_NOT_FLOAT = "ERR min or max is not a float";
    public static final String ZSET_MIN_MAX_NOT_LEX = "ERR min or max not valid string range item";
    public static final String ZSET_NAN_SCORE = "ERR resulting score is not a number (NaN)";
    public static final String ZADD_XX_AND_NX = "ERR XX and NX options at the same time are not compatible";
    public static final String ZADD_GT_LT_AND_NX = "ERR GT, LT, and/or NX options at the same time are not compatible";
    public static final String ZADD_INCR_PAIR = "ERR INCR option supports a single increment-element pair";
    public static final String ZSET_WEIGHT_NOT_FLOAT = "ERR weight value is not a float";
    public static final String ZRANGE_LIMIT =
            "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
    public static final String ZRANGE_BYLEX_WITHSCORES =
            "ERR syntax error, WITHSCORES not supported in combination with BYLEX";

    // ---- streams
    public static final String STREAM_INVALID_ID = "ERR Invalid stream ID specified as stream command argument";
    public static final String XADD_ID_ZERO = "ERR The ID specified in XADD must be greater than 0-0";
    public static final String XADD_ID_TOO_SMALL =
            "ERR The ID specified in XADD is equal or smaller than the target stream top item";
    public static final String STREAM_EXHAUSTED =
            "ERR The stream has exhausted the last possible ID, unable to add more items";
    public static final String STREAM_ELEMENTS_TOO_LARGE = "ERR Elements are too large to be stored";
    public static final String XSETID_ENTRIES_ADDED = "ERR entries_added must be positive";
    public static final String XSETID_BELOW_GIVEN_MAX_DELETED =
            "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id";
    public static final String XSETID_BELOW_MAX_DELETED =
            "ERR The ID specified in XSETID is smaller than current max_deleted_entry_id";
    public static final String XSETID_BELOW_TOP =
            "ERR The ID specified in XSETID is smaller than the target stream top item";
    public static final String XSETID_ENTRIES_BELOW_LENGTH =
            "ERR The entries_added specified in XSETID is smaller than the target stream length";
    public static final String XRANGE_INVALID_START = "ERR invalid start ID for the interval";
    public static final String XRANGE_INVALID_END = "ERR invalid end ID for the interval";
    public static final String XREAD_UNBALANCED =
            "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$'"
            + " must be specified.";
    public static final String XREAD_GROUP_OPTION =
            "ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.";
    public static final String XREAD_NOACK_OPTION =
            "ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.";
    public static final String XREADGROUP_NO_GROUP = "ERR Missing GROUP option for XREADGROUP";
    public static final String XREADGROUP_DOLLAR =
            "ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this"
            + " consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just"
            + " return an empty result set.";
    public static final String XREAD_GT_ID =
            "ERR The > ID can be specified only when calling XREADGROUP using the GROUP"
            + " <group> <consumer> option.";
    /** A blocked XREADGROUP whose stream went (Redis 7.0). */
    public static final String XREADGROUP_STREAM_GONE = "UNBLOCKED the stream key no longer exists";
    /** A blocked XREADGROUP whose group went (Redis 7.0). */
    public static final String XREADGROUP_GROUP_GONE =
            "NOGROUP the consumer group this client was blocked on no longer exists";
    public static final String XTRIM_MAXLEN_AND_MINID =
            "ERR syntax error, MAXLEN and MINID options at the same time are not compatible";
    public static final String XTRIM_MAXLEN_NEGATIVE = "ERR The MAXLEN argument must be >= 0.";
    public static final String XTRIM_LIMIT_NEGATIVE = "ERR The LIMIT argument must be >= 0.";
    public static final String XTRIM_LIMIT_WITHOUT_STRATEGY =
            "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy";
    public static final String XTRIM_WITHOUT_STRATEGY =
            "ERR syntax error, XTRIM must be called with a trimming strategy";
    public static final String XTRIM_LIMIT_WITHOUT_APPROX =
            "ERR syntax error, LIMIT cannot be used without the special ~ option";
    public static final String XGROUP_ENTRIES_READ = "ERR value for ENTRIESREAD must be positive or -1";
    public static final String XGROUP_NO_KEY =
            "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE"
            + " you may want to use the MKSTREAM option to create an empty stream automatically.";
    public static final String BUSYGROUP = "BUSYGROUP Consumer Group name already exists";
    public static final String XCLAIM_MIN_IDLE = "ERR Invalid min-idle-time argument for XCLAIM";
    public static final String XCLAIM_IDLE = "ERR Invalid IDLE option argument for XCLAIM";
    public static final String XCLAIM_TIME = "ERR Invalid TIME option argument for XCLAIM";
    public static final String XCLAIM_RETRYCOUNT = "ERR Invalid RETRYCOUNT option argument for XCLAIM";
    public static final String XAUTOCLAIM_MIN_IDLE = "ERR Invalid min-idle-time argument for XAUTOCLAIM";
    public static final String XAUTOCLAIM_COUNT = "ERR COUNT must be > 0";

    // ---- connection, clients, server
    public static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    public static final String AUTH_WITHOUT_PASSWORD = "ERR AUTH <password> called without any password configured for"
            + " the default user. Are you sure your configuration is correct?";
    public static final String PROTOCOL_NOT_INTEGER = "ERR Protocol version is not an integer or out of range";
    public static final String NOPROTO = "NOPROTO unsupported protocol version";
    public static final String BAD_CLIENT_NAME =
            "ERR Client names cannot contain spaces, newlines or special characters.";
    public static final String INVALID_CLIENT_ID = "ERR Invalid client ID";
    public static final String NO_SUCH_CLIENT = "ERR No such client";
    public static final String CLIENT_ID_NOT_POSITIVE = "ERR client-id should be greater than 0";
    public static final String UNBLOCK_REASON = "ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR";
    public static final String UNBLOCKED = "UNBLOCKED client unblocked via CLIENT UNBLOCK";
    public static final String GETKEYS_INVALID_COMMAND = "ERR Invalid command specified";
    public static final String GETKEYS_NO_KEYS = "ERR The command has no key arguments";
    public static final String GETKEYS_BAD_ARITY = "ERR Invalid number of arguments specified for command";
    public static final String GETKEYS_BAD_ARGUMENTS = "ERR Invalid arguments specified for command";
    public static final String NO_CONFIG_FILE = "ERR The server is running without a config file";
    /** CONFIG REWRITE could not write the file (Redis: "Rewriting config file: <strerror>"). */
    public static String configRewriteFailed(String why) {
        return "ERR Rewriting config file: " + why;
    }
    public static final String NO_SHUTDOWN = "ERR No shutdown in progress.";
    public static final String SHUTDOWN_FAILED = "ERR Errors trying to SHUTDOWN. Check logs.";
    public static final String NO_SNAPSHOT_STORE = "ERR no snapshot store is configured";
    public static final String BGSAVE_IN_PROGRESS = "ERR Background save already in progress";
    public static final String AOF_REWRITE_IN_PROGRESS =
            "ERR Background append only file rewriting already in progress";
    public static final String BGSAVE_CHILD_ACTIVE =
            "ERR Another child process is active (AOF?): can't BGSAVE right now."
            + " Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.";

    // ---- whole replies, encoded once (Redis's shared.wrongtypeerr, shared.syntaxerr)
    public static final byte[] WRONGTYPE_REPLY = reply(WRONGTYPE);
    public static final byte[] SYNTAX_REPLY = reply(SYNTAX);
    public static final byte[] NOT_INTEGER_REPLY = reply(NOT_INTEGER);

    // ---- geo (geo.c)
    public static final String GEO_UNSUPPORTED_UNIT = "ERR unsupported unit provided. please use M, KM, FT, MI";
    public static final String GEO_NEED_NUMERIC_RADIUS = "ERR need numeric radius";
    public static final String GEO_NEED_NUMERIC_WIDTH = "ERR need numeric width";
    public static final String GEO_NEED_NUMERIC_HEIGHT = "ERR need numeric height";
    public static final String GEO_RADIUS_NEGATIVE = "ERR radius cannot be negative";
    public static final String GEO_BOX_NEGATIVE = "ERR height or width cannot be negative";
    public static final String GEO_COUNT_NOT_POSITIVE = "ERR COUNT must be > 0";
    public static final String GEO_MEMBER_NOT_DECODED = "ERR could not decode requested zset member";
    public static final String GEO_ANY_NEEDS_COUNT = "ERR the ANY argument requires COUNT argument";
    public static final String GEOSEARCHSTORE_WITH_OPTIONS =
            "ERR GEOSEARCHSTORE is not compatible with WITHDIST, WITHHASH and WITHCOORD options";
    public static final String GEORADIUS_STORE_WITH_OPTIONS =
            "ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options";

    /** extractLongLatOrReply: coordinates printed with "%f". */
    public static String geoInvalidPair(String longitude, String latitude) {
        return "ERR invalid longitude,latitude pair " + longitude + "," + latitude;
    }

    /** GEOSEARCH / GEOSEARCHSTORE without a centre; {@code command} as the client spelled it. */
    public static String geoNeedsFrom(String command) {
        return "ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for " + command;
    }

    /** GEOSEARCH / GEOSEARCHSTORE without a shape; {@code command} as the client spelled it. */
    public static String geoNeedsBy(String command) {
        return "ERR exactly one of BYRADIUS and BYBOX can be specified for " + command;
    }

    // ---- transactions (multi.c, processCommand)
    public static final String MULTI_NESTED = "ERR MULTI calls can not be nested";
    public static final String EXEC_WITHOUT_MULTI = "ERR EXEC without MULTI";
    public static final String DISCARD_WITHOUT_MULTI = "ERR DISCARD without MULTI";
    public static final String WATCH_IN_MULTI = "ERR WATCH inside MULTI is not allowed";
    public static final String NOT_ALLOWED_IN_MULTI = "ERR Command not allowed inside a transaction";
    public static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";
    public static final byte[] EXECABORT_REPLY = reply(EXECABORT);

    private Errors() {
    }

    // ---- texts with arguments sent from more than one place

    /** Arity error (Ingress, and handlers whose arity depends on their arguments). */
    public static String wrongArgs(String command) {
        return "ERR wrong number of arguments for '" + command + "' command";
    }

    /** An unknown subcommand of a container its handler parses itself: {@code container} is "CLIENT", ... */
    /** A RESP2 subscribed connection ran something else (processCommand). */
    public static String subscribedContext(String command) {
        return "ERR Can't execute '" + command + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET"
                + " are allowed in this context";
    }

    /** SSUBSCRIBE inside EXEC: Redis refuses it to a client that must not block (CLIENT_DENY_BLOCKING). */
    public static final String MONITOR_DENY_BLOCKING = "ERR MONITOR isn't allowed for DENY BLOCKING client";
    public static final String SSUBSCRIBE_DENY_BLOCKING = "ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client";

    // ---- CLIENT TRACKING / CACHING (networking.c clientCommand, tracking.c)
    public static final String TRACKING_ONE_REDIRECT = "ERR A client can only redirect to a single other client";
    public static final String TRACKING_NO_REDIRECT_TARGET = "ERR The client ID you want redirect to does not exist";
    public static final String TRACKING_PREFIX_NEEDS_BCAST = "ERR PREFIX option requires BCAST mode to be enabled";
    public static final String TRACKING_SWITCH_BCAST = "ERR You can't switch BCAST mode on/off before disabling tracking for"
            + " this client, and then re-enabling it with a different mode.";
    public static final String TRACKING_BCAST_OPTIN = "ERR OPTIN and OPTOUT are not compatible with BCAST";
    public static final String TRACKING_OPTIN_OPTOUT = "ERR You can't specify both OPTIN mode and OPTOUT mode";
    public static final String TRACKING_SWITCH_OPTIN = "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for"
            + " this client, and then re-enabling it with a different mode.";
    public static final String CACHING_NOT_TRACKING = "ERR CLIENT CACHING can be called only when the client is in tracking"
            + " mode with OPTIN or OPTOUT mode enabled";
    public static final String CACHING_YES_NOT_OPTIN = "ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.";
    public static final String CACHING_NO_NOT_OPTOUT = "ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.";

    /** checkPrefixCollisionsOrReply: a new prefix overlapping one the client has. */
    public static String prefixOverlapsExisting(String prefix, String existing) {
        return "ERR Prefix '" + prefix + "' overlaps with an existing prefix '" + existing
                + "'. Prefixes for a single client must not overlap.";
    }

    /** checkPrefixCollisionsOrReply: two prefixes of one CLIENT TRACKING overlapping. */
    public static String prefixOverlapsProvided(String prefix, String other) {
        return "ERR Prefix '" + prefix + "' overlaps with another provided prefix '" + other
                + "'. Prefixes for a single client must not overlap.";
    }

    public static String unknownSubcommand(String subcommand, String container) {
        return "ERR unknown subcommand or wrong number of arguments for '" + subcommand + "'. Try " + container
                + " HELP.";
    }

    public static String unknownClientType(String type) {
        return "ERR Unknown client type '" + type + "'";
    }

    public static String noSuchGroup(String group, String key) {
        return "NOGROUP No such consumer group '" + group + "' for key name '" + key + "'";
    }

    public static String noSuchKeyOrGroup(String key, String group) {
        return "NOGROUP No such key '" + key + "' or consumer group '" + group + "'";
    }

    /** rejectCommand of EXEC itself (execCommandAbort): the transaction goes, with the reason. */
    public static String execAbort(String reason) {
        return "EXECABORT Transaction discarded because of: " + reason;
    }

    /** "-" + text + CRLF. */
    private static byte[] reply(String text) {
        return Replies.b("-" + text + "\r\n");
    }

    // ---- scripting (script_lua.c, eval.c, function_lua.c, functions.c)
    public static final String NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";
    public static final String SCRIPT_UNKNOWN_COMMAND = "ERR Unknown Redis command called from script";
    public static final String SCRIPT_WRONG_ARGS = "ERR Wrong number of args calling Redis command from script";
    public static final String SCRIPT_NOT_ALLOWED = "ERR This Redis command is not allowed from script";
    public static final String SCRIPT_READ_ONLY = "ERR Write commands are not allowed from read-only scripts.";
    public static final String NUMKEYS_NEGATIVE = "ERR Number of keys can't be negative";
    public static final String SCRIPT_FLUSH_OPTION = "ERR SCRIPT FLUSH only support SYNC|ASYNC option";
    public static final String SCRIPT_KILLED = "ERR Script killed by user with SCRIPT KILL...";
    /** Another client's command while an EVAL has run past busy-reply-threshold (shared.slowevalerr). */
    public static final String BUSY_EVAL = "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
    /** The same while a function runs (shared.slowscripterr). */
    public static final String BUSY_FUNCTION = "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.";
    public static final String NOTBUSY = "NOTBUSY No scripts in execution right now.";
    /** A script routed by its keys (script-routing keys) touched another shard's key (Redis Cluster's text). */
    public static final String SCRIPT_NON_LOCAL_KEY = "ERR Script attempted to access a non local key in a cluster node";
    public static final String UNKILLABLE = "UNKILLABLE Sorry the script already executed write commands against the dataset."
            + " You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.";
    public static final String FUNCTION_LOAD_TIMEOUT = "ERR FUNCTION LOAD timeout";
    public static final String INVALID_SCRIPT_SHEBANG = "ERR Invalid script shebang";
    public static final String MISSING_LIBRARY_METADATA = "ERR Missing library metadata";
    public static final String INVALID_LIBRARY_METADATA = "ERR Invalid library metadata";
    public static final String LIBRARY_NAME_TWICE = "ERR Invalid metadata value, name argument was given multiple times";
    public static final String LIBRARY_NAME_MISSING = "ERR Library name was not given";
    public static final String LIBRARY_NAME_INVALID =
            "ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long";
    public static final String NO_FUNCTIONS_REGISTERED = "ERR No functions registered";
    public static final String LUA_STACK_LIMIT = "ERR reached lua stack limit";
    public static final String LUA_STACK_OVERFLOW = "ERR stack overflow";

    // ---- functions (functions.c, rdb.c rdbFunctionLoad, script.c scriptPrepareForRun)
    public static final String LIBRARY_NOT_FOUND = "ERR Library not found";
    public static final String FUNCTION_NOT_FOUND = "ERR Function not found";
    public static final String FCALL_BAD_NUMKEYS = "ERR Bad number of keys provided";
    public static final String SCRIPT_WRITE_FLAG_RO = "ERR Can not execute a script with write flag using *_ro command.";
    public static final String FUNCTION_LIST_NAME_MISSING = "ERR library name argument was not given";
    public static final String FUNCTION_FLUSH_OPTION = "ERR FUNCTION FLUSH only supports SYNC|ASYNC option";
    public static final String FUNCTION_RESTORE_POLICY =
            "ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.";
    public static final String DUMP_PAYLOAD_INVALID = "ERR DUMP payload version or checksum are wrong";

    // ---- DUMP / RESTORE (cluster.c restoreCommand)
    public static final String BUSYKEY = "BUSYKEY Target key name already exists.";
    public static final String BAD_DATA_FORMAT = "ERR Bad data format";
    public static final String INVALID_TTL = "ERR Invalid TTL value, must be >= 0";
    public static final String INVALID_IDLETIME = "ERR Invalid IDLETIME value, must be >= 0";
    public static final String INVALID_FREQ = "ERR Invalid FREQ value, must be >= 0 and <= 255";
    public static final String PAYLOAD_NOT_A_FUNCTION = "ERR given type is not a function";
    public static final String PAYLOAD_LIBRARY_FAILED = "ERR Failed loading library payload";
    public static final String PAYLOAD_LIBRARY_NAME_FAILED = "ERR Failed loading library name";
    public static final String PAYLOAD_ENGINE_NAME_FAILED = "ERR Failed loading engine name";
    public static final String PAYLOAD_DESCRIPTION_FLAG_FAILED = "ERR Failed loading library description indicator";
    public static final String PAYLOAD_DESCRIPTION_FAILED = "ERR Failed loading library description";
    public static final String PAYLOAD_BLOB_FAILED = "ERR Failed loading library blob";

    /** FUNCTION LOAD of a library that exists, without REPLACE (functionsCreateWithLibraryCtx). */
    public static String libraryExists(String name) {
        return "ERR Library '" + name + "' already exists";
    }

    /** FUNCTION RESTORE APPEND of a library that exists (libraryJoin: no quotes). */
    public static String restoredLibraryExists(String name) {
        return "ERR Library " + name + " already exists";
    }

    /** A function name another library already registered (any case). */
    public static String functionExists(String name) {
        return "ERR Function " + name + " already exists";
    }

    public static String functionLoadOption(String option) {
        return "ERR Unknown option given: " + option;
    }

    public static String functionListArgument(String argument) {
        return "ERR Unknown argument " + argument;
    }

    /** A library shebang naming an engine other than Lua. */
    public static String engineNotFound(String engine) {
        return "ERR Engine '" + engine + "' not found";
    }

    public static String libraryMetadataValue(String part) {
        return "ERR Invalid metadata value given: " + part;
    }
}
