package io.ringstore.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import io.ringstore.engine.Engine;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.SessionRegistry;
import io.ringstore.engine.ThreadProfile;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.log.ServerLog;
import io.ringstore.engine.family.Commands;
import io.ringstore.engine.util.Clock;
import io.ringstore.journal.Journal;
import io.ringstore.journal.JournalCorruptException;
import io.ringstore.journal.JournalFormat;
import io.ringstore.journal.JournalRecovery;
import io.ringstore.journal.JournalReplay;
import io.ringstore.journal.JournalScan;
import io.ringstore.journal.JournalStage;
import io.ringstore.journal.SnapshotCorruptException;
import io.ringstore.journal.SnapshotStore;
import io.ringstore.journal.rdb.RdbFileException;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;

/**
 * The server: Netty I/O threads (epoll, NIO fallback) in front of the engine's ring. Builds the
 * engine from configuration and the thread profile for the cores present, binds, and serves until
 * closed. {@link #main} is the process entry point used by {@code scripts/ringstore-server}.
 * <p>
 * With {@code appendonly yes}, start-up recovers before the port is bound: the journal is checked
 * whole (a torn tail is truncated, damage elsewhere stops start-up), opened for appending, and
 * replayed through the ring before the tick timer starts; only then do clients connect. Before
 * that, the newest valid snapshot (SnapshotStore) is loaded into the shards and replay skips the
 * records it already holds. With {@code rdb-import}, a Redis RDB file is loaded into the shards
 * first ({@link RdbStartup}).
 */
