"""Each kind of unreadable input gets one line naming the file and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

import ambicion
from ambicion import InputError, NoCommitmentsError

fpdf = pytest.importorskip("fpdf")


def _one_line(err: pytest.ExceptionInfo, path: Path) -> str:
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message[len(str(path)) + 2:]


def _text_pdf(path: Path, text: str, pages: int = 1, **encryption) -> Path:
    pdf = fpdf.FPDF()
    pdf.set_font("helvetica", size=12)
    for _ in range(pages):
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 8, text)
    if encryption:
        pdf.set_encryption(**encryption)
    pdf.output(str(path))
    return path


def test_not_a_pdf(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_text("Esto es texto, no un PDF.", encoding="utf-8")
    with pytest.raises(InputError) as err:
        ambicion.read_plan(path)
    assert _one_line(err, path).startswith("not a PDF file")


def test_missing_file(tmp_path):
    path = tmp_path / "nada.pdf"
    with pytest.raises(InputError) as err:
        ambicion.read_plan(path)
    assert _one_line(err, path) == "file not found"


def test_truncated_pdf(tmp_path, template_es_pdf):
    path = tmp_path / "cortado.pdf"
    data = template_es_pdf.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError) as err:
        ambicion.read_plan(path)
    assert "damaged or truncated" in _one_line(err, path)


def test_corrupted_pdf(tmp_path, template_es_pdf):
    path = tmp_path / "danado.pdf"
    data = template_es_pdf.read_bytes()
    n = len(data)
    path.write_bytes(data[: n // 4] + b"\x00" * (n // 2) + data[3 * n // 4:])
    with pytest.raises(InputError) as err:
        ambicion.read_plan(path)
    reason = _one_line(err, path)
    assert "damaged" in reason


def test_garbage_after_the_signature(tmp_path):
    path = tmp_path / "basura.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(InputError) as err:
        ambicion.read_plan(path)
    assert "not a readable PDF" in _one_line(err, path)


def test_password_protected_pdf(tmp_path):
    path = _text_pdf(tmp_path / "clave.pdf", "Compromiso 1: Datos abiertos", owner_password="o",
                     user_password="u")
    with pytest.raises(InputError) as err:
        ambicion.read_plan(path)
    assert "password-protected" in _one_line(err, path)


def test_scanned_pdf_suggests_ocr(tmp_path):
    from PIL import Image

    image = tmp_path / "pagina.png"
    Image.new("L", (400, 560), 230).save(image)
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=180)
    path = tmp_path / "escaneado.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError) as err:
        ambicion.read_plan(path)
    reason = _one_line(err, path)
    assert "no text layer" in reason and "ocrmypdf" in reason


def test_blank_pages(tmp_path):
    path = _text_pdf(tmp_path / "blanco.pdf", "", pages=3)
    with pytest.raises(InputError) as err:
        ambicion.read_plan(path)
    assert _one_line(err, path) == "the PDF is empty: its pages hold no text"


def test_no_commitment_found(tmp_path):
    path = _text_pdf(tmp_path / "informe.pdf", "Informe anual de actividades. Describe reuniones y talleres.")
    with pytest.raises(NoCommitmentsError) as err:
        ambicion.read_plan(path)
    assert _one_line(err, path).startswith("no commitments found")


def test_draft_reader_refuses_the_same_files(tmp_path):
    path = _text_pdf(tmp_path / "blanco.pdf", "", pages=1)
    with pytest.raises(InputError, match="empty"):
        ambicion.read_draft(path)
