"""samskab: trust and recency in co-creation networks.

A model of how a municipality, volunteers and local communities work together:
actors, the ties between them with a dated history of interactions, and
co-creation initiatives, with trust and recency scoring and the analyses
municipal staff ask for. The logic lives in a Rust core shared with the
WebAssembly module, so every language gets the same answers.

>>> import samskab
>>> net = samskab.Network.load("examples/data/egebaek.json")   # doctest: +SKIP
>>> float(net.trust("v-grethe", "e-mette", "2025-11-01"))      # doctest: +SKIP
0.97...

Every time-dependent call takes an explicit ``as_of``: a ``datetime.date``, a
``datetime.datetime`` (naive means UTC) or an ISO 8601 string. The library
never reads the clock.
"""

from __future__ import annotations

import array
import dataclasses
import functools
import datetime as _dt
import html as _html
import json as _json
import keyword as _keyword
import math
import os
import re as _re
import sys
import typing
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _samskab
from ._samskab import (
    InvalidArgumentError,
    IoError,
    LimitError,
    NewerVersionError,
    ParseError,
    SamskabError,
    UnknownActorError,
    UnknownInitiativeError,
    UnknownInteractionError,
    ValidationError,
)

__version__: str = _samskab.__version__
#: The shortest length of a tie in the trust graph (``trust_edges_frame``'s
#: ``length``, which ``brokers`` measures routes with): −ln(trust), at least this.
MIN_TIE_LENGTH: float = _samskab.MIN_TIE_LENGTH

__all__ = [
    "MIN_TIE_LENGTH",
    "example",
    "Network",
    "Trust",
    "TrustComponents",
    "Contribution",
    "TieStats",
    "WayIn",
    "Step",
    "KeyPerson",
    "Handover",
    "ColdTie",
    "Coverage",
    "AssignedContact",
    "BestTie",
    "Broker",
    "BridgingTie",
    "CrossUnit",
    "UnitView",
    "UnitLink",
    "TrustCommunity",
    "InitiativeHealth",
    "InitiativeRole",
    "TieIn",
    "Delivered",
    "RequestFigures",
    "Report",
    "PeriodFigures",
    "OutcomeLine",
    "CoverageSummary",
    "GroupName",
    "Erased",
    "Purged",
    "Mention",
    "ReidentificationRisk",
    "SamskabError",
    "ParseError",
    "ValidationError",
    "NewerVersionError",
    "UnknownActorError",
    "UnknownInteractionError",
    "UnknownInitiativeError",
    "InvalidArgumentError",
    "LimitError",
    "IoError",
]

#: What every ``as_of``, ``start`` and ``end`` accepts.
AsOf = Union[_dt.date, _dt.datetime, str]
#: A date (midnight UTC at its start) or an aware date-time.
Moment = Union[_dt.date, _dt.datetime]

# ----- conversion ------------------------------------------------------------


def _instant(value: object, name: str = "as_of") -> str:
    """An ``as_of`` argument as the core reads it. Naive datetimes are UTC; a
    ``numpy.datetime64`` (always naive) too; a pandas ``Timestamp`` is a datetime."""
    if type(value).__name__ == "datetime64":
        text = str(value.astype("datetime64[ms]"))  # type: ignore[attr-defined]
        if text == "NaT":
            raise _samskab._invalid_argument(name, "is NaT (not a time)")
        return text + "Z"
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=_dt.timezone.utc)
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        _unicode(value, name)
        return value
    raise TypeError(
        f"{name} must be a datetime.date, a datetime.datetime or an ISO string, "
        f"not {type(value).__name__}"
    )


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    _unicode(value, name)
    return value


def _unicode(value: str, name: str) -> None:
    """Text the core can take: a lone surrogate (which Python strings may hold,
    and no other language) is refused as the core refuses other bad arguments."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _samskab._invalid_argument(name, "is not valid Unicode text (it holds a lone surrogate)") from None


_FRACTION = _re.compile(r"\.(\d+)")


def _moment(text: str) -> Moment:
    """A moment as written by the core: a date or an RFC 3339 date-time."""
    if len(text) == 10:
        return _dt.date.fromisoformat(text)
    if _READS_RFC3339:
        return _dt.datetime.fromisoformat(text)
    text = text.replace("Z", "+00:00")
    # Python before 3.11 reads only 3 or 6 digits of fraction.
    text = _FRACTION.sub(lambda m: "." + (m.group(1) + "000000")[:6], text, count=1)
    return _dt.datetime.fromisoformat(text)


# From 3.11 `fromisoformat` reads "Z" and any digits of fraction (keeping six,
# as the rewriting above does); a list of results holds hundreds of moments.
_READS_RFC3339 = sys.version_info >= (3, 11)


def _jsonable(value: object) -> object:
    """Field values as JSON: dates and times as ISO strings."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return _instant(value, "date")
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _dumps(record: Mapping[str, object]) -> str:
    try:
        return _json.dumps(_jsonable(record), allow_nan=False)
    except ValueError as e:
        raise _samskab._invalid_argument("value", f"cannot be written as JSON ({e})") from None


