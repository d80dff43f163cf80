"""The result types are written three times (Rust structs, the Python
dataclasses here, the TypeScript interfaces of the WebAssembly package).
This test reads the Rust sources and fails on any difference in the names
of types or fields, so a renamed field cannot silently become ``None`` in
Python or ``undefined`` in JavaScript."""

import dataclasses
import pathlib
import re
from typing import Dict, Set

import samskab

REPO = pathlib.Path(__file__).resolve().parents[2]

#: The record types have a Record suffix in TypeScript.
TS_NAMES = {"ActorRecord": "Actor", "InteractionRecord": "Interaction", "InitiativeRecord": "Initiative"}

#: TypeScript types that are no Rust struct's JSON, and why.
TS_ONLY = {
    "PathOptions": "a call's options, named in camelCase as JS names arguments",
    "BrokerOptions": "a call's options",
    "PseudonymOptions": "a call's options",
    "TrustEdges": "typed-array columns of the core's trust_edges table (checked in Node)",
    "SamskabError": "the Error objects of every call",
    "CytoscapeElements": "Cytoscape.js's own element format",
}


def rust_structs() -> Dict[str, Set[str]]:
    """Every struct that derives Serialize, with the JSON names of its fields."""
    found: Dict[str, Set[str]] = {}
    files = list((REPO / "core" / "src").rglob("*.rs")) + [REPO / "bindings-wasm" / "src" / "lib.rs"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"#\[derive\(([^)]*)\)\]\s*(?:#\[[^\]]*\]\s*)*pub struct (\w+) \{(.*?)\n\}", text, re.S):
            if "Serialize" not in m.group(1):
                continue
            fields: Set[str] = set()
            attrs = ""
            for line in m.group(3).splitlines():
                line = line.strip()
                if line.startswith("#["):
                    attrs += line
                    continue
                f = re.match(r"pub (\w+):", line)
                if not f:
                    continue
                if "skip_serializing)" in attrs or "skip)" in attrs or "flatten" in attrs:
                    attrs = ""
                    continue
                renamed = re.search(r'rename = "(\w+)"', attrs)
                fields.add(renamed.group(1) if renamed else f.group(1))
                attrs = ""
            found[m.group(2)] = fields
        # Structs declared inside functions (the WebAssembly module's own).
        for m in re.finditer(r"#\[derive\(Serialize\)\]\s*struct (\w+) \{(.*?)\n\s*\}", text, re.S):
            fields = set()
            attrs = ""
            for line in m.group(2).splitlines():
                line = line.strip()
                if line.startswith("#["):
                    attrs += line
                    continue
                f = re.match(r"(?:pub )?(\w+):", line)
                if f and "flatten" not in attrs:
                    fields.add(f.group(1))
                attrs = ""
            found.setdefault(m.group(1), fields)
    return found


def python_records() -> Dict[str, Set[str]]:
    out = {}
    for name in dir(samskab):
        cls = getattr(samskab, name)
        if isinstance(cls, type) and dataclasses.is_dataclass(cls):
            out[name] = {
                f.name[:-1] if f.name.endswith("_") else f.name for f in dataclasses.fields(cls)
                if f.init and not f.name.startswith("_")
            }
    return out


def ts_interfaces() -> Dict[str, Set[str]]:
    """Every interface with the names of its own fields (not those of
    object types written inline in it)."""
    text = (REPO / "bindings-wasm" / "src" / "types.d.ts").read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    out = {}
    for m in re.finditer(r"export interface (\w+)[^{]*\{", text):
        depth, at, top = 1, m.end(), []
        while depth and at < len(text):
            c = text[at]
            depth += {"{": 1, "}": -1}.get(c, 0)
            top.append(c if depth == 1 else " ")
            at += 1
        out[m.group(1)] = set(re.findall(r"(\w+)\??\s*:", "".join(top)))
    return out


def test_the_reader_of_rust_sources_finds_the_result_types():
    rust = rust_structs()
    assert {"Trust", "WayIn", "KeyPerson", "Report", "Actor", "Counts"} <= set(rust)
    assert rust["Actor"] >= {"id", "kind", "sector", "member_of"}
    assert "contact" in rust["TrustComponents"]


def test_python_result_classes_match_the_rust_types():
    rust = rust_structs()
    differences = []
    for name, fields in sorted(python_records().items()):
        if name not in rust:
            differences.append(f"{name}: no Rust type of that name")
        elif fields != rust[name]:
            differences.append(
                f"{name}: only in Python {sorted(fields - rust[name])}, only in Rust {sorted(rust[name] - fields)}"
            )
    assert not differences, "\n".join(differences)


def test_typescript_result_types_match_the_rust_types():
    rust = rust_structs()
    differences = []
    for ts_name, fields in sorted(ts_interfaces().items()):
        if ts_name in TS_ONLY:
            continue
        name = TS_NAMES.get(ts_name, ts_name)
        if name not in rust:
            differences.append(f"{ts_name}: no Rust type of that name")
        elif fields != rust[name]:
            differences.append(
                f"{ts_name}: only in TypeScript {sorted(fields - rust[name])}, only in Rust {sorted(rust[name] - fields)}"
            )
    assert not differences, "\n".join(differences)


def test_every_rust_result_type_has_its_python_and_typescript_type():
    # The types a Python call or a JS call returns, by their Rust names.
    returned = {
        "Trust", "TrustComponents", "Contribution", "TieStats", "WayIn", "Step", "KeyPerson", "Handover",
        "ColdTie", "Coverage", "AssignedContact", "BestTie", "Broker", "BridgingTie", "CrossUnit", "UnitView",
        "UnitLink", "TrustCommunity", "InitiativeHealth", "InitiativeRole", "TieIn", "Delivered",
        "RequestFigures", "Report", "PeriodFigures", "OutcomeLine", "CoverageSummary", "GroupName", "Erased",
        "Purged",
    }
    python = python_records()
    ts = {TS_NAMES.get(n, n) for n in ts_interfaces()}
    assert returned <= set(rust_structs())
    assert not returned - set(python), sorted(returned - set(python))
    missing_ts = returned - ts - {"InitiativeRole", "TieIn", "CoverageSummary", "GroupName"}
    assert not missing_ts, sorted(missing_ts)
