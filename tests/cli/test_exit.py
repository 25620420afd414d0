"""The console entry point leaves its objects to the exit instead of collecting them."""

from __future__ import annotations

import gc
import warnings

import pytest

from ambicion_cli import main


@pytest.mark.parametrize("argv", [["--version"], ["batch", "--jobs", "0", "x", "-o", "y"]])
def test_objects_are_frozen_however_the_command_ends(monkeypatch, argv):
    """Shutdown's collections walked every object a judging command had made (seconds
    after a batch had written its last file); a command ending with an error or a usage
    message exits through the same door."""
    monkeypatch.setattr("sys.argv", ["ambicion", *argv])
    monkeypatch.setenv("AMBICION_LANG", "en")
    monkeypatch.setattr(warnings, "formatwarning", warnings.formatwarning)
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit):
            main.run()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_batch_runs_with_fewer_full_collections_and_restores_them(monkeypatch, tmp_path):
    """The judge's and the study's long-lived objects were walked by every full collection
    (~0.4 s of the parent's CPU in a five-plan batch); the setting is the command's own."""
    from typer.testing import CliRunner

    import ambicion

    seen: list[tuple[int, int, int]] = []

    def analyze(*args, **kwargs):
        seen.append(gc.get_threshold())
        raise ambicion.AmbicionError("stop here")

    monkeypatch.setattr(ambicion, "analyze", analyze)
    before = gc.get_threshold()
    result = CliRunner().invoke(main.app, ["batch", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code != 0 and seen
    assert seen[0][:2] == before[:2] and seen[0][2] >= 100
    assert gc.get_threshold() == before