def _number(value: object, name: str) -> Optional[float]:
    """A number argument as the core reads every language's: a JSON number.
    Which numbers a call takes is the core's to say."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def _key_or_id(key_or_id: object) -> Tuple[Optional[float], Optional[str]]:
    """An interaction named by its key (int) or id (str), as the core takes it."""
    if isinstance(key_or_id, str):
        return None, key_or_id
    if isinstance(key_or_id, bool) or not isinstance(key_or_id, int):
        raise TypeError("an interaction is named by its key (int) or id (str)")
    return _number(key_or_id, "key"), None


def _convert(tp: Any, value: Any) -> Any:
    return None if value is None else _converter(tp)(value)


def _identity(value: Any) -> Any:
    return value


_CONVERTERS: Dict[Any, Callable[[Any], Any]] = {}
_FIELDS: Dict[Any, List[Tuple[str, str, Callable[[Any], Any]]]] = {}


def _converter(tp: Any) -> Callable[[Any], Any]:
    """How to turn JSON of type ``tp`` into Python, worked out once per type: a
    key-people list of thousands would otherwise ask ``typing`` for every item."""
    found = _CONVERTERS.get(tp)
    if found is None:
        found = _CONVERTERS[tp] = _make_converter(tp)
    return found


def _make_converter(tp: Any) -> Callable[[Any], Any]:
    if tp == Moment or tp == Optional[Moment]:
        return _moment
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Union:
        inner = [a for a in args if a is not type(None)]
        return _converter(inner[0]) if len(inner) == 1 else _identity
    if origin in (list, List):
        item = _converter(args[0])
        return lambda value: [None if v is None else item(v) for v in value]
    if origin in (dict, Dict):
        item = _converter(args[1])
        return lambda value: {k: None if v is None else item(v) for k, v in value.items()}
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return functools.partial(_build, tp)
    if tp is float:
        return float
    return _identity


def _py_name(name: str) -> str:
    return name + "_" if _keyword.iskeyword(name) else name


def _fields(cls: Any) -> List[Tuple[str, str, Callable[[Any], Any]]]:
    found = _FIELDS.get(cls)
    if found is not None:
        return found
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        key = f.name[:-1] if f.name.endswith("_") and _keyword.iskeyword(f.name[:-1]) else f.name
        out.append((f.name, key, _converter(hints[f.name])))
    _FIELDS[cls] = out
    return out


def _build(cls: Any, data: Mapping[str, Any]) -> Any:
    # Positional, in the fields' order, and no call for a value taken as it
    # is: key people or cold ties come by the thousand.
    return cls(
        *[
            value if value is None or convert is _identity else convert(value)
            for _, key, convert in _fields(cls)
            for value in (data.get(key),)
        ]
    )


def _short(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, list):
        if len(value) <= 6 and all(isinstance(v, str) for v in value):
            return repr(value)
        return f"[{len(value)} items]"
    if dataclasses.is_dataclass(value):
        return f"{type(value).__name__}(...)"
    if isinstance(value, dict) and len(value) > 6:
        return f"{{{len(value)} items}}"
    return repr(value)


class _Record:
    """Base of the result classes: a readable one-line repr."""

    def __repr__(self) -> str:
        parts = [f"{f.name}={_short(getattr(self, f.name))}" for f in dataclasses.fields(self)]  # type: ignore[arg-type]
        return f"{type(self).__name__}({', '.join(parts)})"

    def to_dict(self) -> Dict[str, Any]:
        """The result as plain Python values."""
        return dataclasses.asdict(self)  # type: ignore[call-overload, no-any-return]


def _table_html(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    head = "".join(f"<th>{_html.escape(str(h))}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{_html.escape(_short(c) if isinstance(c, float) else str(c))}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# ----- results ---------------------------------------------------------------


@dataclasses.dataclass(repr=False)
class TrustComponents(_Record):
    """Trust's evidence by part, in meeting-equivalents; they add up to ``Trust.evidence``."""

    contact: float
    spacing: float
    recency: float
    reciprocity: float
    responsiveness: float
    negative: float


@dataclasses.dataclass(repr=False)
class Contribution(_Record):
    """One interaction's share of a trust score."""

    key: int
    id: Optional[str]
    at: Moment
    kind: str
    reason: str
    evidence: float


@dataclasses.dataclass(repr=False)
class Trust(_Record):
    """How much ``source`` has reason to trust ``target``, with why. ``float(trust)`` gives the value."""

    source: str
    target: str
    as_of: Moment
    value: float
    evidence: float
    components: TrustComponents
    target_initiative_share: float
    top_interactions: List[Contribution]

    def __float__(self) -> float:
        return self.value

    def __repr__(self) -> str:
        return f"Trust({self.source} → {self.target}: {self.value:.3f} as of {self.as_of})"

    def _repr_html_(self) -> str:
        c = self.components
        rows = [(name, getattr(c, name)) for name in ("contact", "spacing", "recency", "reciprocity", "responsiveness", "negative")]
        rows.append(("evidence", self.evidence))
        rows.append(("trust", self.value))
        return f"<b>{_html.escape(self.source)} → {_html.escape(self.target)}</b>" + _table_html(["part", "value"], rows)


