"""`ambicion.read.read_document`: every format as the same blocks."""

from __future__ import annotations

import pytest

from ambicion import InputError
from ambicion.read import Heading, ListItem, Paragraph, TableBlock, read_document


def test_pdf_plan_as_blocks_with_running_lines_apart(template_es_pdf):
    doc = read_document(template_es_pdf)
    assert doc.format == "pdf" and doc.pages > 1
    tables = [b for b in doc.blocks if isinstance(b, TableBlock)]
    assert tables and all(b.page is not None for b in doc.blocks)
    heading_row = tables[0].grid()[0][0]
    assert heading_row.text.startswith("Compromiso") and heading_row.col_span == tables[0].cols
    assert doc.furniture and all("Página" not in getattr(b, "text", "") for b in doc.blocks)
    pages = [b.page for b in doc.blocks]
    assert pages == sorted(pages)  # reading order


def test_markdown_as_blocks(tmp_path):
    path = tmp_path / "borrador.md"
    path.write_text("# Propuestas\n\nTexto de la mesa\nen dos líneas.\n\n1. Primera\n2. Segunda\n\n"
                    "| Campo | Valor |\n|---|---|\n| Entidad responsable | Minsa |\n", encoding="utf-8")
    doc = read_document(path)
    kinds = [type(b) for b in doc.blocks]
    assert kinds == [Heading, Paragraph, ListItem, ListItem, TableBlock]
    assert doc.blocks[1].text == "Texto de la mesa en dos líneas."
    assert [b.numbering for b in doc.blocks if isinstance(b, ListItem)] == ["1.", "2."]
    assert doc.blocks[-1].texts() == [["Campo", "Valor"], ["Entidad responsable", "Minsa"]]


def test_table_files_are_refused_with_one_line(tmp_path):
    path = tmp_path / "tabla.csv"
    path.write_text("id,text\n1,x\n", encoding="utf-8")
    with pytest.raises(InputError, match="tabla.csv: a table file"):
        read_document(path)
