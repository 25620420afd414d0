"""The console script's module stays light: a batch's worker processes re-run the script that
started them (multiprocessing re-imports `__main__`), so whatever `ambicion_cli.main` imports
at the top is imported again by every worker before it reads a file."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("typer", "rich", "click", "ambicion_cli.app", "ambicion_cli.commands")

SCRIPT = """
import sys
import ambicion_cli.main
print(sorted(m for m in sys.modules if m.split(".")[0] in {"typer", "rich", "click"}
             or m.startswith(("ambicion_cli.app", "ambicion_cli.commands"))))
from ambicion_cli.main import app, build_app
print(type(app).__name__, type(build_app(lang="es")).__name__, app is __import__("ambicion_cli.main").main.app)
"""


def test_importing_the_entry_module_builds_no_app() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    imported, built = done.stdout.strip().splitlines()
    assert imported == "[]"
    # the app is still there on first use, built once, and in the language asked for
    assert built == "LocalisedTyper LocalisedTyper True"


def test_a_worker_rerunning_the_console_script_imports_no_typer(tmp_path) -> None:
    # what multiprocessing does in each worker: run the parent's script as "__mp_main__"
    script = tmp_path / "ambicion"
    script.write_text("import sys\nfrom ambicion_cli.main import run\n"
                      "if __name__ == '__main__':\n    sys.exit(run())\n", "utf-8")
    check = ("import runpy, sys\n"
             f"runpy.run_path({str(script)!r}, run_name='__mp_main__')\n"
             f"print([m for m in sys.modules if m.startswith({HEAVY!r})])\n")
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