@dataclasses.dataclass(repr=False)
class TieStats(_Record):
    """The facts of one tie: counts, first and last contact, response times, trust both ways."""

    a: str
    b: str
    interactions: int
    first_contact: Optional[Moment]
    last_contact: Optional[Moment]
    by_kind: Dict[str, int]
    formal: int
    informal: int
    positive: int
    negative: int
    initiated_by_a: int
    initiated_by_b: int
    requests: int
    answered: int
    unanswered: int
    overdue: int
    median_response_days: Optional[float]
    trust_ab: float
    trust_ba: float


@dataclasses.dataclass(repr=False)
class Step(_Record):
    """One introduction in a chain. ``from_`` asks ``to``."""

    from_: str
    to: str
    trust: float
    from_trusts_to: float
    to_trusts_from: float


@dataclasses.dataclass(repr=False)
class WayIn(_Record):
    """A chain of introductions: ``actors`` in order, its ``trust`` and whom to ask."""

    actors: List[str]
    steps: List[Step]
    trust: float
    introducer: Optional[str]
    reaches: str

    def __repr__(self) -> str:
        return f"WayIn({self.trust:.3f}: {' → '.join(self.actors)})"


@dataclasses.dataclass(repr=False)
class Handover(_Record):
    """A key person's tie that a successor must take over."""

    actor: str
    trust: float
    last_contact: Moment
    carries_orphans: bool


@dataclasses.dataclass(repr=False)
class KeyPerson(_Record):
    """An actor whose leaving would cut others off from the municipality."""

    actor: str
    sector: str
    orphans: List[str]
    orphaned_groups: List[str]
    handover: List[Handover]


@dataclasses.dataclass(repr=False)
class ColdTie(_Record):
    """A tie that was strong and is going cold, between ``a`` and ``b``."""

    a: str
    b: str
    state: str
    peak_trust: float
    peak_at: Moment
    trust_now: float
    last_contact: Moment
    days_since_contact: int
    reach_out: str
    at_stake: List[str]


@dataclasses.dataclass(repr=False)
class AssignedContact(_Record):
    """An assigned contact person and how strong the tie really is (``with_``: the member it is with)."""

    actor: str
    present: bool
    trust: float
    with_: Optional[str]


@dataclasses.dataclass(repr=False)
class BestTie(_Record):
    """The strongest tie between a group's people and the municipality."""

    member: str
    municipal: str
    trust: float


@dataclasses.dataclass(repr=False)
class Coverage(_Record):
    """How well one community or organisation is covered."""

    group: str
    kind: str
    area: Optional[str]
    members: int
    contacts: List[AssignedContact]
    best_tie: Optional[BestTie]
    status: str
    uncovered: bool


@dataclasses.dataclass(repr=False)
class BridgingTie(_Record):
    """A trusted tie to an actor of another sector."""

    other: str
    other_sector: str
    trust: float


@dataclasses.dataclass(repr=False)
class Broker(_Record):
    """An actor's betweenness on the trust graph and its ties across sectors."""

    actor: str
    sector: str
    betweenness: float
    normalized: float
    bridging_ties: List[BridgingTie]


@dataclasses.dataclass(repr=False)
class UnitView(_Record):
    """A unit and its trusted ties to the rest of the municipality."""

    unit: str
    people: int
    internal_ties: int
    external_ties: int
    silo: bool
    silo_before: bool


@dataclasses.dataclass(repr=False)
class UnitLink(_Record):
    """Two units joined by trusted ties between their people."""

    a: str
    b: str
    trusted_ties: int
    strength: float
    trusted_ties_before: int


@dataclasses.dataclass(repr=False)
class TrustCommunity(_Record):
    """A community found in the municipal trust graph, with its unit make-up."""

    members: List[str]
    units: Dict[str, int]


@dataclasses.dataclass(repr=False)
class CrossUnit(_Record):
    """The internal cross-unit view at ``as_of``, compared with ``earlier``."""

    as_of: Moment
    earlier: Moment
    units: List[UnitView]
    links: List[UnitLink]
    communities: List[TrustCommunity]
    agreement: float

    def _repr_html_(self) -> str:
        rows = [(l.a, l.b, l.trusted_ties, l.trusted_ties_before) for l in self.links]
        return _table_html(["unit", "unit", "trusted ties", "before"], rows)


@dataclasses.dataclass(repr=False)
class InitiativeRole(_Record):
    """A listed participant of an initiative."""

    actor: str
    role: str
    present: bool


@dataclasses.dataclass(repr=False)
class TieIn(_Record):
    """A trusted tie from an initiative's person into the municipality."""

    member: str
    municipal: str
    trust: float


@dataclasses.dataclass(repr=False)
class Delivered(_Record):
    """Something an initiative delivered."""

    at: Moment
    label: str
    value: float
    unit: Optional[str]


@dataclasses.dataclass(repr=False)
class RequestFigures(_Record):
    """Requests and how they were answered."""

    asked: int
    answered: int
    unanswered: int
    overdue: int
    median_response_days: Optional[float]


@dataclasses.dataclass(repr=False)
class InitiativeHealth(_Record):
    """Whether an initiative rests on one person, its trust, requests and outcomes."""

    initiative: str
    name: str
    status: str
    started: Optional[Moment]
    ended: Optional[Moment]
    participants: List[InitiativeRole]
    people: List[str]
    ties_in: List[TieIn]
    holders: List[str]
    connected: bool
    rests_on: Optional[str]
    mean_trust: float
    trusted_pairs: int
    pairs: int
    interactions: int
    requests: RequestFigures
    outcomes: List[Delivered]


