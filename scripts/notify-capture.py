#!/usr/bin/env python3
"""Captures the keyspace notifications redis-server sends for each command of a scenario file.

Usage: notify-capture.py PORT SCENARIOS OUT

SCENARIOS holds scenarios: '## name', then optional 'flags <notify-keyspace-events>' (default
KEA), then one command per line as '> arg<TAB>arg...'. Each scenario starts on an empty server
(FLUSHALL). OUT repeats the input with, after each command, its reply ('= ' + RESP, escaped) and
the events it raised, one per line as '< channel<TAB>message', in the order a subscriber of
'__key*__:*' received them. Used to build engine/src/test/resources/notify/events.txt from
redis-server 7.0.15 (KeyspaceNotificationTableTest replays it against the engine).
"""
import socket
import sys


class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port))
        self.buf = b""

    def send(self, *args):
        out = b"*%d\r\n" % len(args)
        for a in args:
            a = a.encode() if isinstance(a, str) else a
            out += b"$%d\r\n%s\r\n" % (len(a), a)
        self.s.sendall(out)

    def _line(self):
        while b"\r\n" not in self.buf:
            self.buf += self.s.recv(65536)
        i = self.buf.index(b"\r\n")
        line, self.buf = self.buf[:i], self.buf[i + 2:]
        return line

    def _n(self, n):
        while len(self.buf) < n + 2:
            self.buf += self.s.recv(65536)
        d, self.buf = self.buf[:n], self.buf[n + 2:]
        return d

    def read_raw(self):
        """One reply as raw RESP bytes."""
        line = self._line()
        t = line[:1]
        out = line + b"\r\n"
        if t == b"$":
            n = int(line[1:])
            if n >= 0:
                out += self._n(n) + b"\r\n"
        elif t in (b"*", b">", b"%", b"~"):
            n = int(line[1:])
            if t == b"%":
                n *= 2
            for _ in range(max(n, 0)):
                out += self.read_raw()
        return out

    def read(self):
        line = self._line()
        t = line[:1]
        if t == b"$":
            n = int(line[1:])
            return None if n < 0 else self._n(n)
        if t in (b"*", b">"):
            return [self.read() for _ in range(int(line[1:]))]
        return line

    def call(self, *args):
        self.send(*args)
        return self.read_raw()


def main():
    port, src, dst = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    cmd = Conn(port)
    sub = Conn(port)
    sub.send("PSUBSCRIBE", "__key*__:*")
    sub.read()
    sub.send("SUBSCRIBE", "notify-capture-sync")
    sub.read()
    out = []
    in_multi = False

    def drain():
        cmd.call("PUBLISH", "notify-capture-sync", "x")
        events = []
        while True:
            m = sub.read()
            if m[0] == b"message":
                return events
            events.append((m[2].decode("latin1"), m[3].decode("latin1")))

    for raw in open(src):
        line = raw.rstrip("\n")
        if line.startswith("## "):
            cmd.call("CONFIG", "SET", "notify-keyspace-events", "")
            cmd.call("FLUSHALL")
            cmd.call("CONFIG", "SET", "notify-keyspace-events", "KEA")
            drain()
            out.append(line)
        elif line.startswith("flags "):
            cmd.call("CONFIG", "SET", "notify-keyspace-events", line[6:])
            out.append(line)
        elif line.startswith("> "):
            args = line[2:].split("\t")
            reply = cmd.call(*args)
            out.append(line)
            out.append("= " + reply.decode("latin1").replace("\\", "\\\\").replace("\r\n", "\\r\\n"))
            if args[0].upper() == "MULTI":
                in_multi = True
            if args[0].upper() in ("EXEC", "DISCARD"):
                in_multi = False
            if in_multi:
                continue  # a PUBLISH would be queued: events come with EXEC
            for ch, msg in drain():
                out.append("< %s\t%s" % (ch, msg))
        else:
            out.append(line)
    with open(dst, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
