"""`ambicion train` and `ambicion evaluate`: rebuild the judge's models and measure them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from ambicion import AmbicionError

from ..common import fail, messages_for


def project_folder(given: Path | None, name: str) -> Path:
    """`given`, or the project's own `name` folder ("corpus", "models").

    Why not the working directory's: run from anywhere else, `train` would write a stray
    models/ there and `evaluate` would measure whatever folder happened to be called so. The
    project is the nearest folder, at or above the working directory, holding pyproject.toml,
    corpus/ and models/; without one the option must be given.
    """
    if given is not None:
        return given
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "corpus").is_dir() and (folder / "models").is_dir():
            return folder / name
    raise fail(f"no ambicion project (pyproject.toml with corpus/ and models/) at or above {here}; "
               f"give --{name} DIR", 2)


def register(app: typer.Typer) -> None:
    m = messages_for(app)
    app.command("train", help=m("train.help"))(train)
    app.command("evaluate", help=m("evaluate.help"))(evaluate)


def train(
    corpus: Optional[Path] = typer.Option(None, "--corpus", show_default=False, help=(
        "Folder of annotated *.jsonl files [default: the project's corpus/]")),
    models: Optional[Path] = typer.Option(None, "--models", show_default=False, help=(
        "Folder to (re)write the models into [default: the project's models/]")),
    real: Optional[List[Path]] = typer.Option(
        None, "--real", help="JSONL of real rated commitments (repeatable); thresholds are then "
                             "chosen on them by country-grouped cross-validation."),
) -> None:
    """Rebuild the models from the corpus and any real rated rows (deterministic: same inputs, same files)."""
    from ambicion.learn.train import train as run

    corpus, models = project_folder(corpus, "corpus"), project_folder(models, "models")
    try:
        report = run(corpus, models, tuple(real or ()))
    except AmbicionError as exc:
        raise fail(str(exc))
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
    corpus: Optional[Path] = typer.Option(None, "--corpus", show_default=False, help=(
        "Folder of annotated *.jsonl files [default: the project's corpus/]")),
    models: Optional[Path] = typer.Option(None, "--models", show_default=False, help=(
        "Folder holding the trained models [default: the project's models/]")),
    real: Optional[List[Path]] = typer.Option(
        None, "--real", help="JSONL of real rated commitments (repeatable): measured first, by nested "
                             "country-grouped cross-validation, with bootstrap intervals."),
) -> None:
    """Measure the models (real ratings first, then the corpus test split); write MODEL_CARD.md."""
    from ambicion.learn.evaluate import CARD, FIGURE
    from ambicion.learn.evaluate import evaluate as run

    corpus, models = project_folder(corpus, "corpus"), project_folder(models, "models")
    try:
        result = run(corpus, models, tuple(real or ()))
    except AmbicionError as exc:
        raise fail(str(exc))
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
