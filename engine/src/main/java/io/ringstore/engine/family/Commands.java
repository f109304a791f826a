package io.ringstore.engine.family;

import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.bitmaps.BitmapFamily;
import io.ringstore.engine.family.connection.ClientFamily;
import io.ringstore.engine.family.connection.ConnectionFamily;
import io.ringstore.engine.family.dump.DumpFamily;
import io.ringstore.engine.family.geo.GeoFamily;
import io.ringstore.engine.family.hashes.HashFamily;
import io.ringstore.engine.family.hyperloglog.HyperLogLogFamily;
import io.ringstore.engine.family.keyspace.KeyFamily;
import io.ringstore.engine.family.lists.BlockingLists;
import io.ringstore.engine.family.lists.ListFamily;
import io.ringstore.engine.family.server.ServerFamily;
import io.ringstore.engine.family.sets.SetFamily;
import io.ringstore.engine.family.sort.SortFamily;
import io.ringstore.engine.family.streams.StreamFamily;
import io.ringstore.engine.family.strings.StringFamily;
import io.ringstore.engine.family.transactions.TransactionFamily;
import io.ringstore.engine.family.scripting.FunctionFamily;
import io.ringstore.engine.family.scripting.ScriptingFamily;
import io.ringstore.engine.family.zsets.BlockingZsets;
import io.ringstore.engine.family.zsets.ZsetFamily;

/**
 * The full command table: one register call per family. Every command a client can send is a row
 * added by one of these.
 */
public final class Commands {
    private Commands() {
    }

    public static CommandTable table() {
        CommandTable t = new CommandTable();
        ConnectionFamily.register(t);
        ClientFamily.register(t);
        ServerFamily.register(t);
        StringFamily.register(t);
        BitmapFamily.register(t);
        HyperLogLogFamily.register(t);
        KeyFamily.register(t);
        DumpFamily.register(t);
        ListFamily.register(t);
        SetFamily.register(t);
        HashFamily.register(t);
        ZsetFamily.register(t);
        GeoFamily.register(t);
        StreamFamily.register(t);
        BlockingLists.register(t);
        BlockingZsets.register(t);
        TransactionFamily.register(t);
        ScriptingFamily.register(t);
        FunctionFamily.register(t);
        io.ringstore.engine.family.pubsub.PubSubFamily.register(t);
        SortFamily.register(t);
        return t.build();
    }
}
