"""One Network used from several threads stays consistent."""

import json
import threading
import time

import samskab


def test_concurrent_writers_and_readers():
    net = samskab.Network()
    for i in range(8):
        net.add_actor(f"a{i}", "volunteer")
    errors = []

    def writer(n):
        try:
            for k in range(200):
                net.add_interaction(f"2024-01-{1 + k % 28:02d}", [f"a{n}", f"a{(n + 1) % 8}"], "meeting")
        except Exception as e:  # pragma: no cover - the assertion reports it
            errors.append(e)

    def reader():
        try:
            for _ in range(100):
                v = net.trust_value("a0", "a1", "2024-02-01")
                assert 0 <= v <= 1
                net.key_people("2024-02-01")
                net.to_json()
        except Exception as e:  # pragma: no cover
            errors.append(e)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    threads += [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(net.interactions()) == 8 * 200
    again = samskab.Network.from_json(net.to_json())
    assert again.to_json() == net.to_json()


def big_network(n=1500, degree=10):
    actors = [{"id": f"a{i}", "kind": "employee" if i % 5 == 0 else "volunteer"} for i in range(n)]
    interactions = [
        {"at": f"2024-01-{1 + j:02d}", "participants": [f"a{i}", f"a{(i * 13 + j + 1) % n}"], "kind": "meeting"}
        for i in range(n)
        for j in range(degree)
        if i != (i * 13 + j + 1) % n
    ]
    doc = {"format": "samskab", "version": 1, "actors": actors, "interactions": interactions}
    return samskab.Network.from_json(json.dumps(doc))


def test_heavy_calls_release_the_gil():
    # While one long brokers() call runs in Rust, a Python thread keeps running.
    # Were the GIL held, the other thread could not run at all during the call.
    net = big_network()
    ticks = []
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            ticks.append(time.perf_counter())

    t = threading.Thread(target=spin)
    t.start()
    time.sleep(0.01)
    start = time.perf_counter()
    net._net.brokers("2024-02-01", None, None)  # the compiled call alone, without the Python-side conversion
    end = time.perf_counter()
    stop.set()
    t.join()
    margin = (end - start) * 0.2
    during = [x for x in ticks if start + margin < x < end - margin]
    assert during, f"no progress in the other thread during a {end - start:.3f} s call"
