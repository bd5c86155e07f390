"""Oxigraph's own bulk loader on an N-Quads file, as the limit iagraph's build is measured against.

Usage: python3 benches/oxigraph_load.py FILE.nq [STORE_DIR]
Loads FILE.nq with pyoxigraph's Store.bulk_load, in memory or into a new RocksDB
store at STORE_DIR, and prints one line of JSON: quads, seconds, quads per
second, peak RSS in MB.
"""
import json
import resource
import sys
import time

import pyoxigraph


def main() -> None:
    path = sys.argv[1]
    location = sys.argv[2] if len(sys.argv) > 2 else None
    start = time.perf_counter()
    store = pyoxigraph.Store(location) if location else pyoxigraph.Store()
    store.bulk_load(path=path, format=pyoxigraph.RdfFormat.N_QUADS)
    store.flush() if location else None
    quads = len(store)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "tool": f"pyoxigraph {pyoxigraph.__version__} bulk_load",
        "quads": quads,
        "seconds": round(seconds, 2),
        "quads_per_second": round(quads / seconds),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }))


if __name__ == "__main__":
    main()
