"""Spreadsheets in, Gephi out, privacy-safe sharing, retention."""

import datetime as dt
import io
import pathlib
import shutil
import subprocess

import networkx as nx
import pytest

import samskab


def test_csv_round_trip(tmp_path, egebaek):
    egebaek.to_csv(tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == {"actors.csv", "interactions.csv", "initiatives.csv"}
    back = samskab.Network.from_csv(tmp_path)
    back.to_csv(tmp_path / "again")
    again = samskab.Network.from_csv(tmp_path / "again")
    assert again.to_json() == back.to_json()
    assert back.trust_value("v-grethe", "e-mette", "2025-11-01") == egebaek.trust_value("v-grethe", "e-mette", "2025-11-01")


def test_bad_csv_says_file_line_column(tmp_path):
    (tmp_path / "actors.csv").write_text("id;kind;name\ne-tove;employee;Tove Friis\nv-inge;wizard;Inge Dal\n", encoding="utf-8")
    (tmp_path / "interactions.csv").write_text("at;participants;kind\n", encoding="utf-8")
    with pytest.raises(samskab.ValidationError) as info:
        samskab.Network.from_csv(tmp_path)
    assert info.value.problems[0][0] == "actors.csv:3:2"
    assert "Inge Dal" not in str(info.value)


def test_graphml_and_gexf_read_back_with_networkx(tmp_path, skovlund):
    path = tmp_path / "net.graphml"
    skovlund.to_graphml(path, "2024-06-01")
    g = nx.read_graphml(path)
    assert g.number_of_nodes() == 9
    assert g.nodes["v-inge"]["sector"] == "civil_society"
    assert g.nodes["e-tove"]["unit"] == "u-int"
    edge = g.edges["v-inge", "e-tove"]
    assert 0 < edge["trust"] <= 1 and edge["interactions"] == 5
    buffer = io.StringIO()
    skovlund.to_gexf(buffer, dt.date(2024, 6, 1))
    gexf = tmp_path / "net.gexf"
    gexf.write_text(buffer.getvalue(), encoding="utf-8")
    h = nx.read_gexf(gexf)
    assert h.number_of_nodes() == 9
    data = h.edges["v-inge", "e-tove"]
    assert data["spells"] == [("2023-09-05", "2024-05-30")]
    assert abs(data["trust"] - edge["trust"]) < 1e-12
    binary = io.BytesIO()
    skovlund.to_gexf(binary, "2024-06-01")
    assert binary.getvalue().startswith(b"<?xml")
    cy = skovlund.to_cytoscape("2024-06-01")
    assert len(cy["elements"]["nodes"]) == 9


def test_pseudonymised(egebaek):
    copy = egebaek.pseudonymised("municipal secret 2025")
    text = copy.to_json()
    for a in egebaek.actors():
        assert f'"{a["id"]}"' not in text
    assert "Grethe" not in text and "+45" not in text and "Fiktiv note" not in text
    assert copy.to_json() == egebaek.pseudonymised(b"municipal secret 2025").to_json()
    with pytest.raises(samskab.InvalidArgumentError):
        egebaek.pseudonymised("short")
    with pytest.raises(TypeError):
        egebaek.pseudonymised(12345)  # type: ignore[arg-type]


def test_purge_before(egebaek):
    purged = egebaek.purge_before(dt.date(2024, 7, 1))
    assert purged.interactions_removed > 0
    assert all(x["at"] >= "2024-07-01" for x in egebaek.interactions())
    with pytest.raises(TypeError):
        egebaek.purge_before(dt.datetime(2024, 7, 1))  # type: ignore[arg-type]


# LibreOffice's text encodings: 76 UTF-8, 1 Windows-1252 (what Danish Excel's "CSV"
# writes: found refused with "did not contain valid UTF-8" and no line), 65535 UTF-16.
@pytest.mark.parametrize("charset, encoding", [("76", "utf-8"), ("1", "cp1252"), ("65535", "utf-16")])
def test_a_real_spreadsheet_program_writes_csv_we_read(tmp_path, charset, encoding):
    """LibreOffice, headless, turns workbooks into CSV with Danish settings (';', DD-MM-YYYY)."""
    openpyxl = pytest.importorskip("openpyxl")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is installed by the test command"
    sheets = {
        "actors": [
            ["id", "kind", "name", "member_of", "contact_for", "joined", "phone"],
            ["u-job", "unit", "Jobcenter", None, None, None, None],
            ["e-tove", "employee", "Tove Friis", "u-job", "o-venner", dt.date(2020, 2, 1), "+45 40 00 00 01"],
            ["o-venner", "organisation", "Flygtningevenner", None, None, None, None],
            ["v-inge", "volunteer", "Inge Dal", "o-venner", None, dt.date(2023, 9, 5), None],
        ],
        "interactions": [
            ["id", "at", "participants", "kind", "initiator", "outcome", "answered_at", "note"],
            ["x1", dt.date(2023, 9, 5), "v-inge|e-tove", "informal", "e-tove", "positive", None, "Kaffe, æøå"],
            ["x2", dt.date(2023, 11, 14), "v-inge|e-tove", "request", "v-inge", None, dt.date(2023, 11, 15), None],
        ],
        "initiatives": [
            ["id", "name", "status", "started", "participants"],
            ["ini", "Jobmesse; forår", "active", dt.date(2024, 1, 1), "v-inge:lead|u-job:partner"],
        ],
    }
    for name, rows in sheets.items():
        book = openpyxl.Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(row)
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "DD-MM-YYYY"
        book.save(tmp_path / f"{name}.xlsx")
        subprocess.run(
            [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
             "--convert-to", f"csv:Text - txt - csv (StarCalc):59,34,{charset},1,,1030",
             "--outdir", str(tmp_path / "csv"), str(tmp_path / f"{name}.xlsx")],
            check=True, capture_output=True, timeout=180,
        )
    written = (tmp_path / "csv" / "actors.csv").read_text(encoding=encoding)
    assert ";" in written.splitlines()[0] and "01-02-2020" in written, written
    net = samskab.Network.from_csv(tmp_path / "csv")
    assert net.actor("e-tove")["joined"] == "2020-02-01"
    assert net.actor("e-tove")["contact"]["phone"] == "+45 40 00 00 01"
    assert net.initiative("ini")["name"] == "Jobmesse; forår"
    notes = [x.get("note") for x in net.interactions()]
    assert "Kaffe, æøå" in notes
    assert net.tie_stats("v-inge", "e-tove", "2024-01-01").median_response_days == 1.0
