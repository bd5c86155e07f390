"""rdflib, the peer a Python user would pick: parse N-Triples, write Turtle, run a named query.

Usage: python3 benches/rdflib_peer.py FILE.nt QUERY.rq [OUT.ttl]
(parse, then the query, then Turtle when OUT.ttl is given)
Prints one line of JSON with the seconds of each step, the triples and the
query's rows, and the peak RSS in MB; each step's time also goes to stderr
as soon as it is known, for runs stopped before the end.
"""
import json
import resource
import sys
import time

import rdflib


def main() -> None:
    nt, query_file = sys.argv[1:3]
    out = sys.argv[3] if len(sys.argv) > 3 else None
    graph = rdflib.Graph()
    start = time.perf_counter()
    graph.parse(nt, format="nt")
    parsed = time.perf_counter()
    print(f"parsed {len(graph)} triples in {parsed - start:.1f} s", file=sys.stderr, flush=True)
    # The query before Turtle: rdflib's Turtle writer may not finish in time.
    with open(query_file, encoding="utf-8") as f:
        rows = len(list(graph.query(f.read())))
    queried = time.perf_counter()
    print(f"query: {rows} rows in {queried - parsed:.1f} s", file=sys.stderr, flush=True)
    if out:
        graph.serialize(destination=out, format="turtle")
    serialised = time.perf_counter()
    print(json.dumps({
        "tool": f"rdflib {rdflib.__version__}",
        "triples": len(graph),
        "parse_s": round(parsed - start, 2),
        "turtle_s": round(serialised - queried, 2) if out else None,
        "query_s": round(queried - parsed, 2),
        "query_rows": rows,
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }))


if __name__ == "__main__":
    main()
