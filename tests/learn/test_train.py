"""Training is deterministic, and evaluation writes an honest model card (on a corpus subset)."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import pytest

from ambicion.judge.api import Judge
from ambicion.learn.evaluate import CARD, FIGURE, evaluate
from ambicion.learn.train import train

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    """Every fourth record of the real corpus: small enough to train in seconds."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        lines += [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    lines.sort(key=lambda line: json.loads(line)["id"])
    (folder / "subset.jsonl").write_text("\n".join(lines[::4]) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def trained_twice(small_corpus, tmp_path_factory):
    a = tmp_path_factory.mktemp("models_a")
    b = tmp_path_factory.mktemp("models_b")
    train(small_corpus, a)
    train(small_corpus, b)
    return a, b


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_same_corpus_gives_byte_identical_models(trained_twice):
    a, b = trained_twice
    assert _files(a) == _files(b)
    assert "judge.skops" in _files(a) and "nlp_es/config.cfg" in _files(a)
    _, mismatch, errors = filecmp.cmpfiles(a, b, _files(a), shallow=False)
    assert not mismatch and not errors


def test_metadata_records_the_corpus_and_choices(trained_twice, small_corpus):
    meta = json.loads((trained_twice[0] / "judge.json").read_text("utf-8"))
    assert len(meta["corpus_sha256"]) == 64
    assert set(meta["blend"]) == set(meta["labels"])
    assert all(0.0 <= w <= 1.0 for w in meta["blend"].values())


def test_trained_models_judge(trained_twice):
    judge = Judge(trained_twice[0])
    a = judge.assess_many(["El Ministerio publicará los contratos en datos abiertos."])[0]
    assert "access_to_information" in a.value_codes


def test_evaluate_writes_card_and_figure(trained_twice, small_corpus):
    model_dir = trained_twice[0]
    result = evaluate(small_corpus, model_dir)
    card = (model_dir / CARD).read_text("utf-8")
    assert (model_dir / FIGURE).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for needle in ("majority F1", "rules only F1", "Per language", "calibration.png", "Limitations",
                   "## Speed", "| rules only |", "commitments per second"):
        assert needle in card
    speed = result["speed"]
    assert speed.n == result["all"]["final"]["ambition"]["support"] and speed.rounds >= 3
    assert speed.shipped.low <= speed.shipped.per_s <= speed.shipped.high
    assert speed.rules.low <= speed.rules.per_s <= speed.rules.high and speed.ratio > 0
    assert "No real rated commitments were given" in card  # nothing is claimed about real data
    final = result["all"]["final"]
    assert 0.0 <= final["access_to_information"].f1 <= 1.0
    assert result["all"]["majority"]["civic_participation"].f1 == 0.0


def test_out_of_corpus_check_set_is_scored_but_not_trained_on(trained_twice, small_corpus, tmp_path):
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(small_corpus, corpus)
    check = corpus / "check"
    check.mkdir()
    lines = (small_corpus / "subset.jsonl").read_text("utf-8").splitlines()[:12]
    (check / "realistic.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    model_dir = tmp_path / "models"
    shutil.copytree(trained_twice[0], model_dir)
    result = evaluate(corpus, model_dir)
    card = (model_dir / CARD).read_text("utf-8")
    assert "## Out-of-corpus check set" in card and "12 commitments" in card
    assert result["check"]["all"]["final"]["ambition"]["support"] == 12
    meta = json.loads((model_dir / "judge.json").read_text("utf-8"))
    subset = [l for l in (small_corpus / "subset.jsonl").read_text("utf-8").splitlines() if l.strip()]
    assert meta["n_records"] == len(subset)  # training read the corpus files, never check/
