"""The ``samskab`` command, as someone who does not program uses it."""

import json
import pathlib
import shutil
import subprocess
import sys

import pytest

from samskab import cli

REPO = pathlib.Path(__file__).resolve().parents[2]
EGEBAEK = REPO / "examples" / "data" / "egebaek.json"


def test_check_a_good_file_and_a_bad_one(tmp_path, capsys):
    assert cli.main(["check", str(EGEBAEK)]) == 0
    assert "a valid network of 54 actors" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "samskab", "version": 1, "actors": [
        {"id": "a-1", "kind": "wizard"}, {"id": "a-1", "kind": "citizen", "name": "Grethe Lauridsen"}]}))
    assert cli.main(["check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "actors[0].kind: expected one of" in err and "actors[1].id: duplicates" in err
    assert "Grethe" not in err
    assert cli.main(["check", str(tmp_path / "missing.json")]) == 2


def test_convert_both_ways_and_check_the_folder(tmp_path, capsys):
    folder = tmp_path / "sheets"
    assert cli.main(["convert", str(EGEBAEK), str(folder)]) == 0
    assert (folder / "interactions.csv").exists()
    assert cli.main(["check", str(folder)]) == 0
    back = tmp_path / "back.json"
    assert cli.main(["convert", str(folder), str(back)]) == 0
    # The spreadsheet form holds every record (meta and outcomes live only in JSON).
    import samskab

    again, original = samskab.Network.load(back), samskab.Network.load(EGEBAEK)
    assert again.actors() == original.actors() and again.interactions() == original.interactions()


def test_report_as_text_and_html(capsys):
    assert cli.main(["report", str(EGEBAEK), "--from", "2025-01-01", "--to", "2025-07-01", "--lang", "en"]) == 0
    assert "Egebæk" in capsys.readouterr().out
    assert cli.main(["report", str(EGEBAEK), "--from", "2025-01-01", "--to", "2025-07-01", "--html"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!doctype html>") and 'lang="da"' in page
    assert cli.main(["report", str(EGEBAEK), "--from", "2025-07-01", "--to", "2025-01-01"]) == 1


def test_tour_runs(capsys):
    assert cli.main(["tour"]) == 0
    assert "A way in for" in capsys.readouterr().out


def test_the_command_is_installed_with_the_module():
    command = shutil.which("samskab", path=str(pathlib.Path(sys.executable).parent))
    assert command is not None
    run = subprocess.run([command, "check", str(EGEBAEK)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    run = subprocess.run([sys.executable, "-m", "samskab", "--version"], capture_output=True, text=True, timeout=60)
    assert run.stdout.startswith("samskab ")
    with pytest.raises(SystemExit):
        cli.main(["no-such-command"])
