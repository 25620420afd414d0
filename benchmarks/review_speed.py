"""Time `read_review` against an earlier version of the package, alternating in one process.

    python benchmarks/review_speed.py --baseline OLD_SRC [--rounds 7] [--generated] [REVIEW ...]

OLD_SRC is a folder holding an earlier `ambicion` package (for instance what
`git archive <commit> src/ambicion | tar -x` gives, under `src/`); it is copied under another
name and imported beside the installed package, so both read the same files in one process,
taking turns (A B, B A, ...), round after round. Each is reported as the median with its
spread (min–max); the ratio is the median of the per-round ratios. `--generated` adds the
synthetic reviews of `ambicion.testing` (drawn into benchmarks/inputs/reviews/ when missing).
Whether both versions give the same ratings is reported too (a speed figure for a reader that
reads differently would compare nothing).
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
GENERATED = HERE / "inputs" / "reviews"


def _baseline(src: Path) -> Callable:
    """The earlier package's read_review, imported as `ambicion_base`."""
    package = src / "ambicion" if (src / "ambicion").is_dir() else src
    target = Path(tempfile.mkdtemp(prefix="review-base-")) / "ambicion_base"
    shutil.copytree(package, target, ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(target.parent))
    return importlib.import_module("ambicion_base.extract.review").read_review


def _generated() -> list[Path]:
    """Synthetic reviews of every layout the readers know, drawn once."""
    from ambicion.testing.reviews import write_action_plan_review, write_progress_report, write_results_report

    GENERATED.mkdir(parents=True, exist_ok=True)
    makers = {
        "apr_es.pdf": lambda p: write_action_plan_review(p, language="es"),
        "results_en.pdf": lambda p: write_results_report(p, language="en"),
        "progress_es.pdf": lambda p: write_progress_report(p, language="es"),
        "end_of_term_split_en.pdf": lambda p: write_progress_report(
            p, language="en", kind="end_of_term_report", rows_per_page=2, repeat_header=False),
    }
    out = []
    for name, make in makers.items():
        path = GENERATED / name
        if not path.exists():
            make(path)
        out.append(path)
    return out


def _view(review) -> list[dict]:
    return [r.to_dict() for r in review.ratings]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--generated", action="store_true")
    ap.add_argument("files", nargs="*", type=Path)
    a = ap.parse_args()
    from ambicion import read_review

    base = _baseline(a.baseline)
    files = [*a.files, *(_generated() if a.generated else [])]
    print("| review | before (s) | after (s) | after / before | same ratings |")
    print("|---|---|---|---|---|")
    for path in files:
        same = _view(base(path)) == _view(read_review(path))  # also warms both up
        times: dict[str, list[float]] = {"before": [], "after": []}
        for k in range(a.rounds):
            order = [("before", base), ("after", read_review)]
            for name, fn in order if k % 2 == 0 else order[::-1]:
                t = time.perf_counter()
                fn(path)
                times[name].append(time.perf_counter() - t)
        ratios = [x / y for x, y in zip(times["after"], times["before"])]

        def cell(xs: list[float]) -> str:
            return f"{statistics.median(xs):.3f} ({min(xs):.3f}–{max(xs):.3f})"

        print(f"| {path.name} | {cell(times['before'])} | {cell(times['after'])} | "
              f"{statistics.median(ratios):.2f} | {'yes' if same else 'NO'} |")


if __name__ == "__main__":
    main()
