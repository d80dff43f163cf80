"""Alternatives to the trust model that MODEL.md reports as tried and not adopted.

    python examples/model_check/explore.py      (after scripts/model-check has downloaded the data)

None is in the library; each is written here on the same contacts and cuts
as check.py, with neutral one-to-one contacts as in these data:

- power-law fading, k(age) = (1 + age / c)^-d, as a self-exciting (Hawkes)
  process with Omori-type memory would weigh past contacts;
- the library's two memories (half-life 12 h, tail 0.25 at ten times it), with
  each person's presence as a factor: fading once a person has not been seen
  with anyone for a grace period;
- the same memories with the fast one weighed by the chance that the tie is
  still alive after its silence, given its own contact rate (a two-state
  model, as in Pareto/NBD customer-base analysis: silence long for the tie's
  rate means it has likely ended).

Prints, for each setting: the AUC at the main cut and the mean over every cut,
and on how many cuts it ranks above recency alone.
"""

import sys

import numpy as np

import check

HOUR = 3600


def cuts(name, data):
    """(past, future, cut) for every recorded day after the first as the cut,
    days beginning at the data's quiet hour as in check.py."""
    return [(c.past, c.future, c.cut) for c in check.Dataset(name, data).cuts]


def power(d, c):
    return lambda starts, now, seen, pair: ((now - starts + c) ** -d).sum()


def with_presence(grace, half_life):
    def score(starts, now, seen, pair):
        age = now - starts
        trust = (0.75 * np.exp2(-age / (12 * HOUR)) + 0.25 * np.exp2(-age / (120 * HOUR))).sum()
        present = [2.0 ** (-max(0, now - seen[p] - grace) / half_life) for p in pair]
        return trust * present[0] * present[1]

    return score


def alive(prior):
    def score(starts, now, seen, pair):
        age = now - starts
        fast = (0.75 * np.exp2(-age / (12 * HOUR))).sum()
        slow = (0.25 * np.exp2(-age / (120 * HOUR))).sum()
        rate = len(starts) / (starts.max() - starts.min() + 12 * HOUR)
        silent = np.exp(-rate * (now - starts.max()))
        return fast * silent / (prior * silent + 1 - prior) + slow

    return score


def evaluate(score, all_cuts):
    """AUC of `score` and of recency on each cut where both answers occur."""
    out = []
    for past, future, cut in all_cuts:
        keys = sorted(past)
        labels = [k in future for k in keys]
        if not 0 < sum(labels) < len(keys):
            continue
        seen = check.last_seen(past)
        now = cut - 1
        s = [score(np.asarray([a for a, _ in past[k]], dtype=float), now, seen, k) for k in keys]
        r = [max(a for a, _ in past[k]) for k in keys]
        out.append((check.auc(s, labels), check.auc(r, labels)))
    return out


def main() -> None:
    data = check.datasets(check.download())
    all_cuts = {name: cuts(name, d) for name, d in data.items()}
    settings = [(f"power d={d} c={c // 60} min", power(d, c)) for d in (0.5, 0.7, 0.9, 1.0, 1.2) for c in (60, 600, 3600)]
    settings += [
        (f"presence grace={g // HOUR} h half-life={h // HOUR} h", with_presence(g, h))
        for g, h in ((12 * HOUR, 12 * HOUR), (24 * HOUR, 12 * HOUR), (48 * HOUR, 12 * HOUR))
    ]
    settings += [(f"alive prior={p}", alive(p)) for p in (0.5, 0.9, 0.99)]
    for label, score in settings:
        cells = []
        for name in data:
            got = evaluate(score, all_cuts[name])
            last = got[-1][0]
            mean = sum(a for a, _ in got) / len(got)
            wins = sum(a > r for a, r in got)
            cells.append(f"{name}: {last:.3f} / {mean:.3f} ({wins} of {len(got)} above recency)")
        print(f"{label}: " + "; ".join(cells))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
