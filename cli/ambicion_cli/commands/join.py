"""`ambicion join PLAN REVIEW -o rated.jsonl`: a plan and its IRM review as rated training rows."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

import ambicion
from ambicion.io import atomic_write, guard_output

from ..common import error_line, fail


def register(app: typer.Typer) -> None:
    app.command("join")(join)


def join(
    plan: Path = typer.Argument(..., help="The action plan (PDF)."),
    review: Path = typer.Argument(..., help="The IRM review of that plan (PDF)."),
    output: Path = typer.Option(..., "-o", "--output", help="JSONL file to write (rated-commitments schema)."),
) -> None:
    """Pair each commitment with its IRM rating and write rows `ambicion train --real` reads.

    Only what the review prints is filled in; labels it does not carry stay null. Commitments
    and ratings that could not be paired are counted on stderr.
    """
    if output.suffix.lower() != ".jsonl":
        raise fail(f"{output}: the output must be a .jsonl file", 2)
    try:
        guard_output(output, [plan, review])
        the_plan = ambicion.read_plan(plan)
        the_review = ambicion.read_review(review)
    except ambicion.AmbicionError as exc:
        raise fail(error_line(exc)) from None
    from ambicion.learn.real import rated_rows

    joined = ambicion.join(the_plan, the_review)
    rows = rated_rows(joined, the_plan, the_review)
    if not rows:
        raise fail(f"{review}: no rating could be paired with a commitment of {plan.name}")
    try:
        with atomic_write(output) as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    except ambicion.AmbicionError as exc:
        raise fail(error_line(exc)) from None
    print(f"{len(rows)} rated commitment(s) -> {output} ({len(joined.unmatched_commitments)} commitment(s) "
          f"and {len(joined.unmatched_ratings)} rating(s) left unpaired)", file=sys.stderr)
