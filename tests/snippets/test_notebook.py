"""The companion notebook executes cleanly (quick mode) and keeps the outputs of a full run."""

import nbformat

from snippets import notebook


def test_notebook_executes_in_quick_mode(fashion):
    nb = notebook.execute(quick=True, timeout=600)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert "quick mode: True, epochs: 1, training images: 2000" in text
    assert "test accuracy" in text


def test_stored_notebook_has_outputs_of_a_full_run():
    nb = nbformat.read(notebook.NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs for c in code)
    text = "".join(o.get("text", "") for c in code for o in c.outputs)
    assert "quick mode: False, epochs: 10, training images: all" in text
    assert "epoch 10:" in text
    assert "absl::InitializeLog" not in text  # start-up noise stripped
    assert any("$$" in c.source for c in nb.cells if c.cell_type == "markdown")