@dataclasses.dataclass(repr=False)
class Erased(_Record):
    """What an erasure removed."""

    interactions_removed: int
    interactions_changed: int
    notes_dropped: int
    initiatives_changed: int
    references_removed: int


@dataclasses.dataclass(repr=False)
class Purged(_Record):
    """What a retention purge removed."""

    interactions_removed: int
    notes_removed: int


@dataclasses.dataclass(repr=False)
class Mention(_Record):
    """A place where an actor's id or name appears in others' free text
    (``Network.mentions``); the text itself is not repeated."""

    place: str
    matched: str


@dataclasses.dataclass(repr=False)
class ReidentificationRisk(_Record):
    """How easily actors could be told apart by what a pseudonymised copy keeps
    (``Network.reidentification_risk``): ``smallest_group`` is k in k-anonymity."""

    actors: int
    smallest_group: int
    unique_actors: int
    group_sizes: Dict[int, int]


@dataclasses.dataclass(repr=False)
class OutcomeLine(_Record):
    """Something an initiative delivered in a report period."""

    initiative: str
    name: str
    at: Moment
    label: str
    value: float
    unit: Optional[str]


@dataclasses.dataclass(repr=False)
class PeriodFigures(_Record):
    """The figures of one half-open period ``[start, end)``."""

    start: Moment
    end: Moment
    interactions: int
    by_kind: Dict[str, int]
    formal: int
    informal: int
    positive: int
    negative: int
    people_met: int
    organisations_reached: int
    areas: List[str]
    new_ties: int
    strengthened: int
    weakened: int
    requests: RequestFigures
    initiatives_started: int
    initiatives_active: int
    initiatives_completed: int
    outcomes: List[OutcomeLine]


@dataclasses.dataclass(repr=False)
class GroupName(_Record):
    """A group's id and display name."""

    id: str
    name: str


@dataclasses.dataclass(repr=False)
class CoverageSummary(_Record):
    """Coverage of the communities and organisations at the end of a period."""

    covered: int
    informal: int
    weak: int
    uncovered: int
    without_trusted_tie: List[GroupName]


_REPORT_ROWS = [
    ("interactions", "contacts"),
    ("informal", "informal contacts"),
    ("people_met", "people met"),
    ("organisations_reached", "organisations reached"),
    ("new_ties", "new relationships"),
    ("strengthened", "relationships strengthened"),
    ("weakened", "relationships weakened"),
    ("initiatives_active", "initiatives running"),
]


@dataclasses.dataclass(repr=False)
class Report(_Record):
    """The value report for a period beside the period before.

    ``to_text(lang="da")`` writes it for a manager in Danish (``"en"``: English);
    ``to_dict()`` gives the data.
    """

    municipality: Optional[str]
    current: PeriodFigures
    previous: PeriodFigures
    coverage: CoverageSummary
    _handle: Any = dataclasses.field(default=None, compare=False)

    def to_text(self, lang: str = "da") -> str:
        """The report as plain text, ``"da"`` (Danish) or ``"en"`` (English)."""
        return self._handle.to_text(_text(lang, "lang"))  # type: ignore[no-any-return]

    def to_dict(self) -> Dict[str, Any]:
        """The report as plain Python values (dates as ISO strings), as the core writes it."""
        return _json.loads(self._handle.to_json())  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"Report({self.current.start} – {self.current.end}: {self.current.interactions} contacts)"

    def _repr_html_(self) -> str:
        rows = [(label, getattr(self.current, f), getattr(self.previous, f)) for f, label in _REPORT_ROWS]
        rows.append(("requests", self.current.requests.asked, self.previous.requests.asked))
        return _table_html(["", "this period", "previous period"], rows)


# ----- frames ------------------------------------------------------------------


def _frame(columns: Mapping[str, Tuple[Any, ...]], tz: Optional[str] = None) -> Any:
    try:
        import numpy as np
        import pandas as pd  # type: ignore[import-untyped]
    except ImportError as e:  # pragma: no cover - exercised in a venv without pandas
        raise ImportError(
            "samskab's data frames need pandas and numpy: pip install 'samskab[pandas]'"
        ) from e
    data: Dict[str, Any] = {}
    # Columns handed over with the same list of categories share one dtype:
    # pandas checks a list's words once, not once per column.
    dtypes: Dict[int, Any] = {}
    for name, spec in columns.items():
        kind = spec[0]
        if kind == "text":
            data[name] = spec[1]
        elif kind == "category":
            codes = np.frombuffer(spec[1], dtype="<u4").astype(np.int64)
            codes[codes == 0xFFFFFFFF] = -1
            dtype = dtypes.get(id(spec[2]))
            if dtype is None:
                dtype = dtypes[id(spec[2])] = pd.CategoricalDtype(spec[2])
            data[name] = pd.Categorical.from_codes(codes, dtype=dtype)
        elif kind == "float":
            data[name] = np.frombuffer(spec[1], dtype="<f8")
        elif kind == "int":
            data[name] = np.frombuffer(spec[1], dtype="<i8")
        elif kind == "time":
            times = pd.Series(np.frombuffer(spec[1], dtype="<i8").view("datetime64[ms]")).dt.tz_localize("UTC")
            # Local times without a zone, when asked: what Excel can hold.
            data[name] = times if tz is None else times.dt.tz_convert(tz).dt.tz_localize(None)
        elif kind == "bool":
            data[name] = np.frombuffer(spec[1], dtype="u1").astype(bool)
    return pd.DataFrame(data)


