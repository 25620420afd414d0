"""`ambicion join PLAN REVIEW -o rated.jsonl`: a plan and its IRM review as rated training rows."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

import ambicion
from ambicion.errors import display_name
from ambicion.io import atomic_write, guard_output

from ..common import error_line, fail, messages_for, t


def register(app: typer.Typer) -> None:
    m = messages_for(app)

    @app.command("join", help=m("join.help"))
    def join_command(
        plan: Path = typer.Argument(..., metavar=m("metavar.plan"), help=m("join.plan"), show_default=False),
        review: Path = typer.Argument(..., metavar=m("metavar.review"), help=m("join.review"),
                                      show_default=False),
        output: Path = typer.Option(..., "-o", "--output", metavar=m("metavar.file"), help=m("join.output")),
    ) -> None:
        join(plan, review, output)


def join(plan: Path, review: Path, output: Path) -> None:
    """Pair each commitment with its IRM rating and write rows `ambicion train --real` reads."""
    if output.suffix.lower() != ".jsonl":
        raise fail(t("err.join_jsonl", path=display_name(output)), 2)
    try:
        guard_output(output, [plan, review])
        the_plan = ambicion.read_plan(plan)
        the_review = ambicion.read_review(review)
        joined = ambicion.join(the_plan, the_review)  # refuses another member's or period's review
    except ambicion.AmbicionError as exc:
        raise fail(error_line(exc)) from None
    from ambicion.learn.real import rated_rows

    rows = rated_rows(joined, the_plan, the_review)
    if not rows:
        raise fail(t("err.join_unpaired", review=display_name(review), plan=display_name(plan.name)))
    try:
        with atomic_write(output) as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    except ambicion.AmbicionError as exc:
        raise fail(error_line(exc)) from None
    print(t("join.done", rows=t("count.rated", count=len(rows)), output=output,
            commitments=t("count.unpaired_commitments", count=len(joined.unmatched_commitments)),
            ratings=t("count.unpaired_ratings", count=len(joined.unmatched_ratings))), file=sys.stderr)
