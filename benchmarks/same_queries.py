"""The same queries as benchmarks/same_queries.mjs, natively through Python.

    RAYON_NUM_THREADS=1 python benchmarks/same_queries.py DOCUMENT AS_OF PAIRS.json

Prints one JSON object of seconds: load (best of five), score every tie at
a new instant, paths and key_people (best of ten after half a second of
calls), and brokers (the first call). V8 swaps in optimised code for a
function only once it has run a while: a first load at S takes twice as
long as the fifth, and key people at S reaches its speed after 20 calls.
With RAYON_NUM_THREADS=1 the core runs on one thread, as WebAssembly does,
so the two compare like for like.
"""

import json
import sys
import time

import samskab


def best(fn, repeat=3, warm_up=0.0):
    """Best of `repeat` calls, after calling `fn` for `warm_up` seconds (at
    most 200 times) first, as same_queries.mjs does: V8 swaps in optimised
    code only once a function has run a while."""
    start = time.perf_counter()
    for _ in range(200):
        if time.perf_counter() - start >= warm_up:
            break
        fn()
    out = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out = min(out, time.perf_counter() - t)
    return out


def main() -> None:
    path, as_of, pairs_file = sys.argv[1:4]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(pairs_file, encoding="utf-8") as f:
        pairs = json.load(f)
    times = {"load": best(lambda: samskab.Network.from_json(text), repeat=5)}
    net = samskab.Network.from_json(text)
    # A new instant each time: a network keeps the scores of the last one.
    instants = iter(f"{as_of}T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}Z" for s in range(86400))
    times["score every tie"] = best(lambda: net.trust_edges_frame(next(instants)), repeat=10, warm_up=0.5)
    net.key_people(as_of)
    times["paths"] = best(lambda: [net.paths(a, b, as_of, k=1, max_hops=10**6, min_step_trust=0.0) for a, b in pairs],
                          repeat=10, warm_up=0.5)
    times["key people"] = best(lambda: net.key_people(as_of), repeat=10, warm_up=0.5)
    times["brokers"] = best(lambda: net.brokers(as_of), repeat=1)
    print(json.dumps(times))


if __name__ == "__main__":
    main()
