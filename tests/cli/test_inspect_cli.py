"""`ambicion inspect`: the reader's view of a page, drawn for PDFs and listed for any document."""

from __future__ import annotations

from typer.testing import CliRunner

from ambicion.testing import write_draft_docx
from ambicion.testing.samples import COMMITMENTS_ES
from ambicion_cli.main import app

runner = CliRunner()


def test_pdf_page_is_drawn_and_listed(template_es_pdf, tmp_path):
    out = tmp_path / "pagina.png"
    result = runner.invoke(app, ["inspect", str(template_es_pdf), "--page", "2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    listing = result.stdout
    assert listing.startswith("== page 2")
    assert "[start -> " in listing and "[label -> institutions]" in listing
    assert "[value -> institutions]" in listing
    assert "[furniture]" in listing  # the running header, set apart


def test_word_draft_is_listed_not_drawn(tmp_path):
    path = write_draft_docx(tmp_path / "foro.docx", COMMITMENTS_ES[:2])
    result = runner.invoke(app, ["inspect", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("== document")
    assert result.stdout.count("[start -> table_title_row]") == 2
    drawn = runner.invoke(app, ["inspect", str(path), "-o", str(tmp_path / "x.png")])
    assert drawn.exit_code == 2 and "only PDF pages can be drawn" in drawn.stderr
    assert not (tmp_path / "x.png").exists()


def test_bad_page_and_bad_file_give_one_line(template_es_pdf, tmp_path):
    result = runner.invoke(app, ["inspect", str(template_es_pdf), "--page", "99"])
    assert result.exit_code == 1 and "page 99 does not exist" in result.stderr
    assert "Traceback" not in result.output
    missing = runner.invoke(app, ["inspect", str(tmp_path / "nada.pdf")])
    assert missing.exit_code == 1 and "nada.pdf" in missing.stderr
