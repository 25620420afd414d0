"""`train` and `evaluate` find the project's corpus/ and models/, never a stray working folder."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from ambicion_cli.main import app

runner = CliRunner()


@pytest.mark.parametrize("command", ["train", "evaluate"])
def test_outside_a_project_the_folders_must_be_given(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [command])
    assert result.exit_code == 2
    assert "no ambicion project" in result.output and "--corpus" in result.output
    assert not (tmp_path / "models").exists()


@pytest.mark.parametrize("command, module", [("train", "ambicion.learn.train.train"),
                                             ("evaluate", "ambicion.learn.evaluate.evaluate")])
def test_inside_a_project_its_own_folders_are_used(command, module, tmp_path, monkeypatch):
    root = tmp_path / "project"
    for d in ("corpus", "models", "docs/deep"):
        (root / d).mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n", "utf-8")
    seen = {}

    def fake(corpus, models, real, *options):  # evaluate also gets --learning-curve
        seen.update(corpus=corpus, models=models)
        raise SystemExit(0)

    monkeypatch.setattr(module, fake)
    monkeypatch.chdir(root / "docs" / "deep")
    runner.invoke(app, [command])
    assert seen == {"corpus": root / "corpus", "models": root / "models"}
