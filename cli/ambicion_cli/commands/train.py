"""`ambicion train` and `ambicion evaluate`: rebuild the judge's models and measure them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from ambicion import AmbicionError
from ambicion.errors import display_name

from ..common import error_line, fail, messages_for, reason_text, t


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
    raise fail(t("err.no_project", path=display_name(here), option=f"--{name}"), 2)


def register(app: typer.Typer) -> None:
    m = messages_for(app)

    @app.command("train", help=m("train.help"))
    def train_command(
        corpus: Optional[Path] = typer.Option(None, "--corpus", metavar=m("metavar.folder"),
                                              help=m("train.corpus"), show_default=False),
        models: Optional[Path] = typer.Option(None, "--models", metavar=m("metavar.folder"),
                                              help=m("train.models"), show_default=False),
        real: Optional[List[Path]] = typer.Option(None, "--real", metavar=m("metavar.file"),
                                                  help=m("train.real")),
    ) -> None:
        train(corpus, models, real)

    @app.command("evaluate", help=m("evaluate.help"))
    def evaluate_command(
        corpus: Optional[Path] = typer.Option(None, "--corpus", metavar=m("metavar.folder"),
                                              help=m("train.corpus"), show_default=False),
        models: Optional[Path] = typer.Option(None, "--models", metavar=m("metavar.folder"),
                                              help=m("evaluate.models"), show_default=False),
        real: Optional[List[Path]] = typer.Option(None, "--real", metavar=m("metavar.file"),
                                                  help=m("evaluate.real")),
        learning_curve: bool = typer.Option(False, "--learning-curve", help=m("evaluate.learning_curve")),
        own_history: bool = typer.Option(False, "--own-history", help=m("evaluate.own_history")),
    ) -> None:
        evaluate(corpus, models, real, learning_curve, own_history)


def train(corpus: Path | None, models: Path | None, real: list[Path] | None) -> None:
    """Rebuild the models from the corpus and any real rated rows (deterministic: same inputs, same files)."""
    from ambicion.learn.train import train as run

    corpus, models = project_folder(corpus, "corpus"), project_folder(models, "models")
    try:
        report = run(corpus, models, tuple(real or ()))
    except AmbicionError as exc:
        raise fail(error_line(exc))
    say(t("train.done", train=report.n_train, records=report.n_records, test=report.n_test,
          real=report.n_real, models=models))
    for label, w in report.blend.items():
        score = report.oof.get(label)
        threshold = report.thresholds.get(label, "argmax")
        say(t("train.label", label=label, weight=w, threshold=threshold, score=f"{score:.3f}")
            if score is not None else t("train.label_fixed", label=label, weight=w, threshold=threshold))
    for key, problems in (("train.skipped", report.real_problems), ("train.problems", report.problems)):
        if problems:
            say(t(key, count=len(problems)))
            for p in problems[:20]:
                say(f"  {reason_text(p)}")


def evaluate(corpus: Path | None, models: Path | None, real: list[Path] | None, learning_curve: bool = False,
             own_history: bool = False) -> None:
    """Measure the models (real ratings first, then the corpus test split); write MODEL_CARD.md."""
    from ambicion.learn.evaluate import CARD, FIGURE
    from ambicion.learn.evaluate import evaluate as run

    if learning_curve and not real:
        raise fail(t("err.curve_needs_real"), 2)
    if own_history and not real:
        raise fail(t("err.history_needs_real"), 2)
    corpus, models = project_folder(corpus, "corpus"), project_folder(models, "models")
    try:
        result = run(corpus, models, tuple(real or ()), learning_curve, own_history)
    except AmbicionError as exc:
        raise fail(error_line(exc))
    if "real" in result:
        from ambicion.learn.realeval import headline

        for name, tables in result["real"]["systems"].items():
            say(t("evaluate.real_line", name=name, headline=headline(tables["all"])))
        if "curve" in result["real"]:
            from ambicion.learn.realcurve import HEADLINE

            for p in result["real"]["curve"].points:
                figures = "; ".join(f"{name} {v:.2f}" for name, v in zip(HEADLINE, p.values) if v is not None)
                say(t("evaluate.curve_line", share=f"{p.fraction:.0%}", members=f"{p.members:.1f}",
                      figures=figures))
        if "history" in result["real"]:
            from ambicion.learn.realcurve import HEADLINE

            history = result["real"]["history"]
            for name, found in history.systems.items():
                figures = "; ".join(f"{metric} {v:.2f}" for metric, v in zip(HEADLINE, found.values) if v is not None)
                say(t("evaluate.history_line", name=name, members=len(history.members), figures=figures))
    final = result["all"]["final"]
    for label, s in final.items():
        if label == "ambition":
            say(t("evaluate.ambition", f1=f"{s['macro_f1']:.3f}", accuracy=f"{s['accuracy']:.3f}"))
        else:
            say(t("evaluate.label", label=label, p=f"{s.precision:.3f}", r=f"{s.recall:.3f}",
                  f1=f"{s.f1:.3f}", n=s.support))
    say(t("evaluate.wrote", card=models / CARD, figure=models / FIGURE))


def say(line: str) -> None:
    print(line, file=sys.stderr)
