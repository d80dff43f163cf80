"""samskab beside NetworkX, rustworkx and igraph, on the same generated network.

Builds one synthetic municipality with samskab's generator, hands the same
trust graph (undirected, one edge per tie, length −ln of mutual trust) to the
peers, runs the same computations in each — the most trusted path between
sampled pairs (Dijkstra), betweenness, articulation points, connected
components — checks that the answers agree, and prints times, ratios and peak
memory. Timing is wall-clock on this machine, reported as ratios against the
peers run side by side; nothing here is asserted about speed.

    python benchmarks/harness.py --size S            # the smoke run in the test command
    python benchmarks/harness.py --size M --out BENCHMARKS-M.json
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc

import igraph
import networkx as nx
import rustworkx as rx

import samskab

AS_OF = "2026-01-01"


def timed(fn, repeat=1):
    """Best wall-clock time of `repeat` calls, with the cyclic garbage collector
    off while timing, as `timeit` does: with NetworkX's graphs alive, a
    collection set off by one library's allocations would scan them all. One
    collection before the calls, not one before each: a collection walks every
    Python object, so it would leave the Python libraries' graphs in the cache
    and the native ones' data pushed out of it before each timed call."""
    best = math.inf
    result = None
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            result = None
            t = time.perf_counter()
            result = fn()
            best = min(best, time.perf_counter() - t)
    finally:
        gc.enable()
    return best, result


