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
