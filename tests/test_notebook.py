"""The exploration notebook still runs against the current public API (so it never rots).

Needs the test extras (nbclient, nbformat, ipykernel, matplotlib) and a ``python3`` Jupyter
kernelspec; if the kernelspec is missing it is registered for the current user from this
interpreter (``python -m ipykernel install --user``), which is what CI needs once.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore_corpus.ipynb"


def _ensure_kernel() -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        from ipykernel.kernelspec import install

        install(user=True, kernel_name="python3")


def test_notebook_is_saved_with_its_outputs():
    """The committed notebook shows its figures and tables without having to be run first."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    assert code and all(cell.get("outputs") for cell in code)
    assert not any(out.get("output_type") == "error" for cell in code for out in cell["outputs"])
    images = [out for cell in code for out in cell["outputs"] if "image/png" in out.get("data", {})]
    assert len(images) >= 3  # heat map, third parties, retention


@pytest.mark.slow
def test_notebook_runs_from_the_notebooks_folder():
    import nbclient
    import nbformat

    _ensure_kernel()

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, kernel_name="python3", timeout=600,
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError with the failing cell's traceback
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.get("output_type") == "error"]
    assert any("image/png" in out.get("data", {}) for out in outputs)
