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


def _synthetic_rated(path: Path) -> None:
    """Rated rows written for the test: three invented members, labels that follow the text."""
    good = ["El ministerio publicará en datos abiertos los contratos y responderá por escrito a cada "
            "consulta ciudadana en un plazo de diez días.",
            "The ministry will publish contracts as open data and answer each public comment in writing "
            "within ten days."]
    weak = ["La oficina digitalizará su archivo interno y comprará servidores nuevos.",
            "The office will digitise its internal archive and buy new servers."]
    rows = []
    for c, country in enumerate(("Arcadia", "Borduria", "Cascadia")):
        for k in range(8):
            lang = k % 2
            open_gov = k % 4 != 3
            rows.append({"id": f"{country[:2].upper()}{k:03d}", "country": country, "plan": "2019-2021",
                         "title": f"Compromiso {k}", "text": (good if open_gov else weak)[lang],
                         "text_source": "plan", "language": ("es", "en")[lang],
                         "irm_values": ["access_to_information"] if open_gov and c else ([] if c else None),
                         "irm_relevant": open_gov, "ogp_ambition": "high" if open_gov and k % 2 else "low"})
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def test_evaluate_real_reports_cross_validated_figures_with_intervals(tiny_corpus, tmp_path):
    from ambicion.learn.realeval import evaluate_real, headline, render

    rated = tmp_path / "rated.jsonl"
    _synthetic_rated(rated)
    result = evaluate_real(tiny_corpus, None, [rated], n_boot=50)
    assert set(result["systems"]) == {"cross-validated", "corpus only", "rules only", "majority"}
    cv = result["systems"]["cross-validated"]
    assert {"all", "language es", "language en", "text plan"} <= set(cv)
    lens = cv["all"]["open_gov_lens"]
    assert lens.n == 24 and lens.positives == 18
    assert cv["all"]["access_to_information"].n == 16  # the member without per-value tags is not scored
    assert result["systems"]["majority"]["all"]["open_gov_lens"].balanced_accuracy == 0.5
    lines = "\n".join(render(result))
    assert "Cross-validated" in lines and "Where the judge is weak" in lines and "rated.jsonl" in lines
    assert str(tmp_path) not in lines  # names the file, never its path
    assert "lens balanced accuracy" in headline(cv["all"])
    # the card's speed paragraph says what the trained heads buy over the rules on these rows
    from ambicion.learn.speed import PathSpeed, SpeedReport, render_speed

    report = SpeedReport(10, 120.0, 3, 2, (1.0, 1.0, 1.0), PathSpeed("shipped", 300.0, 280.0, 310.0),
                         PathSpeed("rules", 320.0, 300.0, 330.0), 0.94)
    speed = "\n".join(render_speed(report, result))
    lens_cv = cv["all"]["open_gov_lens"].balanced_accuracy
    lens_rules = result["systems"]["rules only"]["all"]["open_gov_lens"].balanced_accuracy
    assert f"lens balanced accuracy {lens_cv:.2f} with the real-data recipe" in speed
    assert f"{lens_rules:.2f} with the rules alone" in speed
    assert "| shipped (rules, trained heads, blend) | 300 (280–310) |" in speed
    assert "about 6% of the shipped judge's time" in speed


def test_evaluate_real_needs_two_members(tiny_corpus, tmp_path):
    from ambicion.errors import InputError
    from ambicion.learn.realeval import evaluate_real

    rated = tmp_path / "one.jsonl"
    rated.write_text(json.dumps({"id": "A1", "country": "Arcadia", "text": "Publicar datos.",
                                 "irm_relevant": True}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="two members"):
        evaluate_real(tiny_corpus, None, [rated], n_boot=10)
