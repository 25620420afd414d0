"""The inputs `evaluate_real` prepares (featurised corpus subset, generated rated rows), built
once for tests of the measurements made over them (learning curve, own history)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def featurised_inputs(folder: Path, rated: list[dict[str, Any]], every: int) -> tuple:
    """(corpus rows, real rows, parsed rows, real features, real rule scores, corpus choices)
    from every `every`-th corpus record and the `rated` rows, written into `folder`."""
    from ambicion.learn.corpus import load_corpus, split
    from ambicion.learn.real import load_real
    from ambicion.learn.train import (CORPUS_LABELS, corpus_choices, corpus_rows, featurise, featurise_texts,
                                      real_langs, real_rows)
    from ambicion.nlp.pipeline import build_pipeline

    lines = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        lines += [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    lines.sort(key=lambda line: json.loads(line)["id"])
    (folder / "corpus").mkdir()
    (folder / "corpus" / "subset.jsonl").write_text("\n".join(lines[::every]) + "\n", encoding="utf-8")
    rated_file = folder / "rated.jsonl"
    rated_file.write_text("\n".join(json.dumps(r) for r in rated) + "\n", encoding="utf-8")
    records, _ = load_corpus(folder / "corpus")
    train_set, _ = split(records)
    rows, problems = load_real([rated_file])
    assert not problems
    pipelines = {lang: build_pipeline(lang) for lang in ("es", "en")}
    feats, scores = featurise(train_set, pipelines)
    corpus = corpus_rows(train_set, feats, scores)
    rfeats, rscores = featurise_texts([r.judged_text for r in rows], real_langs(rows), pipelines)
    real = real_rows(rows, rfeats, rscores)
    return corpus, real, rows, rfeats, rscores, corpus_choices(corpus, CORPUS_LABELS)
