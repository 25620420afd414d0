"""`ambicion.study_folder`: what a batch front end needs from its output folder, in one call.

The command line used to reach into the library's private modules for it (the folder lock,
the staging recovery, the user's-file guard); now it uses this public call only.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ambicion


def test_a_users_own_file_under_a_study_name_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.csv").write_text("mine\n", "utf-8")
    with pytest.raises(ambicion.OutputError):
        with ambicion.study_folder(out):
            pass
    assert (out / "summary.csv").read_text("utf-8") == "mine\n"


def test_a_killed_runs_incomplete_staging_is_discarded(tmp_path):
    out = tmp_path / "out"
    staging = out / ".ambicion-staging"
    staging.mkdir(parents=True)
    (staging / "commitments.csv").write_text("half", "utf-8")  # no manifest: never finished
    with ambicion.study_folder(out) as folder:
        assert folder == out
        assert not staging.exists()


def test_the_folder_is_made_when_missing(tmp_path):
    with ambicion.study_folder(tmp_path / "new" / "out") as folder:
        assert folder.is_dir()


def test_the_cli_batch_uses_only_the_public_api():
    import ambicion_cli.commands.batch as batch

    tree = ast.parse(Path(batch.__file__).read_text("utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    private = {m for m in imported if m.startswith(("ambicion.io", "ambicion.report"))}
    assert not private
