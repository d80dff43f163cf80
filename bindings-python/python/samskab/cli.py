"""The ``samskab`` command: check, convert and report on a network without
writing a program. Installed with the wheel (``pipx run samskab ...`` works
too); every answer comes from the same core as the library's.

    samskab check FILE|FOLDER
    samskab convert IN OUT
    samskab report FILE --from 2025-01-01 --to 2025-07-01 [--lang da|en] [--html]
    samskab tour

Exit status: 0 when all went well, 1 when the data has problems (each printed
with its place), 2 for a wrong command or a file that cannot be read.
"""

from __future__ import annotations

import argparse
import html
import pathlib
import sys
from typing import List, Optional, Sequence

from . import Network, SamskabError, __version__, example

#: Files larger than this show a progress bar while they are read.
_PROGRESS_FROM = 8 << 20


def _read_text(path: pathlib.Path) -> str:
    """A document's text, with a progress bar on a terminal for a large file."""
    size = path.stat().st_size
    show = sys.stderr.isatty() and size >= _PROGRESS_FROM
    chunks: List[bytes] = []
    done = 0
    with open(path, "rb") as f:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            done += len(chunk)
            if show:
                filled = int(30 * done / size)
                sys.stderr.write(f"\rreading {path.name} [{'#' * filled}{' ' * (30 - filled)}] {100 * done // size:3d}%")
                sys.stderr.flush()
    if show:
        sys.stderr.write("\n")
    return b"".join(chunks).decode("utf-8-sig")


def _load(source: str) -> Network:
    """A network from a format v1 file or a folder of the spreadsheet form."""
    path = pathlib.Path(source)
    if path.is_dir():
        return Network.from_csv(path)
    return Network.from_json(_read_text(path))


def _problems(e: SamskabError) -> List[str]:
    problems = getattr(e, "problems", [])
    if problems:
        return [f"{place}: {message}" if place else message for place, message in problems]
    return [str(e)]


def _check(args: argparse.Namespace) -> int:
    net = _load(args.source)
    actors, interactions = len(net.actors()), len(net.interactions())
    print(f"{args.source}: a valid network of {actors} actors and {interactions} interactions")
    return 0


def _convert(args: argparse.Namespace) -> int:
    net = _load(args.source)
    target = pathlib.Path(args.target)
    if target.suffix.lower() == ".json":
        net.save(target)
        print(f"wrote {target} (format v1)")
    else:
        net.to_csv(target)
        print(f"wrote {target}/actors.csv, interactions.csv and initiatives.csv")
    return 0


def _report(args: argparse.Namespace) -> int:
    report = _load(args.source).report(args.start, args.end)
    text = report.to_text(args.lang)
    if args.html:
        title = "Værdirapport" if args.lang == "da" else "Value report"
        print(f'<!doctype html>\n<html lang="{args.lang}"><head><meta charset="utf-8">'
              f"<title>{title}</title></head>\n<body>\n{report._repr_html_()}\n"
              f"<pre>{html.escape(text)}</pre>\n</body></html>")
    else:
        print(text)
    return 0


def _tour(args: argparse.Namespace) -> int:
    net = example("egebaek")
    as_of = "2025-11-01"

    def name(actor: Optional[str]) -> str:
        record = net.actor(actor) if actor else None
        return str((record or {}).get("name", actor))

    print(f"samskab {__version__}: a tour of Egebæk Kommune (a fictional municipality) as of {as_of}\n")
    t = net.trust("v-grethe", "e-mette", as_of)
    print(f"How much has {name('v-grethe')} reason to trust {name('e-mette')}? {float(t):.2f}")
    for x in t.top_interactions[:3]:
        print(f"  {x.at} {x.kind:<13} {x.evidence:+.2f}")
    print(f"\nA way in for {name('v-maja')}, new, to the job centre:")
    for way in net.paths("v-maja", "u-job", as_of):
        print(f"  {way.trust:.2f}  {' → '.join(name(a) for a in way.actors)}")
    print("\nWho would take others' only way in with them:")
    for k in net.key_people(as_of)[:3]:
        print(f"  {name(k.actor)}: {len(k.orphans)} people, {len(k.orphaned_groups)} groups")
    print("\nRelationships going cold:")
    for cold in net.neglected(as_of)[:3]:
        print(f"  {name(cold.a)} – {name(cold.b)}: {cold.state}")
    print("\n" + net.report("2025-01-01", "2025-07-01").to_text("en"))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="samskab",
        description="Trust and recency in co-creation networks: check, convert and report.",
    )
    parser.add_argument("--version", action="version", version=f"samskab {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check a format v1 file or a spreadsheet folder")
    check.add_argument("source", help="a .json file or a folder with actors.csv and interactions.csv")
    check.set_defaults(run=_check)
    convert = commands.add_parser("convert", help="JSON to the spreadsheet form, or back")
    convert.add_argument("source", help="a .json file or a spreadsheet folder")
    convert.add_argument("target", help="a .json file, or a folder for the spreadsheet form")
    convert.set_defaults(run=_convert)
    report = commands.add_parser("report", help="the value report for a period")
    report.add_argument("source", help="a .json file or a spreadsheet folder")
    report.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
    report.add_argument("--to", dest="end", required=True, help="the day after the last, YYYY-MM-DD")
    report.add_argument("--lang", choices=("da", "en"), default="da")
    report.add_argument("--html", action="store_true", help="a web page instead of text")
    report.set_defaults(run=_report)
    tour = commands.add_parser("tour", help="a tour over the bundled example municipality")
    tour.set_defaults(run=_tour)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except OSError as e:
        # File errors first: samskab's IoError is also an OSError.
        print(f"samskab: {e}", file=sys.stderr)
        return 2
    except SamskabError as e:
        for line in _problems(e):
            print(line, file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
