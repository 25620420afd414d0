"""`ambicion train` and `ambicion evaluate`: rebuild the judge's models and measure them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from ambicion import AmbicionError

from ..common import error_line, fail, messages_for


def register(app: typer.Typer) -> None:
    m = messages_for(app)
    app.command("train", help=m("train.help"))(train)
    app.command("evaluate", help=m("evaluate.help"))(evaluate)


def train(
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Folder of annotated *.jsonl files."),
    models: Path = typer.Option(Path("models"), "--models", help="Folder to (re)write the models into."),
    real: Optional[List[Path]] = typer.Option(
        None, "--real", help="JSONL of real rated commitments (repeatable); thresholds are then "
                             "chosen on them by country-grouped cross-validation."),
) -> None:
    """Rebuild the models from the corpus and any real rated rows (deterministic: same inputs, same files)."""
    from ambicion.learn.train import train as run

    try:
        report = run(corpus, models, tuple(real or ()))
    except AmbicionError as exc:
        raise fail(error_line(exc))
    print(f"trained on {report.n_train} of {report.n_records} corpus records ({report.n_test} held out "
          f"for testing) and {report.n_real} real rated rows -> {models}", file=sys.stderr)
    for label, w in report.blend.items():
        score = report.oof.get(label)
        print(f"  {label}: model weight {w}, threshold {report.thresholds.get(label, 'argmax')}, "
              + (f"out-of-fold score {score:.3f}" if score is not None else "fixed (not tuned)"),
              file=sys.stderr)
    if report.real_problems:
        print(f"{len(report.real_problems)} rated row(s) skipped:", file=sys.stderr)
        for p in report.real_problems[:20]:
            print(f"  {p}", file=sys.stderr)
    if report.problems:
        print(f"{len(report.problems)} corpus problem(s):", file=sys.stderr)
        for p in report.problems[:20]:
            print(f"  {p}", file=sys.stderr)


def evaluate(
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Folder of annotated *.jsonl files."),
    models: Path = typer.Option(Path("models"), "--models", help="Folder holding the trained models."),
    real: Optional[List[Path]] = typer.Option(
        None, "--real", help="JSONL of real rated commitments (repeatable): measured first, by nested "
                             "country-grouped cross-validation, with bootstrap intervals."),
) -> None:
    """Measure the models (real ratings first, then the corpus test split); write MODEL_CARD.md."""
    from ambicion.learn.evaluate import CARD, FIGURE
    from ambicion.learn.evaluate import evaluate as run

    try:
        result = run(corpus, models, tuple(real or ()))
    except AmbicionError as exc:
        raise fail(error_line(exc))
    if "real" in result:
        from ambicion.learn.realeval import headline

        for name, tables in result["real"]["systems"].items():
            print(f"  real, {name}: {headline(tables['all'])}", file=sys.stderr)
    final = result["all"]["final"]
    for label, s in final.items():
        if label == "ambition":
            print(f"  ambition: macro-F1 {s['macro_f1']:.3f}, accuracy {s['accuracy']:.3f}", file=sys.stderr)
        else:
            print(f"  {label}: P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} (n={s.support})",
                  file=sys.stderr)
    print(f"wrote {models / CARD} and {models / FIGURE}", file=sys.stderr)
