"""The whole API from Python, with the same names as the core."""

import datetime as dt
import pickle

import pytest

import samskab


def test_load_save_round_trip(tmp_path, egebaek):
    path = tmp_path / "net.json"
    egebaek.save(path)
    again = samskab.Network.load(str(path))
    assert again.to_json() == egebaek.to_json()
    assert samskab.Network.from_json(egebaek.to_json()).to_json() == egebaek.to_json()
    assert repr(egebaek).startswith("Network(54 actors")
    assert egebaek.meta["municipality"].startswith("Egebæk")


def test_as_of_takes_dates_datetimes_and_strings(egebaek):
    values = [
        egebaek.trust_value("v-grethe", "e-mette", x)
        for x in (
            dt.date(2025, 11, 1),
            dt.datetime(2025, 11, 1),  # naive means UTC
            dt.datetime(2025, 11, 1, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            "2025-11-01",
            "2025-11-01T00:00:00Z",
        )
    ]
    assert len(set(values)) == 1
    with pytest.raises(TypeError):
        egebaek.trust("v-grethe", "e-mette", 20251101)
    with pytest.raises(samskab.InvalidArgumentError):
        egebaek.trust("v-grethe", "e-mette", "1st of November")


def test_trust_explains_itself(egebaek):
    t = egebaek.trust("v-grethe", "e-mette", "2025-11-01")
    assert isinstance(t, samskab.Trust)
    assert 0.9 < float(t) == t.value <= 1.0
    c = t.components
    assert abs(c.contact + c.spacing + c.recency + c.reciprocity + c.responsiveness + c.negative - t.evidence) < 1e-9
    assert t.top_interactions and isinstance(t.top_interactions[0].at, dt.datetime)
    assert "v-grethe → e-mette" in repr(t)
    assert "<table>" in t._repr_html_()
    stats = egebaek.tie_stats("v-grethe", "e-mette", "2025-11-01")
    assert stats.trust_ab == t.value
    assert isinstance(stats.last_contact, dt.datetime)


def test_analyses(egebaek):
    as_of = dt.date(2025, 11, 1)
    ways = egebaek.paths("v-maja", "u-job", as_of)
    assert ways[0].actors[:2] == ["v-maja", "v-ahmad"] and ways[0].introducer == "v-ahmad"
    assert ways[0].steps[0].from_ == "v-maja"
    assert len(egebaek.paths("v-maja", "u-job", as_of, k=1)) == 1
    assert egebaek.paths("v-maja", "u-job", as_of, max_hops=1) == []
    people = egebaek.key_people(as_of)
    assert people[0].actor and people[0].orphans
    cold = egebaek.neglected(as_of)
    assert any(c.a == "e-karin" and c.b == "v-kurt" for c in cold)
    cov = egebaek.coverage(as_of)
    assert {c.status for c in cov} >= {"covered", "weak"}
    assert cov[0].contacts[0].with_ is None or isinstance(cov[0].contacts[0].with_, str)
    assert egebaek.brokers(as_of)[0].normalized > 0
    view = egebaek.cross_unit(as_of)
    assert view.links and 0 <= view.agreement <= 1
    assert egebaek.cross_unit(as_of, earlier="2024-01-01").earlier == dt.date(2024, 1, 1)
    health = egebaek.initiative_health("ini-jobmesse", as_of)
    assert health.rests_on == "v-ahmad"
    assert health.outcomes[0].value == 140


def test_report(egebaek):
    r = egebaek.report(dt.date(2025, 1, 1), "2025-07-01")
    assert r.current.interactions > 0 and r.previous.interactions > 0
    assert "kontakter i alt" in r.to_text()
    assert "contacts in all" in r.to_text(lang="en")
    d = r.to_dict()
    assert d["current"]["interactions"] == r.current.interactions
    assert "<table>" in r._repr_html_()
    with pytest.raises(samskab.InvalidArgumentError):
        r.to_text("sv")


def test_build_change_and_remove_with_keyword_arguments():
    net = samskab.Network()
    net.add_actor("u-job", "unit", name="Jobcenter")
    net.add_actor("e-tove", "employee", member_of=["u-job"], contact={"phone": "+45 1"}, joined=dt.date(2020, 1, 1))
    net.add_actor("v-inge", "volunteer", tags=["local-champion"])
    key = net.add_interaction(dt.datetime(2024, 1, 9, 10, 15), ["v-inge", "e-tove"], "request", initiator="v-inge",
                              answered_at="2024-01-09T14:00:00Z", id="x1")
    assert net.interactions()[0]["key"] == key
    net.update_interaction("x1", note="kaffe")
    assert net.interactions()[0]["note"] == "kaffe"
    net.update_actor("v-inge", name="Inge", tags=None)
    assert net.actor("v-inge") == {"id": "v-inge", "kind": "volunteer", "name": "Inge"}
    net.add_initiative("ini", "Lektiehjælp", "active", participants=[{"actor": "v-inge", "role": "lead"}],
                       started=dt.date(2024, 1, 1))
    net.update_initiative("ini", status="completed")
    assert net.initiative("ini")["status"] == "completed"
    with pytest.raises(samskab.ValidationError):
        net.remove_actor("v-inge")  # still takes part
    removed = net.remove_interaction(key)
    assert removed["id"] == "x1"
    net.remove_initiative("ini")
    assert net.remove_actor("v-inge")["name"] == "Inge"
    assert [a["id"] for a in net.actors()] == ["e-tove", "u-job"]
    net.scoring = {"half_life_days": 90}
    assert net.scoring["half_life_days"] == 90
    assert '"half_life_days": 90' in net.to_json()


def test_erase(egebaek):
    erased = egebaek.erase("v-grethe")
    assert isinstance(erased, samskab.Erased) and erased.interactions_removed > 0
    assert "Grethe" not in egebaek.to_json()
    with pytest.raises(samskab.UnknownActorError):
        egebaek.erase("v-grethe")


def test_pickle(egebaek):
    again = pickle.loads(pickle.dumps(egebaek))
    assert again.to_json() == egebaek.to_json()


def test_help_shows_docstrings():
    for name in samskab.__all__:
        obj = getattr(samskab, name)
        assert obj.__doc__, name
    for name, member in vars(samskab.Network).items():
        if not name.startswith("_") and callable(member):
            assert member.__doc__, name


def test_brokers_sampled_and_the_trust_graph_as_a_frame(egebaek):
    as_of = "2025-11-01"
    exact = egebaek.brokers(as_of)
    assert egebaek.brokers(as_of, sources=10_000) == exact  # every actor a source: exact
    rough = egebaek.brokers(as_of, sources=10, seed=4)
    assert rough == egebaek.brokers(as_of, sources=10, seed=4)
    assert rough != exact
    with pytest.raises(samskab.InvalidArgumentError):
        egebaek.brokers(as_of, sources=0)
    with pytest.raises(samskab.InvalidArgumentError):
        egebaek.brokers(as_of, sources=-1)
    with pytest.raises(TypeError):
        egebaek.brokers(as_of, sources="ten")  # type: ignore[arg-type]
    edges = egebaek.trust_edges_frame(as_of)
    assert list(edges.columns) == ["a", "b", "a_trusts_b", "b_trusts_a", "mutual", "length", "last_contact"]
    assert (edges["a"].astype(str) < edges["b"].astype(str)).all()
    assert (edges["mutual"] == edges[["a_trusts_b", "b_trusts_a"]].min(axis=1)).all()
    row = edges[(edges["a"] == "e-mette") & (edges["b"] == "v-grethe")].iloc[0]
    assert row["a_trusts_b"] == egebaek.trust_value("e-mette", "v-grethe", as_of)
