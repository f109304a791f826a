package io.ringstore.engine;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All open client sessions, for CLIENT LIST/KILL and INFO clients. Written by I/O threads on
 * connect and disconnect, read by shard threads for admin commands; never on the data path.
 */
public final class SessionRegistry implements io.ringstore.engine.tracking.ClientDirectory {
    private final ConcurrentHashMap<Long, ClientSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong totalConnections = new AtomicLong();

    public long nextId() {
        return nextId.getAndIncrement();
    }

    public void register(ClientSession s) {
        sessions.put(s.id, s);
        totalConnections.incrementAndGet();
    }

    public void unregister(ClientSession s) {
        sessions.remove(s.id);
    }

    public ClientSession get(long id) {
        return sessions.get(id);
    }

    /** A REDIRECT target by id (tracking, from shard threads). */
    @Override
    public io.ringstore.engine.pubsub.Subscriber client(long id) {
        return sessions.get(id);
    }

    public Collection<ClientSession> all() {
        return sessions.values();
    }

    public int connected() {
        return sessions.size();
    }

    public long totalConnections() {
        return totalConnections.get();
    }
}