def python_memory(build):
    """Peak bytes Python allocates while building a graph (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    obj = build()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, obj


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="S", choices=["S", "M", "L", "XL"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pairs", type=int, default=20, help="path queries to time")
    parser.add_argument("--betweenness-sources", type=int, default=0,
                        help="sample this many sources for the peers' betweenness (0: exact everywhere)")
    parser.add_argument("--wasm", action="store_true",
                        help="also run the same queries natively on one thread and in WebAssembly under Node")
    parser.add_argument("--memory", action="store_true",
                        help="also measure the memory of the whole network in samskab and in NetworkX")
    parser.add_argument("--out")
    args = parser.parse_args()

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t_gen, net = timed(lambda: samskab.Network.generate(args.size, seed=args.seed))
    text = net.to_json()
    t_load, _ = timed(lambda: samskab.Network.from_json(text), repeat=3)
    rss_samskab = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0
    t_frame, ties = timed(lambda: net.ties_frame(AS_OF), repeat=3)
    # Scoring every tie into the trust graph, at a new instant each time (a
    # network keeps the scores of the last instant asked about).
    instants = iter(f"{AS_OF}T00:00:{s:02d}Z" for s in range(60))
    t_score, trust_edges = timed(lambda: net.trust_edges_frame(next(instants)), repeat=3)
    frame = net.actors_frame()
    # Actors who had left by then are gone from samskab's analyses; the peers get the same graph.
    gone = set(frame["id"][frame["left"].notna() & (frame["left"] <= AS_OF)])
    actors = [a for a in frame["id"].tolist() if a not in gone]
    # The trust graph, the same for every library: samskab's own, with the
    # length it measures routes with.
    trust_edges = net.trust_edges_frame(AS_OF)
    index = {a: i for i, a in enumerate(actors)}
    edges = [
        (a, b, w)
        for a, b, m, w in zip(
            trust_edges["a"].astype(str), trust_edges["b"].astype(str), trust_edges["mutual"], trust_edges["length"]
        )
        if m > 0
    ]
    print(f"{args.size}: {len(actors)} actors, {len(trust_edges)} ties, "
          f"{len(text) / 1e6:.1f} MB of format v1", file=sys.stderr)

    mem = {}
    mem["networkx"], g_nx = python_memory(lambda: _nx(actors, edges))
    mem["rustworkx"], g_rx = python_memory(lambda: _rx(actors, edges))
    mem["igraph"], g_ig = python_memory(lambda: _ig(actors, index, edges))

    results = {"size": args.size, "actors": len(actors), "ties": len(trust_edges), "interactions": len(net.interactions()),
               "machine": f"{platform.machine()}, {platform.python_version()}", "times": {}, "agree": {}}
    T = results["times"]
    T["samskab: generate"] = t_gen
    T["samskab: load format v1"] = t_load
    T["samskab: load MB/s"] = len(text) / 1e6 / t_load
    T["samskab: tie table (every tie, both ways, with counts) into pandas"] = t_frame
    T["samskab: score every tie (trust graph into pandas)"] = t_score
    T["samskab: scoring, interactions per second"] = len(net.interactions()) / t_score

    # Most trusted path between sampled pairs.
    rng = random.Random(args.seed)
    # People only: samskab reaches a group at any of its members, the peers do not.
    groups = set(frame["id"][frame["kind"].isin(["unit", "organisation", "community", "network"])])
    connected = sorted({a for e in edges for a in e[:2]} - groups)
    pairs = [(rng.choice(connected), rng.choice(connected)) for _ in range(args.pairs)]
    pairs = [(a, b) for a, b in pairs if a != b]
    unlimited = dict(k=1, max_hops=len(actors), min_step_trust=0.0)

    def samskab_paths():
        return [net.paths(a, b, AS_OF, **unlimited) for a, b in pairs]

    def nx_paths():
        out = []
        for a, b in pairs:
            try:
                out.append(nx.dijkstra_path_length(g_nx, a, b, weight="weight"))
            except nx.NetworkXNoPath:
                out.append(math.inf)
        return out

    def rx_paths():
        out = []
        for a, b in pairs:
            d = rx.dijkstra_shortest_path_lengths(g_rx, index[a], lambda w: w, goal=index[b])
            out.append(d[index[b]] if index[b] in d else math.inf)
        return out

    def ig_paths():
        return [g_ig.distances(index[a], index[b], weights="weight")[0][0] for a, b in pairs]

    # Best of three for every library: the first samskab call also scores every tie.
    T["paths: samskab"], ours = timed(samskab_paths, repeat=3)
    T["paths: networkx"], d_nx = timed(nx_paths, repeat=3)
    T["paths: rustworkx"], d_rx = timed(rx_paths, repeat=3)
    T["paths: igraph"], d_ig = timed(ig_paths, repeat=3)
    # samskab's chain measured as the peers measure it: each step's length
    # is −ln of its trust, at least the floor of the trust graph they were
    # given (samskab ranks chains by the product of trust, without a floor).
    d_ours = [sum(max(-math.log(s.trust), samskab.MIN_TIE_LENGTH) for s in w[0].steps) if w else math.inf
              for w in ours]
    results["agree"]["paths"] = all(_close(x, y) and _close(x, z) and _close(x, u) for x, y, z, u in zip(d_ours, d_nx, d_rx, d_ig))
    T["paths per query (ms): samskab"] = 1000 * T["paths: samskab"] / max(len(pairs), 1)
    # What the library is for: three ways in, at most four steps, each step trusted 0.1 or more.
    t_default, _ = timed(lambda: [net.paths(a, b, AS_OF) for a, b in pairs], repeat=3)
    T["paths, default query (3 ways in, 4 hops) per query (ms): samskab"] = 1000 * t_default / max(len(pairs), 1)

    # Betweenness on the trust graph.
    # Exact in samskab, rustworkx and igraph; with --betweenness-sources k,
    # NetworkX (too slow for exact beyond S) and samskab also sample k sources.
    k = args.betweenness_sources or None
    T["betweenness: samskab"], brokers = timed(lambda: net.brokers(AS_OF))
    if k:
        T["betweenness, k sources: samskab"], _ = timed(lambda: net.brokers(AS_OF, sources=k, seed=1))
        T["betweenness, k sources: networkx"], _ = timed(
            lambda: nx.betweenness_centrality(g_nx, k=k, weight="weight", normalized=False, seed=1))
    else:
        T["betweenness: networkx"], b_nx = timed(
            lambda: nx.betweenness_centrality(g_nx, weight="weight", normalized=False))
    T["betweenness: rustworkx"], b_rx = timed(lambda: rx.graph_betweenness_centrality(g_rx, normalized=False))
    T["betweenness: igraph"], b_ig = timed(lambda: g_ig.betweenness(weights="weight", directed=False))
    ours_b = {b.actor: b.betweenness for b in brokers}
    results["agree"]["betweenness (samskab = igraph)"] = all(
        _close(ours_b.get(a, 0.0), b_ig[index[a]], rel=1e-6) for a in actors
    )
    if k is None:
        results["agree"]["betweenness (samskab = networkx = igraph)"] = all(
            _close(ours_b.get(a, 0.0), b_nx[a], rel=1e-6) and _close(ours_b.get(a, 0.0), b_ig[index[a]], rel=1e-6)
            for a in actors
        )

    # Articulation points (what key people are built on) and components.
    # A millisecond or less at S, so best of ten.
    T["key people: samskab"], _ = timed(lambda: net.key_people(AS_OF), repeat=10)
    T["articulation points: networkx"], ap_nx = timed(lambda: set(nx.articulation_points(g_nx)), repeat=10)
    T["articulation points: rustworkx"], ap_rx = timed(lambda: {actors[i] for i in rx.articulation_points(g_rx)}, repeat=10)
    T["articulation points: igraph"], ap_ig = timed(lambda: {actors[i] for i in g_ig.articulation_points()}, repeat=10)
    results["agree"]["articulation points (peers)"] = ap_nx == ap_rx == ap_ig
    T["components: networkx"], c_nx = timed(lambda: nx.number_connected_components(g_nx))
    T["components: rustworkx"], c_rx = timed(lambda: rx.number_connected_components(g_rx))
    T["components: igraph"], c_ig = timed(lambda: len(g_ig.connected_components()))
    results["agree"]["components (peers)"] = c_nx == c_rx == c_ig

    results["memory"] = {
        "samskab: peak RSS growth for generate + load (MB)": rss_samskab / 1024,
        "networkx graph (MB, Python allocations)": mem["networkx"] / 1e6,
        "rustworkx graph (MB, Python allocations)": mem["rustworkx"] / 1e6,
        "igraph graph (MB, Python allocations)": mem["igraph"] / 1e6,
    }
    ratios = {
        "paths: networkx / samskab": T["paths: networkx"] / T["paths: samskab"],
        "paths: rustworkx / samskab": T["paths: rustworkx"] / T["paths: samskab"],
        "betweenness: networkx / samskab": (
            T["betweenness, k sources: networkx"] / T["betweenness, k sources: samskab"] if k
            else T["betweenness: networkx"] / T["betweenness: samskab"]),
        "betweenness: rustworkx (parallel) / samskab (parallel)": T["betweenness: rustworkx"] / T["betweenness: samskab"],
        "betweenness: igraph / samskab": T["betweenness: igraph"] / T["betweenness: samskab"],
        "articulation points: networkx / samskab key people": T["articulation points: networkx"] / T["key people: samskab"],
    }
    if args.wasm or args.memory:
        with tempfile.TemporaryDirectory() as tmp:
            document = os.path.join(tmp, "network.json")
            with open(document, "w", encoding="utf-8") as f:
                f.write(text)
            if args.wasm:
                queries = os.path.join(tmp, "pairs.json")
                with open(queries, "w", encoding="utf-8") as f:
                    json.dump(pairs, f)
                here = os.path.dirname(os.path.abspath(__file__))
                one_thread = dict(os.environ, RAYON_NUM_THREADS="1")
                native = _run([sys.executable, os.path.join(here, "same_queries.py"), document, AS_OF, queries], one_thread)
                wasm = _run(["node", os.path.join(here, "same_queries.mjs"), document, AS_OF, queries], os.environ)
                results["native, one thread (s)"] = native
                results["wasm in node (s)"] = wasm
                for name in native:
                    ratios[f"wasm / native, {name} (lower: wasm closer)"] = wasm[name] / native[name]
                T["betweenness: samskab, one thread"] = native["brokers"]
                ratios["betweenness: igraph / samskab, one thread"] = T["betweenness: igraph"] / native["brokers"]
            if args.memory:
                here = os.path.dirname(os.path.abspath(__file__))
                for lib in ("samskab", "networkx"):
                    got = _run([sys.executable, os.path.join(here, "memory.py"), lib, document], os.environ)
                    results["memory"][f"{lib}: resident MB holding the whole network"] = got["mb"]
                m = results["memory"]
                ratios["memory: networkx / samskab, whole network"] = (
                    m["networkx: resident MB holding the whole network"] / m["samskab: resident MB holding the whole network"]
                )
    results["ratios (higher: samskab faster)"] = ratios
    print(json.dumps(results, indent=2))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
    if not all(results["agree"].values()):
        print("the libraries disagree", file=sys.stderr)
        sys.exit(1)


def _run(command, env):
    """Runs a side script and returns the JSON object it prints."""
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _close(x, y, rel=1e-9):
    if math.isinf(x) or math.isinf(y):
        return math.isinf(x) and math.isinf(y)
    return abs(x - y) <= rel * max(1.0, abs(x), abs(y))


def _nx(actors, edges):
    g = nx.Graph()
    g.add_nodes_from(actors)
    g.add_weighted_edges_from(edges)
    return g


def _rx(actors, edges):
    index = {a: i for i, a in enumerate(actors)}
    g = rx.PyGraph()
    g.add_nodes_from(actors)
    g.add_edges_from([(index[a], index[b], w) for a, b, w in edges])
    return g


def _ig(actors, index, edges):
    g = igraph.Graph(n=len(actors), edges=[(index[a], index[b]) for a, b, _ in edges])
    g.es["weight"] = [w for _, _, w in edges]
    return g


if __name__ == "__main__":
    main()
