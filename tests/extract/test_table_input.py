"""Commitment tables for screening: .csv / .tsv / .jsonl with id and text columns."""

from __future__ import annotations

import json

import pytest

from ambicion import InputError
from ambicion.extract.table import read_commitment_table


def test_csv_with_bom_keeps_ids_verbatim(tmp_path):
    path = tmp_path / "compromisos.csv"
    path.write_bytes("\ufeffid,title,text\n007,Datos,\"El ministerio publicará los datos, cada mes.\"\n"
                     "A-2,,Otro texto del compromiso\n".encode("utf-8"))
    rows = read_commitment_table(path)
    assert [r.id for r in rows] == ["007", "A-2"]
    assert rows[0].title == "Datos" and rows[1].title == ""
    assert rows[0].description == "El ministerio publicará los datos, cada mes."
    assert rows[0].text == "Datos\nEl ministerio publicará los datos, cada mes."
    assert rows[0].language == "es" and rows[0].provenance.source == str(path)


def test_semicolon_csv_and_tsv(tmp_path):
    semi = tmp_path / "a.csv"
    semi.write_text("id;text\n1;The agency will publish the data\n", encoding="utf-8")
    [row] = read_commitment_table(semi)
    assert (row.id, row.language) == ("1", "en")
    tsv = tmp_path / "b.tsv"
    tsv.write_text("ID\tText\tlanguage\nx\tPortal web\tes\n", encoding="utf-8")
    [row] = read_commitment_table(tsv)
    assert (row.id, row.description, row.language) == ("x", "Portal web", "es")


def test_jsonl_ids_become_text(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in [
        {"id": 12, "text": "Publicar el presupuesto", "title": "Presupuesto"},
        {"id": "12b", "text": "Crear un canal de denuncias"}]) + "\n", encoding="utf-8")
    rows = read_commitment_table(path)
    assert [r.id for r in rows] == ["12", "12b"]
    assert rows[0].title == "Presupuesto"


@pytest.mark.parametrize("content, reason", [
    ("ident,texto\n1,a\n", "missing column(s) id, text (found: ident, texto)"),
    ("id,title\n1,a\n", "missing column(s) text"),
    ("id,text\n1,\n", "row 2 (id 1) has an empty text"),
    ("id,text\n1,a\n1,b\n", "row 3 repeats id '1' (rows 2 and 3)"),
    ("", "empty table file"),
])
def test_bad_tables_give_one_clear_line(tmp_path, content, reason):
    path = tmp_path / "t.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_commitment_table(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ") and reason in message and "\n" not in message


def test_bad_jsonl_line(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text('{"id": 1, "text": "a"}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2 is not valid JSON"):
        read_commitment_table(path)


def test_unknown_suffix_and_missing_file(tmp_path):
    with pytest.raises(InputError, match="unknown table format"):
        (tmp_path / "t.xls").write_text("x")
        read_commitment_table(tmp_path / "t.xls")
    with pytest.raises(InputError, match="file not found"):
        read_commitment_table(tmp_path / "nope.csv")
