"""Write a study's files into an output folder, each one atomically.

Why a fixed set of names: researchers script against them. Re-running into the same folder
replaces every file; a file the new run has nothing for (e.g. ratings.csv when no review was
given this time) is removed, so the folder never mixes two runs. This module only writes
what it is given (named tables and the report's HTML); which tables a study has is the
study's business.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from ..errors import OutputError
from ..frames import write_records
from ..io import atomic_write, guard_output

if TYPE_CHECKING:
    import pandas as pd

REPORT = "report.html"
OPTIONAL = ("ratings.csv", "agreement.csv", "disagreements.csv", "failures.csv")


def write_study(outdir: Path, tables: Mapping[str, "pd.DataFrame"], report: Callable[[], str],
                inputs: Iterable[str | Path] = ()) -> list[Path]:
    """Write each named table (format by suffix) and report.html; remove stale optional files."""
    inputs = list(inputs)
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(outdir, "exists and is not a folder")
    outdir.mkdir(parents=True, exist_ok=True)
    for name in (*tables, REPORT):  # refuse before writing anything
        guard_output(outdir / name, inputs)
    html = report()
    written: list[Path] = []
    for name, frame in tables.items():
        write_records(frame, outdir / name, inputs=inputs)
        written.append(outdir / name)
    with atomic_write(outdir / REPORT, inputs=inputs) as fh:
        fh.write(html)
    written.append(outdir / REPORT)
    for name in OPTIONAL:
        stale = outdir / name
        if name not in tables and not _is_input(stale, inputs):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
    return written


def _is_input(path: Path, inputs: list[str | Path]) -> bool:
    try:
        guard_output(path, inputs)
    except OutputError:
        return True
    return False
