"""Tables as pandas frames built from columns, and NetworkX."""

import json

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
    assert g["v-grethe"]["e-mette"]["weight"] == egebaek.trust_value("v-grethe", "e-mette", "2025-11-01")
    assert g.nodes["e-per"]["sector"] == "municipality"
