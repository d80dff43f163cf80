"""Resident memory of one network held in samskab or in NetworkX.

    python benchmarks/memory.py samskab|networkx DOCUMENT

Run in a fresh process per library. Prints the growth of resident memory
(MB) once the network is built and the document's text and parsed form are
gone: what holding the network costs. NetworkX holds the same content the way
a notebook would: actors as nodes with their attributes, and each
interaction as an edge of a MultiGraph between every pair of its
participants, with its time, kind, outcome and initiator.
"""

import gc
import itertools
import json
import sys


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as f:
        pages = int(f.read().split()[1])
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def build_samskab(path):
    import samskab

    return samskab.Network.load(path)


def build_networkx(path):
    import networkx as nx

    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    g = nx.MultiGraph()
    for a in doc["actors"]:
        g.add_node(a["id"], **{k: v for k, v in a.items() if k != "id"})
    for x in doc["interactions"]:
        attrs = {k: x[k] for k in ("at", "kind", "outcome", "initiator", "answered_at") if k in x}
        for p, q in itertools.combinations(x["participants"], 2):
            g.add_edge(p, q, **attrs)
    return g


def main() -> None:
    library, path = sys.argv[1:3]
    if library == "networkx":
        import networkx  # noqa: F401  (the module itself is not the network)
    else:
        import samskab  # noqa: F401
    gc.collect()
    before = rss_mb()
    held = {"samskab": build_samskab, "networkx": build_networkx}[library](path)
    gc.collect()
    # Hand freed heap back to the system, for both alike, so that what stays
    # resident is what the network holds.
    import ctypes

    ctypes.CDLL("libc.so.6").malloc_trim(0)
    print(json.dumps({"library": library, "mb": rss_mb() - before, "held": type(held).__name__}))


if __name__ == "__main__":
    main()
