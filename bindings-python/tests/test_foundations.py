"""The defects of issue #23 as a notebook user met them, each as a test."""

import json
import subprocess
import sys
import textwrap
import threading

import pytest

import samskab


def test_a_panic_after_erasure_is_gone(skovlund):
    # Found: PanicException, which `except SamskabError` does not catch.
    skovlund.trust_value("v-inge", "e-tove", "2024-06-01")
    skovlund.coverage("2024-06-01")
    skovlund.erase("u-int")
    assert isinstance(skovlund.paths("v-inge", "e-tove", "2023-01-01", 1), list)


def test_an_error_in_one_thread_and_a_change_in_another_do_not_deadlock(tmp_path):
    # Found: tie_stats("nope", ...) converted its error while holding the
    # network's lock; add_actor in another thread held the GIL and waited for
    # the lock. Run in a child process, so a hang fails instead of hanging.
    script = textwrap.dedent(
        """
        import threading, samskab
        net = samskab.Network()
        net.add_actor("a1", "volunteer")
        net.add_actor("a2", "volunteer")
        net.add_interaction("2024-01-01", ["a1", "a2"], "meeting")
        stop = False
        def ask():
            while not stop:
                try:
                    net.tie_stats("nope", "a1", "2024-02-01")
                except samskab.UnknownActorError:
                    pass
                for call in (lambda: net.trust("nope", "a1", "2024-02-01"),
                             lambda: net.paths("a1", "nope", "2024-02-01"),
                             lambda: net.brokers("2024-02-01", sources=0),
                             lambda: net.initiative_health("nope", "2024-02-01")):
                    try:
                        call()
                    except samskab.SamskabError:
                        pass
        threads = [threading.Thread(target=ask) for _ in range(3)]
        for t in threads:
            t.start()
        for i in range(2000):
            net.add_actor(f"b{i}", "citizen")
        stop = True
        for t in threads:
            t.join()
        print("done")
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.stdout.strip() == "done", run.stderr


def test_concurrent_updates_are_not_lost():
    # Found: update_* read, merged and wrote back in Python; 6 of 300
    # concurrent updates were lost.
    net = samskab.Network()
    net.add_actor("a", "volunteer")
    net.add_actor("g", "community")

    # The core merges one change at a time under the lock: a field set by
    # one call and a field set by another both stay.
    def field(name, value, times):
        for _ in range(times):
            net.update_actor("a", **{name: value})

    threads = [
        threading.Thread(target=field, args=("name", "Anna", 150)),
        threading.Thread(target=field, args=("area", "Nord", 150)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    record = net.actor("a")
    assert record is not None and record["name"] == "Anna" and record["area"] == "Nord"


def test_update_merges_and_none_removes(skovlund):
    skovlund.update_actor("v-inge", name="Inge H.")
    assert skovlund.actor("v-inge")["name"] == "Inge H."
    skovlund.update_actor("v-inge", name=None)
    assert "name" not in skovlund.actor("v-inge")
    with pytest.raises(samskab.UnknownActorError) as e:
        skovlund.update_actor("nobody", name="x")
    assert e.value.problems == []
    key = skovlund.interactions()[0]["key"]
    skovlund.update_interaction(key, note="kaffe")
    assert skovlund.interactions()[0]["note"] == "kaffe"
    skovlund.update_interaction(key, note=None)
    assert "note" not in skovlund.interactions()[0]


def test_errors_come_from_the_core_with_its_words_and_problems(skovlund):
    with pytest.raises(samskab.UnknownInteractionError) as e:
        skovlund.remove_interaction(10**30)
    assert str(e.value) == 'unknown interaction "#out-of-range"'
    with pytest.raises(samskab.UnknownInteractionError) as e:
        skovlund.update_interaction("no-such-id", note="x")
    assert str(e.value) == 'unknown interaction "no-such-id"'
    with pytest.raises(samskab.InvalidArgumentError) as e:
        skovlund.add_actor("z", "citizen", extra={"x": float("nan")})
    assert hasattr(e.value, "problems")
    with pytest.raises(samskab.InvalidArgumentError) as e:
        skovlund.purge_before("2024-01-01T00:00:00Z")
    assert str(e.value) == "invalid argument date: must be a date (YYYY-MM-DD), not a date-time"


def test_k_is_read_by_the_core(skovlund):
    # Found: Python clamped k at 2**31, JavaScript at 2**32 - 1.
    many = skovlund.paths("v-inge", "e-tove", "2024-06-01", 10**40)
    assert many == skovlund.paths("v-inge", "e-tove", "2024-06-01", 2**31)
    for bad in (0, -1, 2.5):
        with pytest.raises(samskab.InvalidArgumentError, match="k: must be a whole number"):
            skovlund.paths("v-inge", "e-tove", "2024-06-01", bad)
    with pytest.raises(TypeError):
        skovlund.paths("v-inge", "e-tove", "2024-06-01", "3")


def test_file_errors_are_os_errors_too(tmp_path):
    missing = tmp_path / "missing.json"
    with pytest.raises(OSError) as e:
        samskab.Network.load(missing)
    assert isinstance(e.value, samskab.IoError)
    assert isinstance(e.value, samskab.SamskabError)
    assert e.value.errno == 2
    assert e.value.filename == str(missing)
    assert e.value.problems == []


def test_nesting_beyond_the_limit_is_refused_on_every_way_in():
    deep = 1
    for _ in range(101):
        deep = [deep]
    net = samskab.Network()
    with pytest.raises(samskab.ValidationError) as e:
        net.add_actor("a", "citizen", extra={"y": deep})
    assert e.value.problems[0][0] == "actor.extra"
    with pytest.raises(samskab.ValidationError):
        net.meta = {"y": deep}
    ok = deep[0]
    net.add_actor("a", "citizen", extra={"y": ok})
    assert samskab.Network.from_json(net.to_json()).to_json() == net.to_json()


def test_group_meetings_past_the_budget_raise_a_limit_error():
    people = [f"p{i}" for i in range(1000)]
    doc = {
        "format": "samskab",
        "version": 1,
        "actors": [{"id": p, "kind": "citizen"} for p in people],
        "interactions": [{"at": "2024-01-01", "participants": people, "kind": "meeting"}] * 3,
    }
    with pytest.raises(samskab.LimitError) as e:
        samskab.Network.from_json(json.dumps(doc))
    assert str(e.value).startswith("interactions[2].participants:")
    assert isinstance(e.value, samskab.SamskabError)
