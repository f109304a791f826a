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
import io.ringstore.engine.config.Config;
import io.ringstore.engine.family.Commands;
import io.ringstore.engine.util.Clock;
import io.ringstore.journal.JournalStage;
import io.ringstore.journal.ReplicationStage;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;

/**
 * The server: Netty I/O threads (epoll, NIO fallback) in front of the engine's ring. Builds the
 * engine from configuration and the thread profile for the cores present, binds, and serves until
 * closed. {@link #main} is the process entry point used by {@code scripts/ringstore-server}.
 */
public final class RingstoreServer implements AutoCloseable {
    private final Config config;
    private final Engine engine;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final CountDownLatch closed = new CountDownLatch(1);

    public RingstoreServer(Config config) throws InterruptedException {
        this(config, Clock.SYSTEM);
    }

    public RingstoreServer(Config config, Clock clock) throws InterruptedException {
        this.config = config;
        ThreadProfile profile = ThreadProfile.resolve(Runtime.getRuntime().availableProcessors(),
                config.get("shards"), config.get("io-threads"), config.get("wait-strategy"), config.get("cpu-affinity"));
        EngineContext ctx = new EngineContext(Commands.table(), config, new SessionRegistry(), profile);
        PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        ThreadFactory threads = new PinningThreadFactory("ringstore-pipeline", profile.pin);
        this.engine = new Engine(ctx, clock, (int) config.number("ring-size"), threads,
                new JournalStage(), new ReplicationStage(), new ReplyStage(alloc));
        boolean epoll = Epoll.isAvailable();
        ThreadFactory io = r -> {
            Thread t = new Thread(r, "ringstore-io");
            t.setDaemon(true);
            return t;
        };
        this.group = epoll ? new EpollEventLoopGroup(profile.ioThreads, io) : new NioEventLoopGroup(profile.ioThreads, io);
        ctx.ioMode = epoll ? "epoll" : "nio";
        ServerResources resources = new ServerResources(engine);
        engine.start();
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

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public Engine engine() {
        return engine;
    }

    public Config config() {
        return config;
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
        } catch (IllegalArgumentException e) {
            System.err.println("ringstore: bad configuration: " + e.getMessage());
            System.exit(1);
            return;
        } catch (Exception e) {
            System.err.println("ringstore: could not start: " + e);
            System.exit(1);
            return;
        }
        EngineContext ctx = server.engine().context();
        System.out.println("Ringstore ready on " + config.get("bind").trim().split("\\s+")[0] + ":" + server.port()
                + " (" + ctx.ioMode + ", " + ctx.profile + ", persistence off)");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ringstore-shutdown"));
        server.awaitClose();
    }
}
