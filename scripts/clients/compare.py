#!/usr/bin/python3
"""Compares the outcome lines of the client drivers on Ringstore and on redis-server.

    compare.py CLIENT RINGSTORE_OUT RINGSTORE_RC REDIS_OUT REDIS_RC [CLIENT ...]

Each OUT file holds the driver's lines `PASS name`, `FAIL name: detail`, `SKIP name: reason`.
A check is good when both servers give the same outcome and redis-server's is not FAIL (so a
check cannot pass by both servers being wrong). A driver that crashed (non-zero exit without
any FAIL line) or printed nothing counts as a failure. Prints the table and the failures;
exits 1 if anything is not good.
"""
import sys


def parse(path):
    outcomes, other = {}, []
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError as e:
        return {}, [f"cannot read {path}: {e}"]
    for line in lines:
        status, _, rest = line.partition(" ")
        if status in ("PASS", "FAIL", "SKIP") and rest:
            name, _, detail = rest.partition(": ")
            outcomes[name] = (status, detail)
        elif line.strip():
            other.append(line)
    return outcomes, other


def main(argv):
    rows, problems = [], []
    args = argv[1:]
    for i in range(0, len(args), 5):
        client, rs_out, rs_rc, rd_out, rd_rc = args[i:i + 5]
        rs, rs_other = parse(rs_out)
        rd, rd_other = parse(rd_out)
        names = list(rd) + [n for n in rs if n not in rd]
        if not names:
            problems.append(f"{client}: no outcome lines (ringstore exit {rs_rc}, redis exit {rd_rc})")
        for label, outcomes, rc, other in (("ringstore", rs, rs_rc, rs_other),
                                           ("redis", rd, rd_rc, rd_other)):
            failed = any(s == "FAIL" for s, _ in outcomes.values())
            if rc != "0" and not failed:
                tail = " | ".join(other[-3:])
                problems.append(f"{client} on {label}: driver exited {rc} without a FAIL line: {tail}")
        for name in names:
            a = rs.get(name, ("MISSING", ""))
            b = rd.get(name, ("MISSING", ""))
            good = a[0] == b[0] and b[0] in ("PASS", "SKIP")
            rows.append((client, name, a[0], b[0], good))
            if not good:
                why = "differs" if a[0] != b[0] else "fails on both"
                detail = []
                if a[0] != "PASS":
                    detail.append(f"ringstore {a[0]}{': ' + a[1] if a[1] else ''}")
                if b[0] != "PASS":
                    detail.append(f"redis {b[0]}{': ' + b[1] if b[1] else ''}")
                problems.append(f"{client} {name} ({why}): " + "; ".join(detail))

    w_client = max([len("client")] + [len(r[0]) for r in rows])
    w_check = max([len("check")] + [len(r[1]) for r in rows])
    print(f"{'client':<{w_client}}  {'check':<{w_check}}  {'ringstore':<9}  {'redis':<9}")
    for client, name, a, b, good in rows:
        mark = "" if good else "  <-- " + ("DIFFERS" if a != b else "FAILS")
        print(f"{client:<{w_client}}  {name:<{w_check}}  {a:<9}  {b:<9}{mark}")
    passed = sum(1 for r in rows if r[4] and r[3] == "PASS")
    skipped = sum(1 for r in rows if r[4] and r[3] == "SKIP")
    failed = sum(1 for r in rows if not r[4])
    if problems:
        print()
        for p in problems:
            print(f"  {p}")
    print()
    print(f"test-clients: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
