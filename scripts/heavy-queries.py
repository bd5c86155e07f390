#!/usr/bin/env python3
"""Issue 14's hostile-query measurement (BENCHMARKS.md, "Server: hostile queries").

Starts `iagraph serve` (the binary given, with the extra arguments given),
sends N copies of the heavy ORDER BY query at once with curl, and each second
prints the resident memory and CPU of the server and all its child processes
(sum of VmRSS and of utime+stime over the tree, from /proc) and the time a
light query takes (curl -w '%{time_total}'); then each heavy query's status
and time.

    scripts/heavy-queries.py target/debug/iagraph --heavy 4 --seconds 13
"""

import argparse
import os
import subprocess
import threading
import time

HEAVY = "SELECT * WHERE {?a ?b ?c . ?d ?e ?f . ?g ?h ?i} ORDER BY ?c ?f ?i"
LIGHT = "ASK { id:mistral-ai a iag:Startup }"
TICKS = os.sysconf("SC_CLK_TCK")


def tree(root):
    """The pid and every live descendant of it."""
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = open(f"/proc/{name}/stat").read()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z":
                parents.setdefault(int(fields[1]), []).append(int(name))
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(parents.get(pid, []))
    return pids


def sample(root):
    """Resident MB summed over the tree, and each process's CPU ticks."""
    rss_kb, ticks = 0, {}
    for pid in tree(root):
        try:
            for line in open(f"/proc/{pid}/status"):
                if line.startswith("VmRSS:"):
                    rss_kb += int(line.split()[1])
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            ticks[pid] = int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return rss_kb / 1000, ticks


def cpu_between(before, after):
    """CPU seconds the tree used between two samples (a process killed in
    between counts for nothing: its last second is not known)."""
    return sum(t - before.get(pid, 0) for pid, t in after.items()) / TICKS


def curl(url, query, out):
    result = subprocess.run(
        ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total}",
         url, "--data-urlencode", f"query={query}"],
        capture_output=True, text=True, check=False)
    out.append(result.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--port", default="7995")
    parser.add_argument("--heavy", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=14)
    args, serve_args = parser.parse_known_args()
    serve_args = [a for a in serve_args if a != "--"]
    url = f"http://127.0.0.1:{args.port}/sparql"
    server = subprocess.Popen(
        [args.binary, "serve", "--bind", f"127.0.0.1:{args.port}", *serve_args],
        stderr=subprocess.PIPE, text=True)
    print(server.stderr.readline().strip())
    time.sleep(5)
    answers, light = [], []
    curl(url, LIGHT, light)
    print(f"before: {sample(server.pid)[0]:.0f} MB, {len(tree(server.pid)) - 1} workers, light query {light[-1]}")
    threads = [threading.Thread(target=curl, args=(url, HEAVY, answers))
               for _ in range(args.heavy)]
    start = time.time()
    for t in threads:
        t.start()
    _, cpu_before = sample(server.pid)
    print("second | resident MB (server + workers) | CPU s used in that second | "
          "workers of second 1 alive | light query (status, s)")
    peak, first = 0, None
    for second in range(1, args.seconds + 1):
        time.sleep(max(0, start + second - time.time()))
        rss, cpu = sample(server.pid)
        workers = set(cpu) - {server.pid}
        first = first if first is not None else workers
        peak = max(peak, rss)
        curl(url, LIGHT, light)
        print(f"{second} | {rss:.0f} | {cpu_between(cpu_before, cpu):.2f} | "
              f"{len(first & workers)} of {len(first)} | {light[-1]}")
        cpu_before = cpu
    for t in threads:
        t.join()
    print(f"peak {peak:.0f} MB; heavy queries (status, s): {sorted(answers)}")
    server.terminate()
    server.wait()


if __name__ == "__main__":
    main()
