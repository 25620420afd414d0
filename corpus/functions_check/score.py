"""Score the restated-functions flag on this check set.

Run from anywhere: `python corpus/functions_check/score.py [-v] [--card models/MODEL_CARD.md]`.
`-v` lists every miss with the flag's explanation; `--card` rewrites the card's
functions-check section with the figures just measured.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ambicion.learn.functions_check import HELD_OUT, render_section, replace_section, run_check

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    parser.add_argument("--card", type=Path, help="model card whose functions-check section to rewrite")
    args = parser.parse_args(argv)
    result = run_check(HERE)
    held_out = run_check(HERE, name=HELD_OUT)
    section = render_section(result, held_out=held_out)
    print("\n".join(line for line in section if not line.startswith("<!--")))
    if args.verbose:
        for o in result.outcomes + held_out.outcomes:
            wrong = o.flagged != o.row.restates or (o.flagged and o.row.restates and not o.right_function)
            if wrong:
                print(f"\n{o.row.id}: expected {'restates' if o.row.restates else 'beyond'}"
                      f" ({o.row.function}), flagged={o.flagged}, cited={list(o.cited)}\n  {o.detail}")
    if args.card:
        from ambicion.io import atomic_write

        card = args.card.read_text("utf-8")
        with atomic_write(args.card) as fh:
            fh.write(replace_section(card, section))
    return 0


if __name__ == "__main__":
    sys.exit(main())
