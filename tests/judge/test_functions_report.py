"""The restated function reaches the people: forum report, screening records and the CLI cite it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ambicion.report.forum import render_feedback
from ambicion.screening import render_records
from ambicion_cli.main import app

FUNCTIONS = """Reglamento de Organización y Funciones de la Agencia de Semillas
Artículo 8.- Son funciones de la Dirección de Registro:
a) Llevar el registro nacional de variedades de semillas certificadas y publicarlo en el portal institucional.
b) Inspeccionar los campos de producción de semillas y sancionar a los productores que incumplan las normas.
"""
RESTATES = ("Registro de semillas. La Agencia mantendrá el registro nacional de las variedades de semillas "
            "certificadas y lo publicará en su portal.")
BEYOND = ("Registro de semillas abierto. La Agencia publicará el registro nacional de variedades de semillas "
          "certificadas en datos abiertos y aprobará una directiva que obligue a los productores a declarar "
          "el origen de cada lote.")


def test_forum_report_shows_the_function_its_article_and_the_phrase(assess):
    a = assess(RESTATES, functions=FUNCTIONS)
    md = render_feedback([a], "md", lang="es").decode()
    assert "ROF, art. 8, lit. a" in md
    assert "Llevar el registro nacional de variedades" in md
    assert "cubre «La Agencia mantendrá el registro nacional" in md
    html = render_feedback([a], "html", lang="es").decode()
    assert "ROF, art. 8, lit. a" in html


def test_screening_records_carry_the_citations(assess):
    rows = [("propuesta.txt", assess(RESTATES, functions=FUNCTIONS)), ("otra.txt", assess(BEYOND, functions=FUNCTIONS))]
    records = [json.loads(line) for line in render_records(rows, "jsonl").splitlines()]
    assert records[0]["restated_functions"][0]["reference"] == "ROF, art. 8, lit. a"
    assert records[1]["restated_functions"] == [] and records[1]["goes_beyond"]
    csv_text = render_records(rows, "csv")
    assert "ROF, art. 8, lit. a: La Agencia mantendrá" in csv_text


def test_cli_takes_several_function_files(tmp_path):
    rof = tmp_path / "rof.txt"
    rof.write_text(FUNCTIONS, encoding="utf-8")
    other = tmp_path / "lof.txt"
    other.write_text("Ley de Organización y Funciones\nArtículo 2. Funciones\n"
                     "a) Promover la investigación agraria en semillas nativas y su conservación.\n", encoding="utf-8")
    draft = tmp_path / "propuesta.txt"
    draft.write_text(RESTATES, encoding="utf-8")
    result = CliRunner().invoke(app, ["screen", str(draft), "--functions", str(rof), "--functions", str(other),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)[0]
    assert "restates_functions" in row["flags"]
    assert row["restated_functions"][0]["reference"] == "ROF, art. 8, lit. a"


def test_cli_refuses_an_empty_functions_file_in_one_line(tmp_path):
    empty = tmp_path / "rof.txt"
    empty.write_text("TÍTULO I\n", encoding="utf-8")
    draft = tmp_path / "propuesta.txt"
    draft.write_text(RESTATES, encoding="utf-8")
    result = CliRunner().invoke(app, ["screen", str(draft), "--functions", str(empty)])
    assert result.exit_code == 2
    assert "rof.txt" in result.output and "no function items" in result.output
    assert "Traceback" not in result.output