public final class RingstoreServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("ringstore");
    private final Engine engine;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final CountDownLatch closed = new CountDownLatch(1);

    public RingstoreServer(Config config) throws InterruptedException, IOException, JournalCorruptException,
            SnapshotCorruptException, RdbFileException {
        this(config, Clock.SYSTEM);
    }

    public RingstoreServer(Config config, Clock clock) throws InterruptedException, IOException, JournalCorruptException,
            SnapshotCorruptException, RdbFileException {
        this(config, clock, Commands.table());
    }

    /** A server with a given command table (tests add rows that fail on purpose). */
    public RingstoreServer(Config config, Clock clock, CommandTable table) throws InterruptedException, IOException,
            JournalCorruptException, SnapshotCorruptException, RdbFileException {
        ServerLog.configure(config);
        PrintStream progress = ServerLog.lines(ServerLog.NOTICE);
        ThreadProfile profile = ThreadProfile.resolve(Runtime.getRuntime().availableProcessors(),
                config.get("shards"), config.get("io-threads"), config.get("wait-strategy"), config.get("cpu-affinity"));
        EngineContext ctx = new EngineContext(table, config, new SessionRegistry(), profile);
        PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        ThreadFactory threads = new PinningThreadFactory("ringstore-pipeline", profile.pin);
        boolean appendonly = config.number("appendonly") != 0;
        Path dir = Paths.get(config.get("dir"));
        String prefix = config.get("appendfilename");
        JournalStage journalStage = new JournalStage();
        SnapshotStore snapshots = new SnapshotStore(dir, config.get("dbfilename"), appendonly ? prefix : null);
        long snapshotSeq;
        java.util.Set<String> killedScripts = java.util.Set.of();
        RdbStartup rdb = RdbStartup.of(config, dir, appendonly);
        rdb.importFile(ctx, clock.nowMs(), progress); // before recovery: it refused a dir holding Ringstore state
        if (appendonly) {
            JournalScan recovered = JournalRecovery.check(dir, prefix, progress);
            long journalFirstSeq = recovered.segments.isEmpty() ? -1
                    : JournalFormat.firstSeqOf(recovered.segments.get(0), prefix);
            snapshotSeq = snapshots.recover(ctx, journalFirstSeq, progress);
            killedScripts = recovered.killedScripts;
            rdb.reserveSnapshotSequence(recovered);
            Journal journal = new Journal(dir, prefix, config.number("journal-max-segment-size"),
                    config.get("appendfsync"), recovered, ctx.journal, RingstoreServer::backgroundFsyncFailed);
            config.onChange("appendfsync", o -> journal.setPolicy(o.value()));
            // The journal stage records base + ring sequence; past the snapshot too, so that the
            // records written from now on replay after it even if the journal was empty.
            snapshotSeq = rdb.persist(ctx, snapshots, snapshotSeq, clock.nowMs(), progress);
            ctx.sequenceBase = Math.max(journal.nextSeq(), snapshotSeq + 1);
            journalStage = new JournalStage(journal, () -> Runtime.getRuntime().halt(1));
        } else {
            snapshotSeq = snapshots.recover(ctx, -1, progress);
            ctx.sequenceBase = snapshotSeq + 1; // later snapshots get higher sequences
        }
        ctx.snapshots = snapshots;
        this.engine = new Engine(ctx, clock, (int) config.number("ring-size"), threads,
                journalStage, null, new ReplyStage(alloc, // no replication stage until replication exists
                        new OutputBufferGuard(ctx.options.clientOutputBufferLimit, ctx.serverStats)));
        boolean epoll = Epoll.isAvailable();
        ThreadFactory io = r -> {
            Thread t = new Thread(r, "ringstore-io");
            t.setDaemon(true);
            return t;
        };
        this.group = epoll ? new EpollEventLoopGroup(profile.ioThreads, io) : new NioEventLoopGroup(profile.ioThreads, io);
        ctx.ioMode = epoll ? "epoll" : "nio";
        ServerResources resources = new ServerResources(engine);
        engine.startPipeline();
        if (appendonly) {
            try {
                JournalReplay.replay(dir, prefix, engine, snapshotSeq, killedScripts);
            } catch (IOException | RuntimeException e) {
                engine.close();
                group.shutdownGracefully();
                throw e;
            }
        }
        engine.startTicker();
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, (int) config.number("tcp-backlog"))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.ALLOCATOR, alloc)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new RespHandler(resources));
                    }
                });
        String bind = config.get("bind").trim().split("\\s+")[0];
        try {
            this.serverChannel = b.bind(new InetSocketAddress(bind, (int) config.number("port"))).sync().channel();
        } catch (Exception e) {
            engine.close();
            group.shutdownGracefully();
            throw e;
        }
        ctx.boundPort = port();
        ctx.shutdownHook = this::close;
    }

    /**
     * The everysec flusher's force failed: the journal already refuses writes with -MISCONF
     * (Journal recorded it in JournalStatus); say why in the log, as Redis does.
     */
    private static void backgroundFsyncFailed(IOException e) {
        LOG.log(System.Logger.Level.WARNING, "Error writing to the AOF file (background fsync): " + e
                + ". Write commands are refused (-MISCONF) until a restart.", e);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public Engine engine() {
        return engine;
    }

    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        engine.close();
        closed.countDown();
    }

    public static void main(String[] args) throws Exception {
        // Netty would probe for SLF4J (pulled in by the affinity library) and print a warning.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        Config config;
        try {
            config = ConfigLoader.load(args);
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        RingstoreServer server;
        try {
            server = new RingstoreServer(config);
        } catch (JournalCorruptException | SnapshotCorruptException | RdbFileException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
            System.exit(1);
            return;
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "Bad configuration: " + e.getMessage());
            System.exit(1);
            return;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Could not start: " + e);
            System.exit(1);
            return;
        }
        EngineContext ctx = server.engine().context();
        LOG.log(System.Logger.Level.INFO, "Ringstore ready on " + config.get("bind").trim().split("\\s+")[0] + ":" + server.port()
                + " (" + ctx.ioMode + ", " + ctx.profile + ", "
                + (ctx.journal.enabled ? "appendonly yes, appendfsync " + config.get("appendfsync")
                        + ", " + ctx.journal.loadedRecords + " journal records loaded" : "appendonly no")
                + (ctx.snapshot.loadedSequence >= 0 ? ", snapshot at sequence " + ctx.snapshot.loadedSequence
                        + " with " + ctx.snapshot.loadedKeys + " keys loaded" : "") + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ringstore-shutdown"));
        server.awaitClose();
    }
}
