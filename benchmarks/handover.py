"""Tie scores into pandas at one size: every tie scored at a new instant and
handed over as a DataFrame (`trust_edges_frame`), best of three, and the same
instant again (scores kept), split into the call and the frame.

    benchmarks/.venv/bin/python benchmarks/handover.py L
"""

import sys
import time

import samskab


def main() -> None:
    size = sys.argv[1] if len(sys.argv) > 1 else "L"
    net = samskab.Network.generate(size, seed=1)
    net.trust_edges_frame("2026-01-01")  # every tie's digest, made once on all cores
    best, frame = float("inf"), None
    for s in range(1, 4):
        t = time.perf_counter()
        frame = net.trust_edges_frame(f"2026-01-01T00:00:{s:02d}Z")
        best = min(best, time.perf_counter() - t)
    t = time.perf_counter()
    columns = net._net.trust_edges("2026-01-01T00:00:03Z")
    t_again = time.perf_counter() - t
    t = time.perf_counter()
    samskab._frame(columns)
    t_frame = time.perf_counter() - t
    print(f"{size}: {len(frame):,} ties ({2 * len(frame):,} directed scores) scored at a new instant "
          f"into pandas in {best:.3f} s (best of 3); the same instant again {t_again:.3f} s + {t_frame:.3f} s "
          f"for the frame")


if __name__ == "__main__":
    main()
