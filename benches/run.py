"""The benchmark harness behind BENCHMARKS.md: iagraph at 10^4 to 10^6
statements, side by side with Oxigraph's own bulk loader and with rdflib.

Usage:
    cargo build --release
    cargo build --release --features rocksdb --target-dir target/rocksdb
    pip install pyoxigraph rdflib        # and: apt-get install hyperfine time
    python3 benches/run.py [--sizes 10000 100000 1000000] [--steps build,export,...]

Each step prints a Markdown table row as soon as it is measured, and every
row is also written to target/bench/results.md. The generated projects,
stores and dumps stay in target/bench/ (several GB at 10^6 statements).
Figures are whole processes (start to exit) unless a row says otherwise;
peak memory is the maximum resident set size from /usr/bin/time.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench"
IAGRAPH = Path(os.environ.get("IAGRAPH", ROOT / "target/release/iagraph"))
ROCKSDB = Path(os.environ.get("IAGRAPH_ROCKSDB", ROOT / "target/rocksdb/release/iagraph"))
STEPS = ["build", "export", "oxigraph", "rdflib", "queries", "cold", "dot", "incremental"]
RESULTS = WORK / "results.md"
RDFLIB_MINUTES = 30
# rdflib's Turtle writer looks every IRI up among all the namespaces it has
# seen (NamespaceManager.get_longest_namespace), so its time grows with the
# square of the IRIs: 12.7 s at 10^3 statements, nothing written after 25
# minutes at 10^5. Above this size, only parsing and the query are timed.
RDFLIB_TURTLE_MAX = 1_000


def out(line: str) -> None:
    print(line, flush=True)
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write(line + "\n")


def timed(args, **kwargs):
    """Runs a command under /usr/bin/time: (seconds, peak RSS in MB, stdout)."""
    start = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M"] + [str(a) for a in args],
        capture_output=True, text=True, **kwargs,
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, args))}\n{proc.stderr}")
    rss_kb = int(proc.stderr.strip().splitlines()[-1])
    return seconds, rss_kb / 1024, proc.stdout


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def mb(n_bytes: float) -> str:
    return f"{n_bytes / 1e6:,.0f} MB"


def project(n: int) -> Path:
    """The synthetic project of n statements, generated once."""
    path = WORK / f"g{n}"
    if not (path / "data" / "sources.toml").exists():
        subprocess.run([IAGRAPH, "gen", "-n", str(n), "-o", path, "--force"], check=True, cwd=ROOT)
    # The named queries of this checkout, not of the one that generated the project.
    for q in (ROOT / "queries").glob("*.rq"):
        shutil.copy(q, path / "queries" / q.name)
    return path


def store(n: int) -> Path:
    """The on-disk store of the project, built once."""
    path = WORK / f"store{n}"
    if not (path / "stamp").exists():
        subprocess.run([ROCKSDB, "--root", project(n), "--store", path, "build", "--force"], check=True)
    return path


def dump(n: int, fmt: str, ext: str) -> Path:
    path = WORK / f"g{n}.{ext}"
    if not path.exists():
        subprocess.run([IAGRAPH, "--root", project(n), "export", "--format", fmt, "-o", path], check=True)
    return path


def step_build(n: int) -> None:
    p = project(n)
    secs, rss, stdout = timed([IAGRAPH, "--root", p, "build"])
    inner = re.search(r"built in ([0-9.]+)(m?s)", stdout)
    built = float(inner.group(1)) / (1000 if inner.group(2) == "ms" else 1)
    triples = int(re.search(r"triples (\d+)", stdout).group(1))
    out(f"| {n:,} | build, in memory | {triples:,} triples | {built:.1f} s in the process, "
        f"{secs:.1f} s in all | {n / built:,.0f} statements/s, {triples / built:,.0f} triples/s | {rss:,.0f} MB | "
        f"`iagraph --root {p.name} build` |")
    path = WORK / f"store{n}"
    shutil.rmtree(path, ignore_errors=True)
    secs, rss, stdout = timed([ROCKSDB, "--root", p, "--store", path, "build", "--force"])
    out(f"| {n:,} | build, on disk (RocksDB) | {triples:,} triples | {secs:.1f} s | "
        f"{n / secs:,.0f} statements/s, {triples / secs:,.0f} triples/s | {rss:,.0f} MB, store {mb(size_of(path))} | "
        f"`iagraph --root {p.name} --store {path.name} build --force` (rocksdb build) |")


def step_oxigraph(n: int) -> None:
    nq = dump(n, "nquads", "nq")
    script = ROOT / "benches" / "oxigraph_load.py"
    for where, label in [(None, "in memory"), (WORK / f"ox{n}", "on disk (RocksDB)")]:
        args = [sys.executable, script, nq]
        if where:
            shutil.rmtree(where, ignore_errors=True)
            args.append(where)
        secs, rss, stdout = timed(args)
        r = json.loads(stdout)
        extra = f", store {mb(size_of(where))}" if where else ""
        out(f"| {n:,} | Oxigraph's bulk loader, {label} | {r['quads']:,} quads ({mb(nq.stat().st_size)} N-Quads) | "
            f"{r['seconds']:.1f} s in the loader, {secs:.1f} s in all | {r['quads_per_second']:,} triples/s | "
            f"{rss:,.0f} MB{extra} | `python3 benches/oxigraph_load.py g{n}.nq{' ox%d' % n if where else ''}` ({r['tool']}) |")


def step_export(n: int) -> None:
    """RDF exports stream from data/ (no store), in bounded memory."""
    p = project(n)
    for fmt, ext in [("ntriples", "nt"), ("turtle", "ttl"), ("nquads", "nq")]:
        path = WORK / f"export{n}.{ext}"
        secs, rss, _ = timed([IAGRAPH, "--root", p, "export", "--format", fmt, "-o", path])
        size = path.stat().st_size
        out(f"| {n:,} | export {fmt}, streamed from data/ | {mb(size)} | {secs:.1f} s | "
            f"{size / 1e6 / secs:.1f} MB/s | {rss:,.0f} MB | "
            f"`iagraph --root {p.name} export --format {fmt} -o {path.name}` |")


def step_rdflib(n: int) -> None:
    p = project(n)
    nt = dump(n, "ntriples", "nt")
    args = [sys.executable, ROOT / "benches" / "rdflib_peer.py", nt, p / "queries" / "funders.rq"]
    turtle = n <= RDFLIB_TURTLE_MAX
    if turtle:
        args.append(WORK / f"rdflib{n}.ttl")
    try:
        # Not under /usr/bin/time, so that the timeout stops Python itself;
        # the script reports its own peak memory.
        proc = subprocess.run(args, capture_output=True, text=True, timeout=RDFLIB_MINUTES * 60, check=True)
    except subprocess.TimeoutExpired as stopped:
        done = stopped.stderr or ""
        done = done.decode() if isinstance(done, bytes) else done
        out(f"| {n:,} | rdflib | | stopped after {RDFLIB_MINUTES} min: "
            f"{'; '.join(done.strip().splitlines()) or 'nothing finished'} | | | "
            f"`python3 benches/rdflib_peer.py g{n}.nt queries/funders.rq` |")
        return
    r = json.loads(proc.stdout)
    ours_build, ours_rss, _ = timed([IAGRAPH, "--root", p, "build"])
    out(f"| {n:,} | rdflib: parse N-Triples | {r['triples']:,} triples | {r['parse_s']:.1f} s | "
        f"{r['triples'] / r['parse_s']:,.0f} triples/s; iagraph build (check, map, load) {ours_build:.1f} s: "
        f"{r['parse_s'] / ours_build:.1f}x faster | rdflib {r['max_rss_mb']:,} MB, iagraph {ours_rss:,.0f} MB | "
        f"`python3 benches/rdflib_peer.py g{n}.nt queries/funders.rq` ({r['tool']}) |")
    ours_q, _, _ = timed([IAGRAPH, "--root", p, "query", "funders", "-o", "/dev/null"])
    out(f"| {n:,} | rdflib: query `funders` on the parsed graph | {r['query_rows']:,} rows | {r['query_s']:.1f} s | "
        f"iagraph build + query {ours_q:.1f} s: {r['query_s'] / ours_q:.1f}x faster | | "
        f"`iagraph --root {p.name} query funders` |")
    if turtle:
        ours_ttl, _, _ = timed([IAGRAPH, "--root", p, "export", "--format", "turtle", "-o", WORK / f"ours{n}.ttl"])
        out(f"| {n:,} | rdflib: write Turtle | | {r['turtle_s']:.1f} s | iagraph export Turtle from data/ "
            f"{ours_ttl:.1f} s: {r['turtle_s'] / ours_ttl:.0f}x faster | | `iagraph --root {p.name} export --format turtle` |")


def step_queries(n: int) -> None:
    p, s = project(n), store(n)
    runs = "10" if n <= 100_000 else "3"
    stores = [("in memory", [IAGRAPH, "--root", p])]
    if n <= 10_000:  # above, RocksDB takes too long for repeated runs: see the cold step
        stores.append(("on disk", [ROCKSDB, "--root", p, "--store", s]))
    for label, args in stores:
        proc = subprocess.run(args + ["bench", "--runs", runs], capture_output=True, text=True, check=True)
        for line in proc.stdout.splitlines()[2:]:
            name, rows, first, _, median, _, p95, _ = line.split()
            out(f"| {n:,} | query `{name}`, warm, {label} | {int(rows):,} rows | first {first} ms, "
                f"median {median} ms | p95 {p95} ms | | `iagraph {'--store ' + s.name + ' ' if label == 'on disk' else ''}"
                f"--root {p.name} bench --runs {runs}` |")


def step_cold(n: int) -> None:
    """Each query in a fresh process on the on-disk store: open, answer, exit."""
    p, s = project(n), store(n)
    runs = 5 if n <= 10_000 else 1
    limit = 300 if n <= 100_000 else 120
    for q in sorted((ROOT / "queries").glob("*.rq")):
        args = [ROCKSDB, "--root", p, "--store", s, "query", q.stem, "-o", "/dev/null"]
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            try:
                subprocess.run(args, check=True, capture_output=True, timeout=limit)
            except subprocess.TimeoutExpired:
                break
            times.append(time.perf_counter() - start)
        command = f"`iagraph --root {p.name} --store {s.name} query {q.stem}` ({runs} runs)"
        if len(times) < runs:
            out(f"| {n:,} | query `{q.stem}`, cold process, on disk | | over {limit} s (stopped) | | | {command} |")
            continue
        out(f"| {n:,} | query `{q.stem}`, cold process, on disk | | median {statistics.median(times) * 1000:,.0f} ms | "
            f"max {max(times) * 1000:,.0f} ms | | {command} |")


def step_dot(n: int) -> None:
    p, s = project(n), store(n)
    drawings = [("focus on one entity, depth 2", ["--focus", "etat-0", "--depth", "2"])]
    if n <= 200_000:  # the issue asks for a 10^5-node drawing; 10^6 nodes draw nothing readable
        drawings.append(("the whole graph", []))
    for label, extra in drawings:
        path = WORK / f"g{n}.dot"
        secs, rss, _ = timed([ROCKSDB, "--root", p, "--store", s, "export", "--format", "dot", "-o", path] + extra)
        nodes = sum(1 for line in path.open(encoding="utf-8") if re.match(r"\s*\d+ \[", line))
        out(f"| {n:,} | DOT export, {label} | {nodes:,} nodes, {mb(path.stat().st_size)} | {secs:.1f} s | | "
            f"{rss:,.0f} MB | `iagraph --store {s.name} export --format dot {' '.join(extra)}` |")


def step_incremental(n: int) -> None:
    """Rebuild after touching one of the statement files: what a curator's edit costs."""
    if n > 100_000:
        return  # a full rebuild: the on-disk build's figure
    p, s = project(n), store(n)
    one = sorted((p / "data").glob("statements-*.toml"))[0]
    one.touch()
    secs, rss, _ = timed([ROCKSDB, "--root", p, "--store", s, "build"])
    out(f"| {n:,} | rebuild after one data file changed, on disk | | {secs:.1f} s | | {rss:,.0f} MB | "
        f"`touch data/{one.name}; iagraph --store {s.name} build` |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--steps", default=",".join(STEPS),
                        help=f"comma-separated, from: {', '.join(STEPS)}")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    for binary in (IAGRAPH, ROCKSDB):
        if not binary.exists():
            sys.exit(f"{binary} is missing: see the usage at the top of {__file__}")
    out(f"\n<!-- {time.strftime('%Y-%m-%d %H:%M')} sizes {args.sizes} steps {args.steps} -->")
    out("| statements | what | size | time | rate | peak memory | command |")
    out("|---|---|---|---|---|---|---|")
    for step in args.steps.split(","):
        for n in args.sizes:
            if step == "rdflib" and n > 100_000:
                continue  # hours, and more memory than the machine has: see BENCHMARKS.md
            globals()[f"step_{step}"](n)


if __name__ == "__main__":
    main()
