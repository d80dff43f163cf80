import pathlib

import pytest

import samskab

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture
def repo() -> pathlib.Path:
    return REPO


@pytest.fixture
def egebaek() -> samskab.Network:
    return samskab.Network.load(REPO / "examples" / "data" / "egebaek.json")


@pytest.fixture
def skovlund() -> samskab.Network:
    return samskab.Network.load(REPO / "examples" / "data" / "skovlund.json")
