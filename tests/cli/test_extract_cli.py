"""`ambicion extract` end to end: formats by extension, per-file failures, input guard."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

from ambicion.frames import COMMITMENT_COLUMNS
from ambicion_cli.main import app

pytest.importorskip("fpdf")

runner = CliRunner()


@pytest.fixture()
def inputs(tmp_path, template_es_pdf, template_en_pdf):
    es = shutil.copy(template_es_pdf, tmp_path / "plan_es.pdf")
    en = shutil.copy(template_en_pdf, tmp_path / "plan_en.pdf")
    broken = tmp_path / "roto.pdf"
    broken.write_text("no soy un PDF", encoding="utf-8")
    return {"es": es, "en": en, "broken": broken, "dir": tmp_path}


def test_jsonl_output(inputs):
    out = inputs["dir"] / "out.jsonl"
    result = runner.invoke(app, ["extract", str(inputs["es"]), str(inputs["en"]), "--kind", "plan",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 5 + 3
    assert list(rows[0]) == list(COMMITMENT_COLUMNS)
    assert rows[0]["id"] == "plan_es#1" and rows[-1]["id"] == "plan_en#3"
    assert rows[3]["title"].startswith("Reglamento de participación ciudadana")
    assert json.loads(rows[0]["milestones"])[0]["start"] == "Enero 2024"


def test_csv_has_a_bom_for_excel(inputs):
    out = inputs["dir"] / "out.csv"
    result = runner.invoke(app, ["extract", str(inputs["es"]), "--kind", "plan", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbfsource,")
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert len(frame) == 5 and frame["country"].iloc[0] == "Perú"


def test_parquet_output(inputs):
    out = inputs["dir"] / "out.parquet"
    result = runner.invoke(app, ["extract", str(inputs["en"]), "--kind", "plan", "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_parquet(out)
    assert list(frame["number"]) == ["1", "2", "3"] and set(frame["language"]) == {"en"}


def test_auto_kind_reads_plans(inputs):
    out = inputs["dir"] / "auto.jsonl"
    result = runner.invoke(app, ["extract", str(inputs["es"]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5


def test_a_failing_file_is_reported_and_the_others_still_written(inputs):
    out = inputs["dir"] / "mixed.jsonl"
    result = runner.invoke(app, ["extract", str(inputs["es"]), str(inputs["broken"]), str(inputs["en"]),
                                 "--kind", "plan", "-o", str(out)])
    assert result.exit_code == 1
    assert len(out.read_text(encoding="utf-8").splitlines()) == 8
    failure_lines = [line for line in result.output.splitlines() if "roto.pdf" in line]
    assert len(failure_lines) == 1
    assert "not a PDF" in failure_lines[0]
    assert "Traceback" not in result.output


def test_stdout_when_no_output_is_given(inputs):
    result = runner.invoke(app, ["extract", str(inputs["en"]), "--kind", "plan"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["number"] for r in rows] == ["1", "2", "3"]


def test_refuses_to_write_over_an_input(inputs):
    before = inputs["es"].read_bytes()
    renamed = inputs["dir"] / "plan_es.jsonl"
    shutil.copy(inputs["es"], renamed)
    result = runner.invoke(app, ["extract", str(renamed), "--kind", "plan", "-o", str(renamed)])
    assert result.exit_code == 2
    assert "refusing to write the output over one of the input files" in result.output
    assert renamed.read_bytes() == before


def test_bad_options(inputs):
    result = runner.invoke(app, ["extract", str(inputs["es"]), "-o", str(inputs["dir"] / "x.txt")])
    assert result.exit_code == 2 and "unknown output format" in result.output
    result = runner.invoke(app, ["extract", str(inputs["es"]), "--kind", "otro"])
    assert result.exit_code == 2


def test_timeout_reads_in_a_worker_and_keeps_the_kind(inputs):
    out = inputs["dir"] / "bounded.jsonl"
    result = runner.invoke(app, ["extract", str(inputs["en"]), str(inputs["broken"]), "--kind", "plan",
                                 "--timeout", "120", "-o", str(out)])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["plan_en#1", "plan_en#2", "plan_en#3"]
    assert any("roto.pdf" in line and "not a PDF" in line for line in result.output.splitlines())


@pytest.mark.parametrize("given, expected", [((), "default"), (("--timeout", "0"), None),
                                             (("--timeout", "30"), 30.0)])
def test_extract_has_a_default_timeout_like_batch(inputs, monkeypatch, given, expected):
    """A hostile file must not hang `extract` either: the batch's bound applies unless 0."""
    import ambicion
    from ambicion.limits import limits

    seen = {}
    real = ambicion.extract_files

    def spy(files, **kwargs):
        seen["timeout"] = kwargs.get("timeout")
        return real(files, **{**kwargs, "timeout": None})  # read in-process: quick

    monkeypatch.setattr(ambicion, "extract_files", spy)
    out = inputs["dir"] / "t.jsonl"
    result = runner.invoke(app, ["extract", str(inputs["es"]), "--kind", "plan", "-o", str(out), *given])
    assert result.exit_code == 0, result.output
    assert seen["timeout"] == (limits().batch_timeout_seconds if expected == "default" else expected)
