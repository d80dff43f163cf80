"""The example notebook runs top to bottom in a real kernel."""

import nbformat
from nbclient import NotebookClient

from conftest import REPO


def test_notebook_runs():
    path = REPO / "examples" / "notebook" / "samskab-tour.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit it without outputs"
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "kontakter i alt" in text
    assert "Ahmad Rahimi" in text
