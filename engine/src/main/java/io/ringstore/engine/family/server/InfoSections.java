package io.ringstore.engine.family.server;

import io.ringstore.engine.EngineContext;
import io.ringstore.engine.ThreadProfile;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.family.connection.ConnectionFamily;
import io.ringstore.engine.shard.ShardState;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.ShardStats;

import java.time.Instant;

/**
 * The text of each INFO section, with Redis 7.0's header and field names (server.c
 * genRedisInfoString). Only fields Ringstore can state truthfully are written: a field that is
 * zero by construction (no fork, no replicas yet, persistence off) is written as zero; a counter
 * Ringstore does not keep is left out rather than reported as 0. Runs at a ring barrier on shard
 * 0's thread, so every shard's counters and keyspace may be read.
 */
final class InfoSections {
    /** Section names in output order; INFO's default and "all" are these same sections. */
    static final String[] NAMES = {
        "server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules", "errorstats", "cluster",
        "keyspace",
    };
    static final String RINGSTORE_VERSION = "0.1.0";

    private InfoSections() {
    }

    static void write(int section, StringBuilder sb, CommandContext c) {
        switch (NAMES[section]) {
            case "server": server(sb, c); break;
            case "clients": clients(sb, c.engine, c.now); break;
            case "memory": memory(sb, c.engine.config); break;
            case "persistence": persistence(sb, c.engine); break;
            case "stats": stats(sb, c.engine); break;
            case "replication": replication(sb, c.engine); break;
            case "cpu": cpu(sb); break;
            case "modules": sb.append("# Modules\r\n"); break;
            case "errorstats": errorstats(sb, c.engine); break;
            case "cluster": sb.append("# Cluster\r\n"); line(sb, "cluster_enabled", 0); break;
            default: keyspace(sb, c.engine); break;
        }
    }

    private static void server(StringBuilder sb, CommandContext c) {
        EngineContext e = c.engine;
        ThreadProfile p = e.profile;
        Instant now = Instant.now(); // a process fact, like uptime: the one wall-clock read INFO makes
        long uptimeSec = Math.max(0, (now.toEpochMilli() - e.startTimeMs) / 1000);
        long hz = e.config.number("hz");
        sb.append("# Server\r\n");
        line(sb, "redis_version", ConnectionFamily.SERVER_VERSION);
        line(sb, "redis_git_sha1", "00000000");
        line(sb, "redis_git_dirty", 0);
        line(sb, "redis_mode", "standalone");
        line(sb, "os", InfoProcess.os());
        line(sb, "arch_bits", InfoProcess.archBits());
        line(sb, "multiplexing_api", e.ioMode);
        line(sb, "process_id", InfoProcess.pid());
        line(sb, "process_supervised", "no");
        line(sb, "run_id", e.serverStats.runId);
        line(sb, "tcp_port", e.boundPort);
        line(sb, "server_time_usec", now.getEpochSecond() * 1_000_000L + now.getNano() / 1000);
        line(sb, "uptime_in_seconds", uptimeSec);
        line(sb, "uptime_in_days", uptimeSec / 86400);
        line(sb, "hz", hz);
        line(sb, "configured_hz", hz);
        line(sb, "lru_clock", ObjectType.lruClock(c.now));
        line(sb, "executable", InfoProcess.executable());
        line(sb, "config_file", e.config.configFile());
        line(sb, "ringstore_version", RINGSTORE_VERSION);
        line(sb, "ringstore_java_version", Runtime.version().toString());
        line(sb, "ringstore_shards", p.shards);
        line(sb, "ringstore_io_threads", p.ioThreads);
        line(sb, "ringstore_wait_strategy", p.waitStrategy);
        line(sb, "ringstore_cpu_affinity", p.pin ? "yes" : "no");
        line(sb, "ringstore_stages", p.fused ? "fused" : "separate");
    }

    private static void clients(StringBuilder sb, EngineContext e, long nowMs) {
        sb.append("# Clients\r\n");
        line(sb, "connected_clients", e.sessions.connected());
        line(sb, "cluster_connections", 0);
        line(sb, "maxclients", e.config.number("maxclients"));
        line(sb, "client_recent_max_output_buffer", recentMaxOutput(e, nowMs));
        long[] blocked = io.ringstore.engine.block.Blocking.counts(e);
        line(sb, "blocked_clients", blocked[0]);
        line(sb, "tracking_clients", e.tracking[0].clients()); // the copies agree; a stale read is fine for INFO
        line(sb, "clients_in_timeout_table", blocked[1]);
    }

