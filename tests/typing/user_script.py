"""A user's script using the public API, checked with `mypy --strict` (see test_mypy.py).

Never run by the tests: it only has to type-check. Every public function and the fields a
user reads most are touched, with the types a user would write.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import ambicion
from ambicion import Assessment, Commitment, Evidence, Plan, Review


def screen_plan(path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    plan: Plan = ambicion.read_plan(path, max_pages=200)
    frame = plan.to_dataframe()
    assert len(frame) == len(plan.commitments)
    judged: list[Assessment] = ambicion.assess_many(plan.commitments, batch_size=32)
    return [(a.id, a.ambition, a.value_codes) for a in judged]


def evidence_of(text: str) -> list[tuple[int, int, str]]:
    a = ambicion.assess(text, functions=["Publicar la información de la entidad."], language="es")
    spans: list[Evidence] = [e for v in a.values if v.present for e in v.evidence]
    probability: float = a.ambition_probabilities["substantial"]
    assert 0.0 <= probability <= 1.0
    return [(e.start, e.end, e.text) for e in spans]


def stream(lines: Iterator[str]) -> int:
    count = 0
    for a in ambicion.assess_iter(lines, batch_size=16):
        count += a.open_gov_lens
    return count


def draft(text_or_path: str) -> list[str]:
    found: list[Commitment] = ambicion.read_draft(text_or_path, language="es")
    return [c.title for c in found]


def pair(plan_pdf: str, review_pdf: str) -> list[tuple[str, str | None]]:
    review: Review = ambicion.read_review(review_pdf)
    joined = ambicion.join(ambicion.read_plan(plan_pdf), review)
    return [(p.commitment.id, p.rating.ambition) for p in joined.pairs]


def study(folder: str) -> str:
    result = ambicion.analyze([folder], jobs=2, timeout=60.0, progress=lambda e: print(e.done))
    counts = result.commitments["ambition"].value_counts()
    written: list[Path] = result.write(Path("out"))
    return result.to_html(title=f"{len(written)} files, {counts.sum()} commitments")


def robust(path: str) -> str:
    try:
        return str(len(ambicion.read_plan(path).commitments))
    except FileNotFoundError:
        return "missing"
    except ambicion.InputError as err:
        return err.reason
    except ambicion.ModelError as err:
        return str(err)


if __name__ == "__main__":
    print(ambicion.__version__, screen_plan, evidence_of, stream, draft, pair, study, robust)
