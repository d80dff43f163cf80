"""One exception hierarchy, mapped once; garbage gives an error, never a crash."""

import datetime as dt
import inspect
import itertools

import pytest

import samskab

ERRORS = [
    samskab.ParseError,
    samskab.ValidationError,
    samskab.NewerVersionError,
    samskab.UnknownActorError,
    samskab.UnknownInteractionError,
    samskab.UnknownInitiativeError,
    samskab.InvalidArgumentError,
    samskab.IoError,
]


def test_hierarchy():
    assert issubclass(samskab.SamskabError, ValueError)
    for e in ERRORS:
        assert issubclass(e, samskab.SamskabError)


def test_validation_error_carries_located_problems(repo):
    text = (repo / "testdata/scenarios/invalid-typo-field.json").read_text()
    with pytest.raises(samskab.ValidationError) as info:
        samskab.Network.from_json(text)
    problems = info.value.problems
    assert ("interactions[1]", 'unknown field "partcipants" (did you mean "participants"?)') in problems
    assert all(isinstance(p, tuple) and len(p) == 2 for p in problems)


def test_each_variant(repo, egebaek, tmp_path):
    with pytest.raises(samskab.ParseError):
        samskab.Network.from_json("{")
    with pytest.raises(samskab.NewerVersionError):
        samskab.Network.from_json((repo / "testdata/scenarios/invalid-newer-version.json").read_text())
    with pytest.raises(samskab.UnknownActorError):
        egebaek.trust("nobody", "e-mette", "2025-01-01")
    with pytest.raises(samskab.UnknownInteractionError):
        egebaek.remove_interaction("no-such-id")
    with pytest.raises(samskab.UnknownInitiativeError):
        egebaek.initiative_health("nope", "2025-01-01")
    with pytest.raises(samskab.InvalidArgumentError):
        egebaek.paths("v-maja", "u-job", "2025-01-01", k=0)
    with pytest.raises(samskab.IoError):
        samskab.Network.load(tmp_path / "absent.json")
    with pytest.raises(samskab.InvalidArgumentError):
        egebaek.report("2025-07-01", "2025-01-01")


def test_errors_do_not_echo_personal_values():
    net = samskab.Network()
    with pytest.raises(samskab.ValidationError) as info:
        net.add_actor("e-tove", "Tove Friis", contact={"phone": "+45 40 00 00 01", "fax": "+45 40 00 00 01"})
    text = str(info.value) + repr(info.value.problems)
    assert "Tove Friis" not in text and "40 00 00 01" not in text


GARBAGE = [None, 0, -1, 2**70, 1.5, float("nan"), "", "x" * 10_000, "\x00", b"bytes", [], ["a"], {}, {"a": 1},
           object(), dt.date(2024, 1, 1), dt.datetime(2024, 1, 1), True, ("a", "b"), set(), lambda: 0]


def call_with_garbage(method, n_args):
    for args in itertools.product(GARBAGE, repeat=min(n_args, 1)):
        full = list(args) + [GARBAGE[3]] * (n_args - len(args))
        try:
            method(*full)
        except (samskab.SamskabError, TypeError):
            pass
    # Every argument garbage in turn, the others sensible.
    sensible = ["v-grethe", "e-mette", "2025-11-01", 3]
    for i in range(n_args):
        for g in GARBAGE:
            args = sensible[:n_args]
            args = [g if j == i else a for j, a in enumerate(args)]
            try:
                method(*args)
            except (samskab.SamskabError, TypeError):
                pass


def test_garbage_into_every_function_raises_cleanly(egebaek, tmp_path, monkeypatch):
    # Writers given garbage paths such as "" must write into a scratch folder, not the repo.
    monkeypatch.chdir(tmp_path)
    for name, member in inspect.getmembers(samskab.Network):
        if name.startswith("_") or not callable(member):
            continue
        method = getattr(egebaek, name)
        params = [
            p for p in inspect.signature(method).parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty
        ]
        call_with_garbage(method, len(params))
    for g in GARBAGE:
        for call in (
            lambda: samskab.Network.from_json(g),
            lambda: samskab.Network.load(g),
            lambda: egebaek.add_actor("x", "volunteer", extra=g),
            lambda: egebaek.add_interaction("2024-01-01", ["v-grethe", "e-mette"], "meeting", outcome=g),
            lambda: setattr(egebaek, "scoring", {"saturation": g}),
            lambda: egebaek.paths("v-maja", "u-job", "2025-01-01", k=g),
            lambda: egebaek.paths("v-maja", "u-job", "2025-01-01", min_step_trust=g),
            lambda: egebaek.report("2025-01-01", "2025-07-01").to_text(g),
        ):
            try:
                call()
            except (samskab.SamskabError, TypeError):
                pass
    # Still answers after all that.
    assert egebaek.trust_value("v-grethe", "e-mette", "2025-11-01") > 0.9
