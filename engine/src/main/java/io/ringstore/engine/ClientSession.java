package io.ringstore.engine;

/**
 * Engine-side state of one client connection. The ingress fields ({@link #db}, {@link #resp},
 * {@link #closing}) are owned by the I/O thread that reads the connection: connection commands
 * (SELECT, HELLO, RESET, QUIT) apply to them at decode time, so every later command of the same
 * connection is stamped with the new state before it enters the ring. Descriptive fields that
 * CLIENT LIST reads from a shard thread are volatile. Transport subclasses it to attach the socket.
 */
public class ClientSession {
    public final long id;
    public final long createdMs;

    // Ingress-owned (I/O thread).
    public int db;
    public int resp = 2;
    public boolean closing;

    // Read by other threads (CLIENT LIST / INFO).
    public volatile String name;
    public volatile String libName;
    public volatile String libVer;
    public volatile int currentDb;
    // Written per command by the I/O thread; other threads may read a slightly stale value.
    public long lastInteractionMs;
    public String lastCommand = "NULL";

    private final int databases;

    public ClientSession(long id, long createdMs, int databases) {
        this.databases = databases;
        this.id = id;
        this.createdMs = createdMs;
        this.lastInteractionMs = createdMs;
    }

    public int databases() {
        return databases;
    }

    /** Peer address "ip:port" for CLIENT LIST. */
    public String remoteAddress() {
        return "127.0.0.1:0";
    }

    public String localAddress() {
        return "127.0.0.1:0";
    }

    /** Closes the connection asynchronously (CLIENT KILL). Safe from any thread. */
    public void kill() {
    }

    /** Bytes waiting in the connection's query buffer (CLIENT LIST qbuf). */
    public long queryBufferBytes() {
        return 0;
    }

    /** One CLIENT LIST / CLIENT INFO line, fields in Redis 7's order. */
    public String infoLine(long nowMs) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("id=").append(id)
          .append(" addr=").append(remoteAddress())
          .append(" laddr=").append(localAddress())
          .append(" fd=8")
          .append(" name=").append(name == null ? "" : name)
          .append(" age=").append(Math.max(0, (nowMs - createdMs) / 1000))
          .append(" idle=").append(Math.max(0, (nowMs - lastInteractionMs) / 1000))
          .append(" flags=N")
          .append(" db=").append(currentDb)
          .append(" sub=0 psub=0 ssub=0 multi=-1")
          .append(" qbuf=").append(queryBufferBytes())
          .append(" qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r")
          .append(" cmd=").append(lastCommand)
          .append(" user=default redir=-1 resp=").append(resp)
          .append(" lib-name=").append(libName == null ? "" : libName)
          .append(" lib-ver=").append(libVer == null ? "" : libVer);
        return sb.toString();
    }
}