def _records_frame(records: Sequence[Any]) -> Any:
    """Result records as a pandas DataFrame, one row each, the fields as columns."""
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover
        raise ImportError("samskab's data frames need pandas: pip install 'samskab[pandas]'") from e
    names = [f.name for f in dataclasses.fields(records[0])] if records else []
    return pd.DataFrame([{n: getattr(r, n) for n in names} for r in records], columns=names or None)


# ----- the network ---------------------------------------------------------------

PathLike = Union[str, "os.PathLike[str]"]


class Network:
    """A co-creation network: actors, their ties with a dated history of
    interactions, and initiatives.

    Build one with ``Network()`` and the ``add_*`` methods, or read a format v1
    document with ``Network.load(path)`` or ``Network.from_json(text)``. Every
    change is checked with the same rules as loading, and refused whole when it
    breaks one (``ValidationError`` with ``.problems``).
    """

    __slots__ = ("_net",)

    def __init__(self) -> None:
        self._net = _samskab._Network()

    @classmethod
    def _wrap(cls, inner: Any) -> "Network":
        net = cls.__new__(cls)
        net._net = inner
        return net

    # --- documents

    @classmethod
    def from_json(cls, text: str) -> "Network":
        """Read a format v1 document from a string."""
        return cls._wrap(_samskab._Network.from_json(_text(text, "text")))

    @classmethod
    def generate(
        cls,
        size: Optional[str] = None,
        *,
        seed: int = 1,
        actors: Optional[int] = None,
        ties: Optional[int] = None,
        interactions: Optional[int] = None,
        years: int = 3,
    ) -> "Network":
        """A synthetic municipality, the same for the same arguments: ``size`` is
        ``"S"`` (10³ actors, 10⁴ ties, 10⁵ interactions), ``"M"``, ``"L"`` or ``"XL"``,
        or give ``actors``, ``ties`` and ``interactions`` yourself."""
        numbers = [_number(v, n) for n, v in (("seed", seed), ("actors", actors), ("ties", ties),
                                              ("interactions", interactions), ("years", years))]
        return cls._wrap(_samskab._Network.generate(size, *numbers))

    @classmethod
    def load(cls, path: PathLike) -> "Network":
        """Read a format v1 document from a file."""
        return cls._wrap(_samskab._Network.load(os.fspath(path)))

    def to_json(self) -> str:
        """The network as a canonical format v1 document."""
        return self._net.to_json()

    def save(self, path: PathLike, *, mode: Optional[int] = None) -> None:
        """Write the document to a file atomically (a new temporary file, then a rename).
        A file replaced keeps its permissions and a new one is its owner's alone
        (``0o600``), unless ``mode`` says otherwise."""
        self._net.save(os.fspath(path), mode)

    def __reduce__(self) -> Tuple[Any, Tuple[str]]:
        return (Network.from_json, (self.to_json(),))

    def __repr__(self) -> str:
        actors, interactions, ties, initiatives = self._net.counts()
        return f"Network({actors} actors, {interactions} interactions, {ties} ties, {initiatives} initiatives)"

    @property
    def meta(self) -> Dict[str, Any]:
        """The document's free-form ``meta`` values (a copy)."""
        return _json.loads(self._net.meta_json())  # type: ignore[no-any-return]

    @meta.setter
    def meta(self, value: Mapping[str, Any]) -> None:
        self._net.set_meta_json(_dumps(value))

    @property
    def scoring(self) -> Dict[str, Any]:
        """The scoring parameters in force (a copy); assign a mapping to change some."""
        return _json.loads(self._net.scoring_json())  # type: ignore[no-any-return]

    @scoring.setter
    def scoring(self, value: Mapping[str, Any]) -> None:
        self._net.set_scoring_json(_dumps(value))

    # --- actors

    def add_actor(self, id: str, kind: str, **fields: Any) -> None:
        """Add an actor; ``fields`` are the format's (``name``, ``member_of``, ``contact``, ...)."""
        self._net.add_actor(_dumps({"id": id, "kind": kind, **fields}))

    def update_actor(self, id: str, **fields: Any) -> None:
        """Change an actor's fields; a field given as ``None`` is removed."""
        self._net.update_actor(_text(id, "id"), _dumps(fields))

    def remove_actor(self, id: str) -> Dict[str, Any]:
        """Remove an actor nothing refers to, and return its record."""
        return _json.loads(self._net.remove_actor(_text(id, "id")))  # type: ignore[no-any-return]

    def actor(self, id: str) -> Optional[Dict[str, Any]]:
        """The actor's record as in the format, or ``None``."""
        found = self._net.actor(_text(id, "id"))
        return None if found is None else _json.loads(found)

    def actors(self) -> List[Dict[str, Any]]:
        """Every actor's record, sorted by id."""
        return _json.loads(self._net.actors())  # type: ignore[no-any-return]

    # --- interactions

    def add_interaction(self, at: AsOf, participants: Sequence[str], kind: str, **fields: Any) -> int:
        """Add an interaction and return its key; ``fields`` are the format's."""
        record = {"at": _instant(at, "at"), "participants": list(participants), "kind": kind, **fields}
        return self._net.add_interaction(_dumps(record))

    def update_interaction(self, key_or_id: Union[int, str], **fields: Any) -> None:
        """Change an interaction's fields; a field given as ``None`` is removed."""
        self._net.update_interaction(*_key_or_id(key_or_id), _dumps(fields))

    def remove_interaction(self, key_or_id: Union[int, str]) -> Dict[str, Any]:
        """Remove an interaction by key or id, and return its record."""
        return _json.loads(self._net.remove_interaction(*_key_or_id(key_or_id)))  # type: ignore[no-any-return]

    def interactions(self) -> List[Dict[str, Any]]:
        """Every interaction's record with its ``key``, in time order."""
        return [{"key": key, **record} for key, record in _json.loads(self._net.interactions())]

    # --- initiatives

    def add_initiative(self, id: str, name: str, status: str, **fields: Any) -> None:
        """Add an initiative; ``fields`` are the format's (``participants``, ``outcomes``, ...)."""
        self._net.add_initiative(_dumps({"id": id, "name": name, "status": status, **fields}))

    def update_initiative(self, id: str, **fields: Any) -> None:
        """Change an initiative's fields; a field given as ``None`` is removed."""
        self._net.update_initiative(_text(id, "id"), _dumps(fields))

    def remove_initiative(self, id: str) -> Dict[str, Any]:
        """Remove an initiative no interaction names, and return its record."""
        return _json.loads(self._net.remove_initiative(_text(id, "id")))  # type: ignore[no-any-return]

    def initiative(self, id: str) -> Optional[Dict[str, Any]]:
        """The initiative's record as in the format, or ``None``."""
        found = self._net.initiative(_text(id, "id"))
        return None if found is None else _json.loads(found)

    def initiatives(self) -> List[Dict[str, Any]]:
        """Every initiative's record, sorted by id."""
        return _json.loads(self._net.initiatives())  # type: ignore[no-any-return]

    def erase(self, actor: str) -> Erased:
        """Erase an actor and every trace of it (GDPR); returns what was removed."""
        return _build(Erased, _json.loads(self._net.erase(_text(actor, "actor"))))  # type: ignore[no-any-return]

    # --- scores

    def trust(self, source: str, target: str, as_of: AsOf) -> Trust:
        """How much ``source`` has reason to trust ``target`` as of ``as_of``, with why."""
        text = self._net.trust(_text(source, "source"), _text(target, "target"), _instant(as_of))
        return _build(Trust, _json.loads(text))  # type: ignore[no-any-return]

    def trust_value(self, source: str, target: str, as_of: AsOf) -> float:
        """The trust value alone."""
        return self._net.trust_value(_text(source, "source"), _text(target, "target"), _instant(as_of))

    def tie_stats(self, a: str, b: str, as_of: AsOf) -> TieStats:
        """The facts of the tie between ``a`` and ``b``."""
        text = self._net.tie_stats(_text(a, "a"), _text(b, "b"), _instant(as_of))
        return _build(TieStats, _json.loads(text))  # type: ignore[no-any-return]

    def ties(self, as_of: AsOf) -> List[TieStats]:
        """The facts of every tie with contact by ``as_of``."""
        return [_build(TieStats, t) for t in _json.loads(self._net.ties(_instant(as_of)))]

    # --- analyses

    def paths(
        self,
        source: str,
        target: str,
        as_of: AsOf,
        k: int = 3,
        *,
        max_hops: int = 4,
        min_step_trust: float = 0.1,
    ) -> List[WayIn]:
        """The ``k`` most trusted chains of introductions from ``source`` to ``target``
        (a person or any member of a group), best first."""
        text = self._net.paths(
            _text(source, "source"),
            _text(target, "target"),
            _instant(as_of),
            _number(k, "k"),
            _number(max_hops, "max_hops"),
            _number(min_step_trust, "min_step_trust"),
        )
        return [_build(WayIn, w) for w in _json.loads(text)]

    def key_people(self, as_of: AsOf) -> List[KeyPerson]:
        """Actors whose leaving would cut others off from the municipality, most lost first."""
        return [_build(KeyPerson, k) for k in _json.loads(self._net.key_people(_instant(as_of)))]

    def neglected(self, as_of: AsOf) -> List[ColdTie]:
        """Ties that were strong and are going cold, what is at stake first."""
        return [_build(ColdTie, c) for c in _json.loads(self._net.neglected(_instant(as_of)))]

    def coverage(self, as_of: AsOf) -> List[Coverage]:
        """Coverage of every community and organisation, least covered first."""
        return [_build(Coverage, c) for c in _json.loads(self._net.coverage(_instant(as_of)))]

    def brokers(self, as_of: AsOf, *, sources: Optional[int] = None, seed: int = 0) -> List[Broker]:
        """Betweenness on the trust graph and bridging ties across sectors.

        With ``sources``, betweenness is estimated from that many actors drawn from
        ``seed`` instead of every one: for a region or a country."""
        text = self._net.brokers(_instant(as_of), _number(sources, "sources"), _number(seed, "seed"))
        return [_build(Broker, b) for b in _json.loads(text)]

    def cross_unit(self, as_of: AsOf, earlier: Optional[AsOf] = None) -> CrossUnit:
        """The internal cross-unit view, compared with ``earlier`` (default: a year before)."""
        before = None if earlier is None else _instant(earlier, "earlier")
        return _build(CrossUnit, _json.loads(self._net.cross_unit(_instant(as_of), before)))  # type: ignore[no-any-return]

    def initiative_health(self, id: str, as_of: AsOf) -> InitiativeHealth:
        """The health of one initiative."""
        text = self._net.initiative_health(_text(id, "id"), _instant(as_of))
        return _build(InitiativeHealth, _json.loads(text))  # type: ignore[no-any-return]

    def report(self, start: AsOf, end: AsOf) -> Report:
        """The value report for ``[start, end)`` beside the period before it."""
        handle = self._net.report(_instant(start, "start"), _instant(end, "end"))
        report: Report = _build(Report, _json.loads(handle.to_json()))
        report._handle = handle
        return report

    # --- exchange and privacy

    @classmethod
    def from_csv(cls, folder: PathLike) -> "Network":
        """Read the spreadsheet form: ``actors.csv`` and, if present, ``interactions.csv``
        and ``initiatives.csv`` (``;`` or ``,``, DD-MM-YYYY dates welcome)."""
        return cls._wrap(_samskab._Network.from_csv(os.fspath(folder)))

    def to_csv(self, folder: PathLike, *, mode: Optional[int] = None) -> None:
        """Write the spreadsheet form into ``folder`` (``;``-separated UTF-8 with a BOM).
        Cells a spreadsheet would run as a formula get a leading ``'``, which reading
        takes away again; files are written as ``save`` writes them."""
        self._net.to_csv(os.fspath(folder), mode)

    def to_graphml(self, path_or_writer: Union[PathLike, Any], as_of: AsOf) -> None:
        """Write GraphML (for Gephi, yEd, networkx) to a path or a file object."""
        _write_to(path_or_writer, self._net.to_graphml(_instant(as_of)))

    def to_gexf(self, path_or_writer: Union[PathLike, Any], as_of: AsOf) -> None:
        """Write GEXF with the ties' lifetimes as spells (Gephi's timeline) to a path or a file object."""
        _write_to(path_or_writer, self._net.to_gexf(_instant(as_of)))

    def to_cytoscape(self, as_of: AsOf) -> Dict[str, Any]:
        """Cytoscape.js elements: ``{"elements": {"nodes": [...], "edges": [...]}}``."""
        return _json.loads(self._net.to_cytoscape(_instant(as_of)))  # type: ignore[no-any-return]

    def pseudonymised(
        self,
        key: Union[str, bytes],
        *,
        time: Optional[str] = None,
        min_kind_count: Optional[int] = None,
        keep_areas: Optional[bool] = None,
        keep_tags: Optional[bool] = None,
        keep_outcome_labels: Optional[bool] = None,
    ) -> "Network":
        """A copy with every id replaced by its full HMAC-SHA256 under ``key`` and names,
        contacts, notes, descriptions, ``extra`` and ``meta`` dropped. By default time
        is kept to the day (``time="exact"``, ``"day"`` or ``"week"``), kinds fewer than
        5 actors have become ``other`` (``min_kind_count``), and areas, tags and outcome
        labels are dropped (``keep_*``). The same key gives the same pseudonyms; the key
        must be at least 16 bytes with at least 8 different byte values. Check the copy
        with ``reidentification_risk()`` before sharing it."""
        if isinstance(key, str):
            key = _text(key, "key").encode("utf-8")
        if not isinstance(key, (bytes, bytearray)):
            raise TypeError("key must be str or bytes")
        for name, flag in (("keep_areas", keep_areas), ("keep_tags", keep_tags),
                           ("keep_outcome_labels", keep_outcome_labels)):
            if flag is not None and not isinstance(flag, bool):
                raise TypeError(f"{name} must be a bool")
        inner = self._net.pseudonymised(
            bytes(key),
            None if time is None else _text(time, "time"),
            _number(min_kind_count, "min_kind_count"),
            keep_areas,
            keep_tags,
            keep_outcome_labels,
        )
        return Network._wrap(inner)

    def reidentification_risk(self) -> ReidentificationRisk:
        """How easily actors could be told apart by kind, sector, area, tags, dates and
        the groups they belong to: run it on a pseudonymised copy before sharing it."""
        data = _json.loads(self._net.reidentification_risk())
        data["group_sizes"] = {int(k): v for k, v in data["group_sizes"].items()}
        return ReidentificationRisk(**data)

    def mentions(self, actor: str) -> List[Mention]:
        """Where ``actor``'s id or name appears in free text that ``erase`` does not
        remove (others' notes, names, tags, ``extra``, ``meta``): review them first."""
        return [_build(Mention, m) for m in _json.loads(self._net.mentions(_text(actor, "actor")))]

    def purge_before(self, date: Union[_dt.date, str]) -> Purged:
        """Remove every interaction before ``date`` (retention), notes and all."""
        if isinstance(date, _dt.datetime) or not isinstance(date, (_dt.date, str)):
            raise TypeError("date must be a datetime.date or an ISO date string")
        return _build(Purged, _json.loads(self._net.purge_before(_instant(date, "date"))))  # type: ignore[no-any-return]

    # --- tables

    def actors_frame(self) -> Any:
        """Every actor as a pandas DataFrame (needs ``samskab[pandas]``)."""
        return _frame(self._net.actor_table())

    def interactions_frame(self, *, tz: Optional[str] = None) -> Any:
        """Every interaction as a pandas DataFrame (needs ``samskab[pandas]``). Times are
        UTC; with ``tz`` (``"Europe/Copenhagen"``) they are that zone's local times
        without a zone, which ``to_excel`` can write."""
        return _frame(self._net.interaction_table(), tz)

    def ties_frame(self, as_of: AsOf, *, tz: Optional[str] = None) -> Any:
        """Every tie and direction as a pandas DataFrame: trust, ``length`` (−ln trust,
        a distance), its components, counts. ``tz`` as in ``interactions_frame``."""
        return _frame(self._net.tie_table(_instant(as_of)), tz)

    def key_people_frame(self, as_of: AsOf) -> Any:
        """``key_people`` as a pandas DataFrame, one row per key person."""
        return _records_frame(self.key_people(as_of))

    def neglected_frame(self, as_of: AsOf) -> Any:
        """``neglected`` as a pandas DataFrame, one row per tie going cold."""
        return _records_frame(self.neglected(as_of))

    def coverage_frame(self, as_of: AsOf) -> Any:
        """``coverage`` as a pandas DataFrame, one row per group."""
        return _records_frame(self.coverage(as_of))

    def brokers_frame(self, as_of: AsOf) -> Any:
        """``brokers`` as a pandas DataFrame, one row per broker."""
        return _records_frame(self.brokers(as_of))

    def trust_edges_frame(self, as_of: AsOf) -> Any:
        """The trust graph as a pandas DataFrame, one row per tie between actors present
        then: ``a``, ``b``, trust each way, ``mutual``, ``length`` (−ln mutual, at least
        ``MIN_TIE_LENGTH``: the length ``brokers`` measures routes with) and ``last_contact``."""
        return _frame(self._net.trust_edges(_instant(as_of)))

    def to_networkx(self, as_of: AsOf) -> Any:
        """A ``networkx.DiGraph``: actors with their kind, sector and name, and an edge
        ``source → target`` per tie and direction with ``trust``, ``length`` (−ln trust:
        pass ``weight="length"`` to NetworkX's shortest paths and betweenness, so the most
        trusted route is the shortest) and ``interactions``. There is no ``weight``:
        NetworkX reads ``weight`` as a distance, which trust is the opposite of."""
        try:
            import networkx as nx  # type: ignore[import-untyped]
        except ImportError as e:  # pragma: no cover
            raise ImportError("to_networkx needs networkx: pip install 'samskab[networkx]'") from e
        graph = nx.DiGraph()
        actors = self._net.actor_table()
        ids = actors["id"][1]
        kinds = _categories(actors["kind"])
        sectors = _categories(actors["sector"])
        names = actors["name"][1]
        for i, id in enumerate(ids):
            graph.add_node(id, kind=kinds[i], sector=sectors[i], name=names[i])
        ties = self._net.tie_table(_instant(as_of))
        sources = _categories(ties["source"])
        targets = _categories(ties["target"])
        trusts = _floats(ties["trust"])
        lengths = _floats(ties["length"])
        counts = _ints(ties["interactions"])
        for s, t, w, length, n in zip(sources, targets, trusts, lengths, counts):
            graph.add_edge(s, t, trust=w, length=length, interactions=n)
        return graph


