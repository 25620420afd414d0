"""Write a study's files into an output folder, each one atomically.

Why a fixed set of names: researchers script against them. Re-running into the same folder
replaces every file; a file the new run has nothing for (e.g. ratings.csv when no review was
given this time) is removed, so the folder never mixes two runs.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..errors import OutputError
from ..frames import write_records
from ..io import atomic_write, guard_output

if TYPE_CHECKING:
    from ..study import Study

WHEN_IRM = ("ratings.csv", "agreement.csv", "disagreements.csv")
WHEN_FAILED = ("failures.csv",)


def write_study(study: "Study", outdir: Path, inputs: Iterable[str | Path] = ()) -> list[Path]:
    """Write commitments (Parquet, CSV), summary, report and, when present, IRM tables."""
    inputs = list(inputs)
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(outdir, "exists and is not a folder")
    outdir.mkdir(parents=True, exist_ok=True)
    planned: dict[str, object] = {
        "commitments.parquet": study.commitments,
        "commitments.csv": study.commitments,
        "summary.csv": study.summary,
    }
    if not study.ratings.empty:
        planned["ratings.csv"] = study.ratings
    if not study.agreement.empty:
        planned["agreement.csv"] = study.agreement
        planned["disagreements.csv"] = study.disagreements
    if not study.failures.empty:
        planned["failures.csv"] = study.failures
    for name in (*planned, "report.html"):  # refuse before writing anything
        guard_output(outdir / name, inputs)
    written: list[Path] = []
    for name, frame in planned.items():
        write_records(frame, outdir / name, inputs=inputs)
        written.append(outdir / name)
    with atomic_write(outdir / "report.html", inputs=inputs) as fh:
        fh.write(study.to_html())
    written.append(outdir / "report.html")
    for name in (*WHEN_IRM, *WHEN_FAILED):
        stale = outdir / name
        if name not in planned and not _is_input(stale, inputs):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
    return written


def _is_input(path: Path, inputs: list[str | Path]) -> bool:
    try:
        guard_output(path, inputs)
    except OutputError:
        return True
    return False
