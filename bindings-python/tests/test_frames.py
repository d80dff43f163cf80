"""Tables as pandas frames built from columns, and NetworkX."""

import json
import math

import pytest

import numpy as np
import pandas as pd

import samskab


def test_actors_frame(egebaek):
    df = egebaek.actors_frame()
    assert len(df) == 54
    assert list(df.columns[:4]) == ["id", "kind", "name", "sector"]
    row = df.set_index("id").loc["e-per"]
    assert row["sector"] == "municipality"
    assert row["left"] == pd.Timestamp("2025-03-31", tz="UTC")
    assert pd.isna(df.set_index("id").loc["v-grethe", "left"])


def test_interactions_frame(egebaek):
    df = egebaek.interactions_frame()
    assert len(df) == len(egebaek.interactions())
    assert df["at"].is_monotonic_increasing
    assert df["formal"].dtype == bool
    assert set(df["kind"].cat.categories) <= {"meeting", "informal", "call", "message", "event", "request", "collaboration"}


def test_ties_frame_matches_trust(egebaek):
    df = egebaek.ties_frame("2025-11-01")
    assert len(df) == 2 * len(egebaek.ties("2025-11-01"))
    row = df[(df.source == "v-grethe") & (df.target == "e-mette")].iloc[0]
    t = egebaek.trust("v-grethe", "e-mette", "2025-11-01")
    assert row["trust"] == t.value
    assert row["contact"] == t.components.contact
    parts = df[["contact", "spacing", "recency", "reciprocity", "responsiveness", "negative"]].sum(axis=1)
    assert np.allclose(parts, df["evidence"])
    assert (df["trust"].between(0, 1)).all()


def test_a_large_frame_comes_as_columns():
    # 2,000 actors, 20,000 ties: built and handed over as arrays.
    actors = [{"id": f"a{i}", "kind": "volunteer"} for i in range(2000)]
    interactions = [
        {"at": "2024-01-01", "participants": [f"a{i}", f"a{(i * 7 + j) % 2000}"], "kind": "meeting"}
        for i in range(2000)
        for j in range(1, 11)
        if i != (i * 7 + j) % 2000
    ]
    doc = {"format": "samskab", "version": 1, "actors": actors, "interactions": interactions}
    net = samskab.Network.from_json(json.dumps(doc))
    df = net.ties_frame("2024-06-01")
    assert len(df) > 30_000
    assert (df.groupby(["source", "target"], observed=True).size() == 1).all()
    assert df["trust"].dtype == np.float64


def test_to_networkx(egebaek):
    g = egebaek.to_networkx("2025-11-01")
    assert g.number_of_nodes() == 54
    edge = g["v-grethe"]["e-mette"]
    assert edge["trust"] == egebaek.trust_value("v-grethe", "e-mette", "2025-11-01")
    # Found (#27): trust sat in `weight`, which NetworkX reads as a distance.
    assert "weight" not in edge
    assert edge["length"] == pytest.approx(max(-math.log(edge["trust"]), samskab.MIN_TIE_LENGTH))
    import networkx as nx

    route = nx.shortest_path(g, "v-maja", "e-aisha", weight="length")
    assert route[0] == "v-maja" and route[-1] == "e-aisha"
    assert g.nodes["e-per"]["sector"] == "municipality"


def test_frames_for_excel_and_for_each_analysis(egebaek, tmp_path):
    # Found (#27): the frames' zone-aware times made df.to_excel raise.
    local = egebaek.interactions_frame(tz="Europe/Copenhagen")
    assert local["at"].dt.tz is None
    utc = egebaek.interactions_frame()
    assert (local["at"] - utc["at"].dt.tz_localize(None)).dt.total_seconds().isin([3600, 7200]).all()
    egebaek.ties_frame("2025-11-01", tz="Europe/Copenhagen").to_excel(tmp_path / "ties.xlsx")
    for frame, rows in [
        (egebaek.key_people_frame("2025-11-01"), egebaek.key_people("2025-11-01")),
        (egebaek.neglected_frame("2025-11-01"), egebaek.neglected("2025-11-01")),
        (egebaek.coverage_frame("2025-11-01"), egebaek.coverage("2025-11-01")),
        (egebaek.brokers_frame("2025-11-01"), egebaek.brokers("2025-11-01")),
    ]:
        assert len(frame) == len(rows)


def test_as_of_takes_numpy_and_pandas_instants(egebaek):
    import pandas as pd

    want = egebaek.trust_value("v-grethe", "e-mette", "2025-11-01")
    for as_of in (np.datetime64("2025-11-01"), np.datetime64("2025-11-01T00:00:00.000"), pd.Timestamp("2025-11-01", tz="UTC")):
        assert egebaek.trust_value("v-grethe", "e-mette", as_of) == want
    with pytest.raises(samskab.InvalidArgumentError):
        egebaek.trust_value("v-grethe", "e-mette", np.datetime64("NaT"))