    /**
     * Redis's client_recent_max_output_buffer: the largest output buffer any connected client had
     * in about the last 8 seconds (each connection's peak as the reply stage saw it, and its size
     * now). Unlike Redis, the peak of a client that disconnected is forgotten with it.
     */
    private static long recentMaxOutput(EngineContext e, long nowMs) {
        long max = 0;
        for (io.ringstore.engine.ClientSession s : e.sessions.all()) {
            max = Math.max(max, s.recentMaxOutputBytes(nowMs));
        }
        return max;
    }

    private static void memory(StringBuilder sb, Config config) {
        long used = InfoProcess.usedMemory();
        long total = InfoProcess.totalSystemMemory();
        long max = config.number("maxmemory");
        sb.append("# Memory\r\n");
        line(sb, "used_memory", used);
        line(sb, "used_memory_human", InfoProcess.human(used));
        line(sb, "total_system_memory", total);
        line(sb, "total_system_memory_human", InfoProcess.human(total));
        line(sb, "maxmemory", max);
        line(sb, "maxmemory_human", InfoProcess.human(max));
        line(sb, "maxmemory_policy", config.get("maxmemory-policy"));
        line(sb, "mem_allocator", "jvm");
    }

    /**
     * Snapshot jobs (SAVE, BGSAVE, BGREWRITEAOF: see BackgroundSaves) and the journal. Replay
     * happens before the port is bound, so no client sees loading:1.
     */
    private static void persistence(StringBuilder sb, EngineContext e) {
        io.ringstore.engine.JournalStatus j = e.journal;
        sb.append("# Persistence\r\n");
        io.ringstore.engine.snapshot.SnapshotStatus snap = e.snapshot;
        line(sb, "loading", 0); // clients connect only after recovery
        line(sb, "async_loading", 0);
        line(sb, "rdb_changes_since_last_save", e.changesSinceSave());
        io.ringstore.engine.snapshot.BackgroundSaves saves = e.saves;
        io.ringstore.engine.snapshot.SnapshotJob job = saves.active();
        boolean bgsave = job != null && !job.rewrite;
        boolean rewrite = job != null && job.rewrite;
        long running = job == null ? -1 : (System.nanoTime() - job.startNanos) / 1_000_000_000L;
        line(sb, "rdb_bgsave_in_progress", bgsave ? 1 : 0);
        line(sb, "rdb_last_save_time", snap.lastSaveTimeSec);
        line(sb, "rdb_last_bgsave_status", saves.lastBgsaveOk ? "ok" : "err");
        line(sb, "rdb_last_bgsave_time_sec", saves.lastBgsaveSeconds);
        line(sb, "rdb_current_bgsave_time_sec", bgsave ? running : -1);
        line(sb, "rdb_saves", snap.saves);
        line(sb, "aof_enabled", j.enabled ? 1 : 0);
        line(sb, "aof_rewrite_in_progress", rewrite ? 1 : 0);
        line(sb, "aof_rewrite_scheduled", saves.rewriteScheduled ? 1 : 0);
        line(sb, "aof_last_rewrite_time_sec", saves.lastRewriteSeconds);
        line(sb, "aof_current_rewrite_time_sec", rewrite ? running : -1);
        line(sb, "aof_last_bgrewrite_status", saves.lastRewriteOk ? "ok" : "err");
        line(sb, "aof_rewrites", saves.rewrites);
        line(sb, "aof_last_write_status", j.lastWriteOk ? "ok" : "err");
        if (j.enabled) {
            line(sb, "aof_current_size", j.sizeBytes);
            line(sb, "aof_base_size", j.baseSizeBytes);
            line(sb, "ringstore_journal_loaded_records", j.loadedRecords);
            line(sb, "ringstore_journal_last_sequence", j.lastSequence);
            line(sb, "ringstore_fsync_lag_ms", j.lastFsyncLagMs);
            line(sb, "ringstore_fsync_lag_max_ms", j.maxFsyncLagMs);
        }
        if (snap.loadedSequence >= 0) {
            line(sb, "ringstore_snapshot_loaded_sequence", snap.loadedSequence);
            line(sb, "ringstore_snapshot_loaded_keys", snap.loadedKeys);
        }
        if (snap.lastSaveDurationMs >= 0) {
            line(sb, "ringstore_last_save_time_ms", snap.lastSaveDurationMs);
        }
    }

