"""Issue #24 as an analyst or a data protection officer meets it in Python."""

import json
import os
import stat

import pytest

import samskab

DOC = {
    "format": "samskab",
    "version": 1,
    "actors": [{"id": "a-1", "kind": "citizen"}, {"id": "a-2", "kind": "citizen"}],
    "interactions": [{"at": "2024-01-01", "participants": ["a-1", "a-2"], "kind": "call"}],
}


def doc_with_instant(at):
    d = json.loads(json.dumps(DOC))
    d["interactions"][0]["at"] = at
    return json.dumps(d)


@pytest.mark.parametrize("at", ["2016-12-31T23:59:60Z", "0000-01-01", "0000-06-01T00:00:00Z"])
def test_instants_python_cannot_hold_are_refused_at_load(at):
    # Found: they loaded, then ties(), tie_stats() and trust() raised a plain ValueError.
    with pytest.raises(samskab.ValidationError) as e:
        samskab.Network.from_json(doc_with_instant(at))
    assert e.value.problems[0][0] == "interactions[0].at"


def test_every_failure_on_odd_instants_and_text_is_a_samskab_error():
    net = samskab.Network.from_json(json.dumps(DOC))
    # Found: "year 0 is out of range" for as_of 0001-01-01.
    with pytest.raises(samskab.InvalidArgumentError):
        net.ties("0001-01-01")
    for ok in ("1000-01-01", "9998-12-31"):
        assert isinstance(net.ties(ok), list)
        net.cross_unit(ok)
        net.report("1001-01-01", "1001-06-01")
    # Found: UnicodeEncodeError for a lone surrogate.
    for call in (
        lambda: net.trust("a-1\udc80", "a-2", "2024-02-01"),
        lambda: net.ties("2024-02-01\udc80"),
        lambda: net.add_actor("x\udc80", "citizen"),
        lambda: net.add_actor("x", "citizen", name="Inge \udc80"),
    ):
        with pytest.raises(samskab.SamskabError):
            call()


def test_messages_do_not_repeat_personal_values(tmp_path):
    (tmp_path / "actors.csv").write_text("Grethe Lauridsen;volunteer;grethe@egebaek.dk\n", encoding="utf-8")
    (tmp_path / "interactions.csv").write_text("at;participants;kind\n", encoding="utf-8")
    with pytest.raises(samskab.ValidationError) as e:
        samskab.Network.from_csv(tmp_path)
    text = str(e.value) + repr(e.value.problems)
    assert "Grethe" not in text and "egebaek.dk" not in text
    net = samskab.Network.from_json(json.dumps(DOC))
    with pytest.raises(samskab.UnknownActorError) as e:
        net.trust("Grethe Lauridsen", "a-1", "2024-02-01")
    assert "Grethe" not in str(e.value)


def test_save_keeps_permissions_and_asks_for_others(tmp_path):
    net = samskab.Network.from_json(json.dumps(DOC))
    path = tmp_path / "net.json"
    net.save(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    os.chmod(path, 0o640)
    net.save(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    net.save(path, mode=0o644)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644
    victim = tmp_path / "victim"
    victim.write_text("precious")
    link = tmp_path / "link.json"
    link.symlink_to(victim)
    net.save(link)
    assert victim.read_text() == "precious"


def test_pseudonymised_copies_and_their_risk(egebaek):
    copy = egebaek.pseudonymised("municipal secret 2025")
    assert all(len(a["id"]) == 66 for a in copy.actors())
    assert all("tags" not in a and "area" not in a for a in copy.actors())
    risk = copy.reidentification_risk()
    assert isinstance(risk, samskab.ReidentificationRisk)
    assert sum(risk.group_sizes.values()) == risk.actors == len(egebaek.actors())
    assert all(isinstance(k, int) for k in risk.group_sizes)
    exact = egebaek.pseudonymised("municipal secret 2025", time="exact", min_kind_count=1,
                                  keep_areas=True, keep_tags=True, keep_outcome_labels=True)
    assert len(exact.key_people("2025-11-01")) == len(egebaek.key_people("2025-11-01"))
    for weak in (b"\0" * 16, "abababababababab", "short"):
        with pytest.raises(samskab.InvalidArgumentError):
            egebaek.pseudonymised(weak)
    with pytest.raises(samskab.InvalidArgumentError):
        egebaek.pseudonymised("municipal secret 2025", time="hourly")


def test_mentions_before_erasure(skovlund):
    key = skovlund.add_interaction("2024-05-01", ["e-tove", "e-lars"], "call", note="Inge Dal ringede")
    found = skovlund.mentions("v-inge")
    assert any(m.place.endswith(".note") and m.matched == "name" for m in found)
    assert "ringede" not in repr(found)
    assert key >= 0
