"""What the wheel carries besides the module: the examples and the format."""

import pathlib

import pytest

import samskab


def test_the_examples_ship_with_the_module():
    net = samskab.example()
    assert len(net.actors()) == 54
    assert len(samskab.example("skovlund").actors()) == 9
    with pytest.raises(samskab.InvalidArgumentError):
        samskab.example("atlantis")


def test_the_format_specification_ships_with_the_module():
    spec = pathlib.Path(samskab.__file__).with_name("format-v1.md")
    assert spec.read_text(encoding="utf-8").startswith("# The samskab document format, version 1")
