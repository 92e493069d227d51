"""The CLI starts fast: building the parser (``crosswire --help``) imports no heavy library.

Checked on the modules a fresh interpreter holds after the import, not on a timing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

# Libraries that only some commands need: each is imported inside those commands.
HEAVY = (
    "spacy", "thinc", "torch", "numpy", "scipy", "sklearn", "httpx", "fastapi", "starlette",
    "uvicorn", "rich", "ftfy", "lxml", "pyspark", "sentence_transformers",
)

_PROBE = """
import json, sys
{code}
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after(code: str) -> set[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run(
        [sys.executable, "-c", _PROBE.format(code=code)], capture_output=True, text=True,
        check=True, env=env, cwd=ROOT, timeout=120,
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


def test_importing_the_cli_loads_no_heavy_library() -> None:
    modules = _modules_after("import crosswire.cli")
    assert _heavy(modules) == []
    assert "crosswire.pipeline" not in modules  # the pipeline loads with a command that runs it


def test_help_loads_no_heavy_library() -> None:
    code = (
        "from crosswire.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "for command in ('brief', 'ingest', 'serve', 'watch', 'stories'):\n"
        "    try:\n        main([command, '--help'])\n    except SystemExit:\n        pass\n"
    )
    assert _heavy(_modules_after(code)) == []


def test_spacy_loads_without_torch_and_torch_still_imports_after() -> None:
    """Loading our spaCy pipeline does not import PyTorch (seconds at every start); a later
    ``import torch`` (sentence embeddings) still works where torch is installed."""
    code = (
        "from crosswire.nlp import load_nlp\n"
        "nlp = load_nlp()\n"
        "assert 'torch' not in sys.modules\n"
        "deps = [t.dep_ for t in nlp('Ann Lee said it rained.')]\n"
        "assert deps[:3] == ['compound', 'nsubj', 'ROOT'], deps\n"
        "try:\n    import torch\nexcept ModuleNotFoundError:\n    pass\n"
        "else:\n    assert torch.tensor([1]).item() == 1\n"
    )
    assert "spacy" in _modules_after(code)


def test_python_dash_m_runs_the_command_line() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run(
        [sys.executable, "-m", "crosswire", "--help"], capture_output=True, text=True,
        check=True, env=env, cwd=ROOT, timeout=120,
    )
    assert out.stdout.startswith("usage: crosswire")