def _write_to(target: Any, text: str) -> None:
    if isinstance(target, (str, os.PathLike)):
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
    elif hasattr(target, "write"):
        try:
            target.write(text)
        except TypeError:  # a binary file object
            target.write(text.encode("utf-8"))
    else:
        raise TypeError("expected a path or an object with a write method")


def _array(code: str, data: bytes) -> "array.array[Any]":
    values = array.array(code)
    values.frombytes(data)
    if sys.byteorder == "big":  # the core writes little-endian
        values.byteswap()
    return values


def _categories(spec: Tuple[Any, ...]) -> List[Optional[str]]:
    codes = _array("I", spec[1])
    cats = spec[2]
    return [None if c == 0xFFFFFFFF else cats[c] for c in codes]


def _floats(spec: Tuple[Any, ...]) -> List[float]:
    return list(_array("d", spec[1]))


def _ints(spec: Tuple[Any, ...]) -> List[int]:
    return list(_array("q", spec[1]))


#: The example networks that ship with the module.
EXAMPLES = ("egebaek", "skovlund")


def example(name: str = "egebaek") -> Network:
    """A bundled example network: ``"egebaek"`` (Egebæk Kommune, a fictional
    municipality: 54 actors, 568 interactions from 2023 to 2025, six initiatives)
    or ``"skovlund"`` (9 actors)."""
    if name not in EXAMPLES:
        raise _samskab._invalid_argument("name", f"must be one of {', '.join(EXAMPLES)}")
    from importlib import resources

    text = resources.files(__name__).joinpath("examples").joinpath(f"{name}.json").read_text(encoding="utf-8")
    return Network.from_json(text)