    /** errorstat_CODE:count=N per error code, sorted by code as Redis's rax iteration. */
    private static void errorstats(StringBuilder sb, EngineContext e) {
        java.util.TreeMap<String, Long> all = new java.util.TreeMap<>();
        for (ShardState s : e.shards) {
            s.stats.errors.addTo(all);
        }
        sb.append("# Errorstats\r\n");
        for (java.util.Map.Entry<String, Long> en : all.entrySet()) {
            sb.append("errorstat_").append(en.getKey()).append(":count=").append(en.getValue()).append("\r\n");
        }
    }

    private static void stats(StringBuilder sb, EngineContext e) {
        long commands = 0;
        long hits = 0;
        long misses = 0;
        long expired = 0;
        long evicted = 0;
        long errors = 0;
        for (ShardState s : e.shards) {
            ShardStats st = s.stats;
            errors += st.errors.total();
            commands += st.commandsProcessed;
            hits += st.keyspaceHits;
            misses += st.keyspaceMisses;
            expired += st.expiredKeys;
            evicted += st.evictedKeys;
        }
        sb.append("# Stats\r\n");
        line(sb, "total_connections_received", e.serverStats.connectionsReceived(e.sessions.totalConnections()));
        line(sb, "total_commands_processed", commands);
        line(sb, "instantaneous_ops_per_sec", e.serverStats.opsPerSec());
        line(sb, "sync_full", 0);
        line(sb, "sync_partial_ok", 0);
        line(sb, "sync_partial_err", 0);
        line(sb, "expired_keys", expired);
        line(sb, "evicted_keys", evicted);
        line(sb, "evicted_clients", 0);
        line(sb, "keyspace_hits", hits);
        line(sb, "keyspace_misses", misses);
        trackingStats(sb, e);
        line(sb, "total_error_replies", errors);
        // Failures the pipeline survived (PipelineErrors): non-zero means a bug; see the server log.
        line(sb, "ringstore_ingress_errors", e.errors.ingressErrors());
        // Ringstore's own (7.2's client_output_buffer_limit_disconnections is not in 7.0).
        line(sb, "ringstore_client_output_buffer_limit_disconnections", e.serverStats.outputLimitDisconnections.get());
        line(sb, "ringstore_stage_errors", e.errors.stageErrors());
    }

    /** tracking_total_keys / _items over every shard's table, _prefixes from a copy (racy reads, as INFO's counters). */
    private static void trackingStats(StringBuilder sb, EngineContext e) {
        long keys = 0;
        long items = 0;
        for (io.ringstore.engine.tracking.Tracking t : e.tracking) {
            keys += t.keys();
            items += t.items();
        }
        line(sb, "tracking_total_keys", keys);
        line(sb, "tracking_total_items", items);
        line(sb, "tracking_total_prefixes", e.tracking[0].prefixCount());
    }

    private static void replication(StringBuilder sb, EngineContext e) {
        sb.append("# Replication\r\n");
        line(sb, "role", "master");
        line(sb, "connected_slaves", 0);
        line(sb, "master_failover_state", "no-failover");
        line(sb, "master_replid", e.serverStats.replId);
        line(sb, "master_replid2", "0000000000000000000000000000000000000000");
        line(sb, "master_repl_offset", 0);
        line(sb, "second_repl_offset", -1);
        line(sb, "repl_backlog_active", 0);
        line(sb, "repl_backlog_first_byte_offset", 0);
        line(sb, "repl_backlog_histlen", 0);
    }

    private static void cpu(StringBuilder sb) {
        long[] cpu = InfoProcess.cpuMicros();
        sb.append("# CPU\r\n");
        line(sb, "used_cpu_sys", InfoProcess.seconds(cpu[1]));
        line(sb, "used_cpu_user", InfoProcess.seconds(cpu[0]));
        line(sb, "used_cpu_sys_children", "0.000000");
        line(sb, "used_cpu_user_children", "0.000000");
    }

    /** "db0:keys=N,expires=M,avg_ttl=0" for every non-empty database (avg_ttl is not sampled yet). */
    private static void keyspace(StringBuilder sb, EngineContext e) {
        sb.append("# Keyspace\r\n");
        for (int db = 0; db < e.databases; db++) {
            long keys = 0;
            long expires = 0;
            for (ShardState s : e.shards) {
                Dict d = s.db(db).dict();
                keys += d.size();
                expires += d.volatileKeys();
            }
            if (keys > 0) {
                sb.append("db").append(db).append(":keys=").append(keys).append(",expires=").append(expires)
                        .append(",avg_ttl=0\r\n");
            }
        }
    }

    private static void line(StringBuilder sb, String field, Object value) {
        sb.append(field).append(':').append(value).append("\r\n");
    }

    private static void line(StringBuilder sb, String field, long value) {
        sb.append(field).append(':').append(value).append("\r\n");
    }
}
