"""Dump every assessment the judge makes of a set of inputs, one JSON line each, so that two
versions of the code can be compared byte for byte (`diff -r OLD NEW`).

    python benchmarks/judge_identity.py OUT                       # the benchmark mix and the examples
    python benchmarks/judge_identity.py OUT --texts more.jsonl    # also texts read from a JSON-lines file

Why: a change made for speed must not change a single verdict, probability, reason or piece
of evidence. The benchmark's commitments (inputs/<size>/commitments.json, written by
`run.py`) are judged with and without the bundled example functions, and in small batches;
the bundled examples go through `ambicion screen --format jsonl`. Run it with the old code
and the new one (the same models) into two folders and diff them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"


def _write(path: Path, assessments) -> int:
    with open(path, "w", encoding="utf-8") as fh:
        for a in assessments:
            fh.write(json.dumps(a.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return len(assessments)


def _commitments(path: Path) -> list:
    from ambicion.model import Commitment

    return [Commitment.from_dict(d) for v in json.loads(path.read_text("utf-8")).values() for d in v]


def dump(out: Path, commitments: Path | None, texts: list[Path]) -> dict[str, int]:
    import ambicion

    out.mkdir(parents=True, exist_ok=True)
    functions = EXAMPLES / "funciones_rof.txt"
    counts: dict[str, int] = {}
    if commitments is not None and commitments.exists():
        mix = _commitments(commitments)
        counts["mix"] = _write(out / "mix.jsonl", ambicion.assess_many(mix))
        counts["mix_functions"] = _write(out / "mix_functions.jsonl",
                                         ambicion.assess_many(mix, functions=functions))
        counts["mix_batches_of_7"] = _write(out / "mix_batches_of_7.jsonl",
                                            ambicion.assess_many(mix[:70], batch_size=7))
    for path in texts:
        items = [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line.strip()]
        counts[path.stem] = _write(out / f"texts_{path.stem}.jsonl", ambicion.assess_many(items))
        counts[path.stem + "_functions"] = _write(out / f"texts_{path.stem}_functions.jsonl",
                                                  ambicion.assess_many(items, functions=functions))
    for example in ("borrador.docx", "borrador.txt", "plan_de_accion_muestra.pdf"):
        for extra, tag in (([], ""), (["--functions", str(functions)], "_functions")):
            target = out / f"screen_{example}{tag}.jsonl"
            subprocess.run([sys.executable, "-m", "ambicion_cli.main", "screen", str(EXAMPLES / example),
                            "--format", "jsonl", "-o", str(target), *extra], check=True, capture_output=True)
            counts[target.stem] = sum(1 for _ in open(target, encoding="utf-8"))
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="folder to write the JSON-lines files into")
    ap.add_argument("--commitments", type=Path, default=HERE / "inputs" / "full" / "commitments.json",
                    help="the benchmark's collected commitments (run.py writes them)")
    ap.add_argument("--texts", type=Path, action="append", default=[],
                    help="a JSON-lines file whose records have a 'text' field (repeatable)")
    args = ap.parse_args(argv)
    for name, n in dump(args.out, args.commitments, args.texts).items():
        print(f"{name}: {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
