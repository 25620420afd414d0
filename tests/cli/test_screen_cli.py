"""`ambicion screen` end to end: stdin, tables with verbatim ids, formats, functions, failures."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from ambicion_cli.main import app

runner = CliRunner()

DRAFT_ES = ("El Ministerio publicará los contratos de obras en datos abiertos y responderá por escrito "
            "a las denuncias ciudadanas en 15 días. Hito 1: datos publicados (junio 2025).")
DRAFT_EN = "Digitise the payroll system of the Ministry for internal use by staff only."


@pytest.fixture()
def table_csv(tmp_path):
    path = tmp_path / "propuestas.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "title", "text"])
        w.writerow(["007", "Contratos abiertos", DRAFT_ES])
        w.writerow(["A-12/b", "Payroll", DRAFT_EN])
    return path


def test_stdin_json(tmp_path):
    result = runner.invoke(app, ["screen", "-", "--format", "json"], input=DRAFT_ES)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 1
    row = rows[0]
    for key in ("id", "title", "values", "open_gov_lens", "ambition", "flags", "scores", "evidence",
                "suggestions"):
        assert key in row
    assert "access_to_information" in row["values"]
    ev = row["evidence"]["access_to_information"][0]
    assert row["text"][ev["start"]:ev["end"]] == ev["text"]


def test_table_ids_are_kept_verbatim_jsonl(table_csv, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["screen", str(table_csv), "--format", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["007", "A-12/b"]
    assert rows[0]["title"] == "Contratos abiertos"
    assert rows[1]["values"] == [] and "e_government" in rows[1]["flags"]
    assert rows[1]["language"] == "en"


def test_csv_output(table_csv, tmp_path):
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["screen", str(table_csv), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["id"] == "007"
    assert "access_to_information" in rows[0]["values"].split(";")
    assert float(rows[0]["p_access_to_information"]) > 0.5


def test_table_format_shows_evidence(table_csv):
    result = runner.invoke(app, ["screen", str(table_csv)])
    assert result.exit_code == 0, result.output
    assert "007" in result.stdout and "A-12/b" in result.stdout
    assert "datos abiertos" in result.stdout
    assert "Acceso a la información" in result.stdout


def test_plain_text_draft_file_with_lang(tmp_path):
    draft = tmp_path / "borrador.txt"
    draft.write_text(DRAFT_EN, encoding="utf-8")
    result = runner.invoke(app, ["screen", str(draft), "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[0]["language"] == "en" and rows[0]["id"]


def test_functions_option(tmp_path):
    rof = tmp_path / "rof.txt"
    rof.write_text("a) Elaborar y publicar el boletín institucional mensual con las actividades.\n"
                   "b) Organizar las conferencias de prensa del despacho ministerial.\n", encoding="utf-8")
    text = "Seguir elaborando y publicando el boletín institucional mensual con las actividades."
    result = runner.invoke(app, ["screen", "-", "--format", "json", "--functions", str(rof)], input=text)
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)[0]
    assert row["matched_function"].startswith("Elaborar y publicar el boletín")
    assert row["function_similarity"] > 0.5


def test_one_bad_file_does_not_stop_the_others(table_csv, tmp_path):
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["screen", str(tmp_path / "missing.txt"), str(table_csv),
                                 "--format", "json", "-o", str(out)])
    assert result.exit_code == 1
    assert len(json.loads(out.read_text("utf-8"))) == 2
    assert "missing.txt" in result.stderr


def test_refuses_to_overwrite_the_input(table_csv):
    result = runner.invoke(app, ["screen", str(table_csv), "--format", "csv", "-o", str(table_csv)])
    assert result.exit_code != 0
    assert "id,title,text" in table_csv.read_text("utf-8")


@pytest.mark.parametrize("fmt", ["md", "html", "xlsx"])
def test_forum_report_formats(table_csv, tmp_path, fmt):
    out = tmp_path / f"informe.{fmt}"
    result = runner.invoke(app, ["screen", str(table_csv), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0


def test_bad_options():
    assert runner.invoke(app, ["screen", "-", "--format", "pdf"], input="x").exit_code == 2
    assert runner.invoke(app, ["screen", "-", "--lang", "fr"], input="x").exit_code == 2
    assert runner.invoke(app, ["screen", "-", "--format", "md"], input="x").exit_code == 2


def test_plan_pdf_gets_generated_ids(template_es_pdf, tmp_path):
    pytest.importorskip("fpdf")
    result = runner.invoke(app, ["screen", str(template_es_pdf), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) >= 3
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(r["ambition"] in ("unclear", "modest", "substantial") for r in rows)
