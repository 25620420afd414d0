"""Write a study's files into an output folder, as one set, under a folder lock.

Why a fixed set of names: researchers script against them. Why staged: a batch killed
half-way through writing must not leave a folder mixing two runs, so the whole set is first
written into a hidden staging folder; a manifest written last marks it complete, and only
then are the files moved into place (renames, quick). A run that finds a complete staging
folder finishes moving it; an incomplete one is discarded. The manifest also says which
files ambicion wrote, so a later run removes only its own stale files (ratings.csv when no
review was given this time) and never a file of the user's that happens to share a name.
This module only writes what it is given (named tables and the report's HTML).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from ..errors import OutputError
from ..frames import write_records
from ..io import atomic_write, folder_lock, guard_output, output_error

if TYPE_CHECKING:
    import pandas as pd

STUDY_FILES = ("commitments.parquet", "commitments.csv", "summary.csv", "ratings.csv",
               "agreement.csv", "disagreements.csv", "failures.csv", "report.html")
REPORT = "report.html"
MANIFEST = ".ambicion-outputs.json"
STAGING = ".ambicion-staging"


def failures_in(failures: "pd.DataFrame", lang: str) -> "pd.DataFrame":
    """The failures table with its reasons said in `lang` (the library writes them in
    English; a forum reading failures.csv in Spanish gets Spanish reasons)."""
    from ..i18n import catalogue

    said = catalogue(lang).reason
    return failures.assign(reason=[said(str(r)) for r in failures["reason"]])


def write_study(outdir: Path, tables: Mapping[str, "pd.DataFrame"], report: Callable[[], str],
                inputs: Iterable[str | Path] = ()) -> list[Path]:
    """Write each named table (format by suffix) and report.html as one set, under the lock.

    Only what it is given is written: which tables a study has is the study's business.
    """
    inputs = list(inputs)
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(outdir, "exists and is not a folder")
    unknown = [name for name in tables if name not in STUDY_FILES]
    if unknown:
        raise ValueError(f"not a study file name: {unknown[0]!r} (one of {', '.join(STUDY_FILES)})")
    names = [*tables, REPORT]
    with folder_lock(outdir):
        recover(outdir)
        for name in names:  # refuse before writing anything
            guard_output(outdir / name, inputs)
        check_folder(outdir, names)
        html = report()
        staging = outdir / STAGING
        try:
            staging.mkdir()
            for name, frame in tables.items():
                write_records(frame, staging / name, inputs=inputs)
            with atomic_write(staging / REPORT, inputs=inputs) as fh:
                fh.write(html)
            with atomic_write(staging / MANIFEST) as fh:  # the commit point
                json.dump({"files": names}, fh)
        except OSError as exc:
            _discard(staging)
            raise output_error(staging, exc) from None
        except BaseException:
            _discard(staging)
            raise
        _publish(outdir)
    return [outdir / name for name in names]


ALWAYS_WRITTEN = ("commitments.parquet", "commitments.csv", "summary.csv", "report.html")


def check_folder(outdir: Path, names: Iterable[str] = ALWAYS_WRITTEN) -> None:
    """Refuse a folder holding a file named like one about to be written that ambicion did
    not write (the user's own). Files of other names are never touched.

    Front ends call it before a long batch, so the user hears of it at once, not at the end.
    """
    outdir = Path(outdir)
    if not outdir.is_dir():
        return
    ours = set(_manifest(outdir / MANIFEST))
    theirs = [n for n in names if n not in ours and (outdir / n).exists()]
    if theirs and not ours and _looks_like_an_old_run(outdir):
        return  # a folder written before manifests existed: its files are ambicion's own
    if theirs:
        raise OutputError(outdir / theirs[0], "was not written by ambicion and would be replaced; "
                                              "move it or choose another output folder")


def recover(outdir: Path) -> None:
    """Finish publishing a complete staging folder left by a killed run; discard an incomplete one."""
    staging = Path(outdir) / STAGING
    if not staging.is_dir():
        return
    if (staging / MANIFEST).is_file():
        _publish(Path(outdir))
    else:
        _discard(staging)


def _publish(outdir: Path) -> None:
    staging = outdir / STAGING
    new = _manifest(staging / MANIFEST)
    old = _manifest(outdir / MANIFEST)
    try:
        for name in new:
            if (staging / name).exists():
                os.replace(staging / name, outdir / name)
        for name in old:
            if name not in new and name in STUDY_FILES:
                with contextlib.suppress(FileNotFoundError):
                    (outdir / name).unlink()
        os.replace(staging / MANIFEST, outdir / MANIFEST)
    except OSError as exc:
        raise output_error(outdir, exc) from None
    _discard(staging)


def _manifest(path: Path) -> list[str]:
    try:
        data = json.loads(path.read_text("utf-8"))
        files = data.get("files", []) if isinstance(data, dict) else []
        return [f for f in files if isinstance(f, str) and f in STUDY_FILES]  # never another name
    except (OSError, ValueError, RecursionError):
        return []


def _looks_like_an_old_run(outdir: Path) -> bool:
    """Every study file present is one an earlier ambicion would have written with the rest."""
    return all((outdir / n).exists() for n in ALWAYS_WRITTEN)


def _discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
