"""`mypy --strict` accepts a user's script written against the public API, and catches a misuse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import ambicion

HERE = Path(__file__).resolve().parent
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
