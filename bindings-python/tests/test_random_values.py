"""Random values of every type into every function (hypothesis): a clean
SamskabError or TypeError each time, and the module keeps working."""

import inspect

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import samskab
from conftest import REPO

SKOVLUND = (REPO / "examples" / "data" / "skovlund.json").read_text()

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["v-grethe", "e-mette", "u-job", "2025-11-01", "2024-01-01T10:00:00+01:00", "ini-jobmesse", "da"]),
    st.binary(max_size=40),
    st.dates(),
    st.datetimes(),
    st.lists(st.text(max_size=8), max_size=4),
    st.dictionaries(st.text(max_size=8), st.integers(), max_size=3),
)

METHODS = sorted(
    name
    for name, member in vars(samskab.Network).items()
    if not name.startswith("_") and callable(member) and name not in {"save", "to_csv", "to_graphml", "to_gexf"}
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(method=st.sampled_from(METHODS), args=st.lists(VALUES, min_size=0, max_size=5))
def test_random_values_into_every_method(egebaek, method, args):
    bound = getattr(egebaek, method)
    try:
        bound(*args)
    except (samskab.SamskabError, TypeError):
        pass
    # The module still answers (on a fresh network: the calls may have changed this one).
    fresh = samskab.Network.from_json(SKOVLUND)
    assert fresh.trust_value("v-inge", "e-tove", "2024-06-01") > 0


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_random_text_as_a_document(text):
    try:
        samskab.Network.from_json(text)
    except samskab.SamskabError:
        pass


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.dictionaries(st.sampled_from(["name", "member_of", "tags", "contact", "joined", "extra", "sektor"]), VALUES, max_size=4))
def test_random_fields_when_adding(fields):
    net = samskab.Network()
    try:
        net.add_actor("a", "volunteer", **fields)
    except (samskab.SamskabError, TypeError):
        pass
    assert inspect.isclass(samskab.Network)
