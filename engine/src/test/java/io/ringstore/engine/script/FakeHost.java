package io.ringstore.engine.script;

import io.ringstore.engine.command.Args;
import io.ringstore.engine.reply.ReplyBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A ScriptHost with scripted replies (raw RESP), recording the commands and log lines it got. */
final class FakeHost implements ScriptHost {
    final Deque<String> replies = new ArrayDeque<>();
    final List<String> commands = new ArrayList<>();
    final List<String> logs = new ArrayList<>();
    int busyCalls;
    int killAfterBusy = -1;
    String cannedReply = "+OK\r\n";

    FakeHost reply(String raw) {
        replies.add(raw);
        return this;
    }

    @Override
    public void call(Args args, int resp, ReplyBuffer out) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.count(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(args.latin1(i, Integer.MAX_VALUE));
        }
        commands.add(sb.toString());
        String r = replies.isEmpty() ? cannedReply : replies.poll();
        out.raw(r.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void busy() {
        busyCalls++;
        if (killAfterBusy >= 0 && busyCalls > killAfterBusy) {
            throw new ScriptKilled(ScriptKilled.KILLED);
        }
    }

    @Override
    public void log(int level, String message) {
        logs.add(level + " " + message);
    }
}
