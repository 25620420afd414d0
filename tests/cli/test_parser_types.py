"""What typing the command-line package brought to light, kept true.

The package is typed against the parser typer really uses (its own copy of click in recent
typer), so it must not need click itself; its usage errors are said in the app's language on
both of typer's error paths (with rich, and the parser's own `show` without); and writing a
forum report with no file to write it to is a one-line error, not a TypeError.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import ambicion
from ambicion_cli.commands import screen

WITHOUT_CLICK = """
import sys
sys.modules["click"] = None  # importing click now fails, as where it is not installed
from typer.testing import CliRunner
from ambicion_cli.main import build_app
result = CliRunner().invoke(build_app(lang="es"), ["screen", "--nope", "x"])
sys.stdout.write(f"{result.exit_code}|{result.output}")
"""


def test_the_cli_runs_without_click_installed():
    proc = subprocess.run([sys.executable, "-c", WITHOUT_CLICK], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    code, _, output = proc.stdout.partition("|")
    assert code == "2"
    assert "No existe la opción --nope." in output


@pytest.mark.parametrize("rich", ["1", "0"])
def test_a_usage_error_is_said_in_spanish_with_and_without_rich(rich):
    env = dict(os.environ, TYPER_USE_RICH=rich, AMBICION_LANG="es")
    proc = subprocess.run([sys.executable, "-m", "ambicion_cli.main", "--lang", "es", "screen"],
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 2
    assert "Falta ARCHIVO." in proc.stderr
    assert "Missing argument" not in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("fmt", screen.REPORT_FORMATS)
def test_a_report_with_nowhere_to_go_is_an_output_error(fmt):
    with pytest.raises(ambicion.OutputError) as caught:
        screen.write([], fmt, None, "es", [])
    assert "-o" in str(caught.value) and "\n" not in str(caught.value)
