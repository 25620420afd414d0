"""`ambicion join` turns a generated plan and its review into rated rows that `train --real` learns from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ambicion_cli.main import app

runner = CliRunner()
CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def rated(tmp_path_factory):
    from ambicion.testing.studies import REVIEW_2020, write_study_files

    folder = tmp_path_factory.mktemp("study")
    paths = write_study_files(folder)
    out = folder / "rated.jsonl"
    result = runner.invoke(app, ["join", str(paths["2020"]), str(paths["review"]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, REVIEW_2020


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    lines = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        lines += [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    lines.sort(key=lambda line: json.loads(line)["id"])
    (folder / "subset.jsonl").write_text("\n".join(lines[::5]) + "\n", encoding="utf-8")
    return folder


def test_join_writes_the_rated_schema_with_only_what_the_review_shows(rated):
    out, known = rated
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(rows) == len(known)
    for k, r in zip(sorted(known, key=lambda k: k.number), rows):  # rows follow the plan's order
        assert r["irm_relevant"] is k.open_gov_lens
        assert r["potential_for_results"] == k.potential_results
        assert r["verifiable"] is k.verifiable
        assert r["irm_values"] is None and r["ogp_ambition"] is None and r["potential_impact"] is None
        assert r["text"].strip() and r["text_source"] == "plan" and r["country"]


def test_join_refuses_to_write_over_an_input(rated, tmp_path):
    from ambicion.testing.studies import write_study_files

    paths = write_study_files(tmp_path)
    result = runner.invoke(app, ["join", str(paths["2020"]), str(paths["review"]), "-o", str(paths["2020"])])
    assert result.exit_code != 0
    assert paths["2020"].read_bytes()[:4] == b"%PDF"


def test_train_real_learns_from_joined_rows_reproducibly(rated, tiny_corpus, tmp_path):
    out, known = rated
    dirs = []
    for name in ("a", "b"):
        models = tmp_path / name
        result = runner.invoke(app, ["train", "--corpus", str(tiny_corpus), "--models", str(models),
                                     "--real", str(out)])
        assert result.exit_code == 0, result.output
        dirs.append(models)
    meta = json.loads((dirs[0] / "judge.json").read_text("utf-8"))
    real = meta["real_data"]
    assert real["files"] == [out.name] and real["n_rows"] == len(known)
    assert real["labelled"]["open_gov_lens"] == len(known)
    assert real["labelled"]["access_to_information"] == 0  # the review shows no per-value tags
    assert {"open_gov_lens", "substantial"} <= set(meta["labels"])
    assert (dirs[0] / "judge.skops").read_bytes() == (dirs[1] / "judge.skops").read_bytes()
    assert (dirs[0] / "judge.json").read_bytes() == (dirs[1] / "judge.json").read_bytes()
    from ambicion.judge.api import Judge

    a = Judge(dirs[0]).assess_many(["El Ministerio publicará los contratos en datos abiertos."])[0]
    assert "substantial" in a.ambition_probabilities


def test_train_real_bad_file_is_one_line(tiny_corpus, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{nope\n", encoding="utf-8")
    result = runner.invoke(app, ["train", "--corpus", str(tiny_corpus), "--models", str(tmp_path / "m"),
                                 "--real", str(bad)])
    assert result.exit_code == 1
    assert "bad.jsonl" in result.output and "Traceback" not in result.output
