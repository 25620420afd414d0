"""The library and the command-line package type-check cleanly under the project's mypy
configuration, and `mypy --strict` accepts a user's script written against the public API and
catches a misuse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import ambicion

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MISUSE = """
import ambicion
level: int = ambicion.assess("Publicar los contratos.").ambition
number: str = ambicion.read_plan("plan.pdf").commitments[0].number
"""


def _mypy(script: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mypy")
    # the folder ambicion is imported from: mypy cannot follow an editable install's import hook
    env = dict(os.environ, MYPYPATH=str(Path(ambicion.__file__).resolve().parents[1]))
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
                           "--cache-dir", str(tmp_path / "cache"), str(script)],
                          capture_output=True, text=True, timeout=600, env=env)


def test_the_user_script_passes_strict_mypy(tmp_path):
    proc = _mypy(HERE / "user_script.py", tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_misuse_is_caught(tmp_path):
    bad = tmp_path / "misuse.py"
    bad.write_text(MISUSE, "utf-8")
    proc = _mypy(bad, tmp_path)
    assert proc.returncode == 1
    assert 'expression has type "Literal' in proc.stdout or "AmbitionLevel" in proc.stdout or \
        'has type "str"' in proc.stdout
    assert 'has type "str | None"' in proc.stdout


@pytest.mark.parametrize("package", ["src/ambicion", "cli/ambicion_cli", "cli/ambicion_desk"])
def test_the_package_has_no_mypy_errors(package):
    """`mypy <package>` with pyproject's [tool.mypy] reports nothing, so it stays at zero: the
    library, and the command-line and forum-desk packages typed against it (the library found by name, not
    through the editable install, so a missing import is an error here, not an Any)."""
    pytest.importorskip("mypy")
    if not (ROOT / package).is_dir() or not (ROOT / "pyproject.toml").is_file():
        pytest.skip("needs the source tree")
    if package.startswith("cli/"):
        # the CLI is typed against the copy of click that recent typer bundles; an older
        # typer (the package allows it at run time) has none for mypy to read
        pytest.importorskip("typer._click", reason="typer without its own copy of click")
    # the project's own cache folder: a second run checks only what changed
    proc = subprocess.run([sys.executable, "-m", "mypy", package], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success: no issues found" in proc.stdout
