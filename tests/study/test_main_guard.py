"""`analyze(jobs=2)` from a plain script: works under the main guard, refused clearly without it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from ambicion.main_guard import _guarded_lines

UNGUARDED = """
import ambicion
print("top level ran")
study = ambicion.analyze([{folder!r}], jobs=2)
print(len(study.commitments))
"""

GUARDED = """
import ambicion

def main():
    study = ambicion.analyze([{folder!r}], jobs=2)
    print("commitments", len(study.commitments), "failures", len(study.failures))

print("top level ran")
if __name__ == "__main__":
    main()
"""


def _run(tmp_path, source: str, folder) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "analysis.py"
    script.write_text(textwrap.dedent(source.format(folder=str(folder))), "utf-8")
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=600, cwd=tmp_path)


@pytest.mark.slow
def test_a_guarded_script_runs_with_two_jobs(tmp_path, study_files):
    proc = _run(tmp_path, GUARDED, study_files["2023"].parent)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    # the workers re-import the script (its top level runs in them too), then the work is done once
    assert lines[-1].startswith("commitments ") and lines[-1].endswith(" failures 0")
    assert int(lines[-1].split()[1]) > 0


def test_an_unguarded_script_is_refused_before_any_worker_starts(tmp_path):
    proc = _run(tmp_path, UNGUARDED, tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.count("top level ran") == 1  # no worker re-ran the script
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("RuntimeError: analyze(jobs=2) starts worker processes")
    assert 'if __name__ == "__main__":' in last and "analysis.py" in last and "line 4" in last


def test_guarded_lines_cover_the_block_only(tmp_path):
    script = tmp_path / "s.py"
    script.write_text("import x\nif __name__ == '__main__':\n    a()\n    b(\n      1)\nc()\n"
                      "if '__main__' == __name__:\n    d()\n", "utf-8")
    assert _guarded_lines(str(script)) == frozenset({3, 4, 5, 8})


def test_a_package_run_with_dash_m_is_not_refused(tmp_path):
    """multiprocessing does not re-import a package's __main__, so `python -m pkg` is safe."""
    pkg = tmp_path / "mypkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", "utf-8")
    (pkg / "__main__.py").write_text(
        "from ambicion.main_guard import unguarded_call_line\nprint(unguarded_call_line())\n", "utf-8")
    (tmp_path / "plain.py").write_text(
        "from ambicion.main_guard import unguarded_call_line\nprint(unguarded_call_line())\n", "utf-8")
    package = subprocess.run([sys.executable, "-m", "mypkg"], capture_output=True, text=True,
                             cwd=tmp_path, timeout=120)
    plain = subprocess.run([sys.executable, "plain.py"], capture_output=True, text=True,
                           cwd=tmp_path, timeout=120)
    assert package.stdout.strip() == "None", package.stderr
    assert plain.stdout.strip().endswith("plain.py', 2)"), plain.stderr
