#!/usr/bin/env python3
"""Table for scripts/bench-compare: reads OUT/SCENARIO-SERVER-rN.json (the load generator's
summaries) and prints a markdown table of medians over rounds and Ringstore/Redis ratios.
Error, disconnect and unanswered counts are summed over rounds and always shown.
Usage: bench-compare-table.py OUT ROUNDS SCENARIO..."""
import json
import os
import statistics
import sys

DESCRIPTION = {
    "set_p1": "SET, 50 conns, P=1",
    "get_p1": "GET, 50 conns, P=1",
    "set_p16": "SET, 50 conns, P=16",
    "get_p16": "GET, 50 conns, P=16",
    "incr_p1": "INCR, 50 conns, P=1",
    "mset10_p1": "MSET 10 keys (raw template), P=1",
    "lpush_p1": "LPUSH, 50 conns, P=1",
    "lpop_p1": "LPOP, 50 conns, P=1",
    "sadd_p1": "SADD, 50 conns, P=1",
    "hset_p1": "HSET, 50 conns, P=1",
    "open_rate": "open loop, fixed rate, SET:GET 1:1",
    "always_set_p1": "SET, P=1, appendonly yes + appendfsync always",
    "always_set_p16": "SET, P=16, appendonly yes + appendfsync always",
    "everysec_set_p1": "SET, P=1, appendonly yes + appendfsync everysec",
    "everysec_set_p16": "SET, P=16, appendonly yes + appendfsync everysec",
}


def load(out, scenario, server, rounds):
    runs = []
    for r in range(1, rounds + 1):
        path = os.path.join(out, f"{scenario}-{server}-r{r}.json")
        if os.path.exists(path):
            with open(path) as f:
                runs.append(json.load(f))
    return runs


def med(runs, get):
    return statistics.median(get(x) for x in runs) if runs else None


def fmt(v, digits=0):
    return "—" if v is None else f"{v:,.{digits}f}"


def faults(runs):
    e = sum(x["errors"] for x in runs)
    d = sum(x["disconnects"] for x in runs)
    u = sum(x["unanswered"] for x in runs)
    n = sum(x["requests"] for x in runs)
    text = f"{e:,}/{n:,}"
    if d or u:
        text += f" ({d} disc, {u:,} unans)"
    return e, n, text


def main():
    out, rounds, scenarios = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    cols = ["scenario", "load", "Ringstore req/s", "Redis req/s", "ratio",
            "RS p50 µs", "Redis p50 µs", "RS p99 µs", "Redis p99 µs",
            "RS p99.9 µs", "Redis p99.9 µs", "RS max µs", "Redis max µs",
            "RS errors/requests", "Redis errors/requests", "note"]
    print(f"Medians of {rounds} alternating round(s) per server; ratio = Ringstore / Redis throughput; "
          "latency in µs (open loop: from the intended send time).\n")
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for s in scenarios:
        a, b = load(out, s, "ringstore", rounds), load(out, s, "redis", rounds)
        if not a and not b:
            print(f"| {s} | {DESCRIPTION.get(s, '')} | " + " | ".join(["—"] * (len(cols) - 3)) + " | no result (run failed) |")
            continue
        tput = lambda x: x["throughputPerSecond"]
        lat = lambda p: (lambda x: x["latencyUs"][p])
        ta, tb = med(a, tput), med(b, tput)
        ea, na, fa = faults(a) if a else (0, 0, "—")
        eb, nb, fb = faults(b) if b else (0, 0, "—")
        note = ""
        ratio = fmt(ta / tb, 2) if ta and tb else "—"
        if na and ea >= 0.99 * na and eb == 0:
            note = "not implemented in Ringstore yet (every reply an error)"
            ratio = "—"
        elif ea or eb:
            note = "errors in replies: figures include them"
        if s == "open_rate":
            note = (note + "; " if note else "") + "fixed rate: compare latency, not req/s"
            ratio = "—"
        desc = DESCRIPTION.get(s, "")
        settings = (a or b)[0].get("settings", {})
        if settings.get("loop") == "open":
            desc = f"open loop, {settings.get('rate'):,} req/s fixed, {settings.get('connections')} conns, SET:GET 1:1"
        row = [s, desc, fmt(ta), fmt(tb), ratio]
        for p in ("p50", "p99", "p99.9", "max"):
            row += [fmt(med(a, lat(p))), fmt(med(b, lat(p)))]
        row += [fa, fb, note]
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
