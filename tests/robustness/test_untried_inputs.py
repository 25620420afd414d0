"""Hostile inputs of kinds the rest of the suite does not try, each generated here.

Page geometry and page trees a real reader shrugs at, active content that must stay inert,
Word packages broken inside or declaring entities, files renamed from other formats, names
that are not UTF-8, repeated columns, extreme option values, folders that cannot be walked,
files that change between listing and reading, rated rows of the wrong type, a review of
another member's plan, and concurrent or interrupted runs. The promise checked is the
README's: one line naming the file and the reason, or a valid result; never a traceback.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ambicion
from ambicion.errors import InputError
from ambicion.extract.draft import read_draft
from ambicion.i18n import untranslated

from .broken import FONT, _page_objects, assemble, text_page
from .hostile import counted

runner = CliRunner()
LINES = ["Compromiso 1: Publicar los contratos de obras en datos abiertos",
         "El ministerio publicara todos los contratos de obra publica en formato abierto cada mes.",
         "Compromiso 2: Crear un mecanismo de consulta ciudadana vinculante",
         "Se aprobara un reglamento que obliga a responder por escrito a cada aporte ciudadano."]
GOOD = "El ministerio publicará los contratos de obras en datos abiertos cada mes y responderá consultas."


def _cli(*args: str, **kwargs):
    from ambicion_cli.main import app

    return runner.invoke(app, list(args), **kwargs)


def _run(*args: str, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ambicion", *args], capture_output=True, text=True,
                          timeout=timeout, **kwargs)


def _clean_failure(result, name: str | None = None) -> str:
    """The stderr of a CLI run that failed as promised: no traceback, each line one reason."""
    out = result.stderr if hasattr(result, "stderr") else ""
    assert "Traceback" not in (getattr(result, "output", "") or "") + out
    if getattr(result, "exception", None) is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    if name is not None:
        assert name in out, out
    return out


def _reads_or_refuses(path: Path, reader) -> str:
    """'read' when the reader gave commitments, else the one-line reason it refused with."""
    try:
        got = reader(path)
    except InputError as exc:
        message = str(exc)
        assert "\n" not in message and str(path) in message, message
        assert untranslated(exc.reason) == [], exc.reason
        return exc.reason
    assert got is not None
    return "read"


# ---------------------------------------------------------------- PDF page geometry and trees


def _one_page(*, mediabox: bytes = b"[0 0 595 842]", page_extra: bytes = b"", resources: bool = True,
              content: bytes | None = None, catalog_extra: bytes = b"", extra: tuple[bytes, ...] = (),
              pages: bytes = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
              contents_ref: bytes = b"4 0 R") -> bytes:
    packed = zlib.compress(content if content is not None else text_page(LINES))
    res = b"/Resources << /Font << /F1 5 0 R >> >> " if resources else b""
    return assemble([
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>", pages,
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox + b" /Contents " + contents_ref + b" "
        + res + page_extra + b">>",
        f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed + b"\nendstream",
        f"<< /Type /Font /Subtype /Type1 /BaseFont /{FONT} >>".encode(), *extra])


BIG = b"1" + b"0" * 30  # PDF numbers have no exponent: a huge one is written out
GEOMETRY = {
    "mediabox-zero": dict(mediabox=b"[0 0 0 0]"),
    "mediabox-negative": dict(mediabox=b"[0 0 -595 -842]"),
    "mediabox-inverted": dict(mediabox=b"[595 842 0 0]"),
    "mediabox-short": dict(mediabox=b"[0 0]"),
    "mediabox-huge": dict(mediabox=b"[0 0 " + BIG + b" " + BIG + b"]"),
    "cropbox-off-page": dict(page_extra=b"/CropBox [5000 5000 6000 6000] "),
    "rotate-45": dict(page_extra=b"/Rotate 45 "),
    "rotate-450": dict(page_extra=b"/Rotate 450 "),
    "rotate-minus-90": dict(page_extra=b"/Rotate -90 "),
    "rotate-not-a-number": dict(page_extra=b"/Rotate (x) "),
    "userunit-huge": dict(page_extra=b"/UserUnit " + BIG + b" "),
    "userunit-zero": dict(page_extra=b"/UserUnit 0 "),
}


@pytest.mark.parametrize("name", sorted(GEOMETRY))
def test_odd_page_geometry_reads_or_fails_in_one_line(tmp_path, tally, name):
    with counted(tally, "page-geometry"):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(_one_page(**GEOMETRY[name]))
        outcome = _reads_or_refuses(path, lambda p: ambicion.read_plan(p, max_pages=5))
        if name.startswith(("rotate-4", "rotate-m", "mediabox-zero", "mediabox-neg", "userunit")):
            assert outcome == "read", outcome  # readers ignore these fields; the text is whole


TREES = {
    # a Pages node listing itself among its kids
    "kids-loop": dict(pages=b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"),
    # the Pages node's parent is the page below it (inherited attributes walk up forever)
    "parent-loop": dict(pages=b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>"),
    # the page's contents array holds itself
    "contents-loop": dict(contents_ref=b"6 0 R", extra=(b"[6 0 R 4 0 R]",)),
    # the font is a reference to a reference to the first
    "reference-loop": dict(page_extra=b"/Resources << /Font << /F1 6 0 R >> >> ", resources=False,
                           extra=(b"7 0 R", b"6 0 R")),
}


@pytest.mark.parametrize("name", sorted(TREES))
def test_loops_in_the_page_tree_end(tmp_path, tally, name):
    with counted(tally, "page-tree-loops"):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(_one_page(**TREES[name]))
        start = time.monotonic()
        _reads_or_refuses(path, lambda p: ambicion.read_plan(p, max_pages=5))
        assert time.monotonic() - start < 60


OPERATORS = {
    "no-font-resources": dict(resources=False),
    "operators-out-of-place": dict(content=b"BT /F1 11 Tf Tj Tj TJ ' \" 1 2 Td Td [ [ (a) ] ET ET Q Q Q "
                                           + text_page(LINES)),
    "200k-saved-states": dict(content=b"q " * 200_000 + text_page(LINES)),
    "singular-matrix": dict(content=b"0 0 0 0 0 0 cm " + text_page(LINES)),
    "font-size-zero": dict(content=text_page(LINES).replace(b"/F1 11 Tf", b"/F1 0 Tf")),
}


@pytest.mark.parametrize("name", sorted(OPERATORS))
def test_text_operators_without_fonts_or_order(tmp_path, tally, name):
    with counted(tally, "content-operators"):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(_one_page(**OPERATORS[name]))
        outcome = _reads_or_refuses(path, lambda p: ambicion.read_plan(p, max_pages=5))
        if name in ("no-font-resources", "operators-out-of-place", "200k-saved-states"):
            assert outcome == "read", outcome


def test_scripts_launch_actions_and_attachments_stay_inert(tmp_path, tally):
    with counted(tally, "active-content"):
        marker = tmp_path / "ran"
        js = (b"<< /Type /Action /S /JavaScript /JS (app.launchURL\\('http://127.0.0.1:9/'\\);) >>")
        launch = (b"<< /Type /Action /S /Launch /F (/bin/sh) /Win << /F (cmd.exe) >> /Unix << /F (/usr/bin/touch) "
                  b"/P (" + str(marker).encode() + b") >> >>")
        hidden = b"Compromiso 9: PALABRAADJUNTA del archivo adjunto\n" * 5
        embedded = f"<< /Type /EmbeddedFile /Length {len(hidden)} >>\nstream\n".encode() + hidden + b"\nendstream"
        spec = b"<< /Type /Filespec /F (adjunto.txt) /EF << /F 8 0 R >> >>"
        note = b"<< /Type /Annot /Subtype /FileAttachment /FS 9 0 R /Rect [0 0 10 10] /Contents (NOTAADJUNTA) >>"
        path = tmp_path / "active.pdf"
        path.write_bytes(_one_page(
            catalog_extra=b"/OpenAction 6 0 R /AA << /WC 7 0 R >> /Names << /JavaScript << /Names [(a) 6 0 R] >> "
                          b"/EmbeddedFiles << /Names [(adjunto.txt) 9 0 R] >> >> ",
            page_extra=b"/AA << /O 7 0 R >> /Annots [10 0 R] ", extra=(js, launch, embedded, spec, note)))
        plan = ambicion.read_plan(path)
        text = " ".join(c.text for c in plan.commitments)
        assert [c.number for c in plan.commitments] == ["1", "2"]
        assert "PALABRAADJUNTA" not in text and "NOTAADJUNTA" not in text
        assert not marker.exists()


# ---------------------------------------------------------------- Word packages


def _docx_bytes(*paragraphs: str) -> bytes:
    import docx

    d = docx.Document()
    for text in paragraphs or ("Compromiso 1: Publicar los contratos de obras en datos abiertos", GOOD):
        d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _repacked(path: Path, *, drop: tuple[str, ...] = (), change: dict | None = None) -> Path:
    src = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            body = src.read(info)
            if change and info.filename in change:
                body = change[info.filename](body)
            dst.writestr(info, body)
    return path


def _with_dtd(declarations: bytes, reference: bytes):
    def edit(body: bytes) -> bytes:
        start = body.index(b"?>") + 2
        return (b'<?xml version="1.0"?><!DOCTYPE d [' + declarations + b"]>"
                + body[start:].replace(b"Compromiso 1:", b"Compromiso 1: " + reference))
    return edit


LAUGHS = b'<!ENTITY l0 "ja">' + b"".join(
    f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">'.encode() for i in range(1, 10))
ENTITIES = {
    "billion-laughs": _with_dtd(LAUGHS, b"&l9;"),
    "external-file": _with_dtd(b'<!ENTITY x SYSTEM "file:///etc/hostname">', b"&x;"),
    "external-url": _with_dtd(b'<!ENTITY x SYSTEM "http://127.0.0.1:9/x">', b"&x;"),
    "internal-entity": _with_dtd(b'<!ENTITY x "PALABRAENTIDAD">', b"&x;"),
}


@pytest.mark.parametrize("name", sorted(ENTITIES))
def test_word_parts_declaring_entities_are_refused(tmp_path, tally, name):
    with counted(tally, "xml-entities"):
        path = _repacked(tmp_path / f"{name}.docx", change={"word/document.xml": ENTITIES[name]})
        start = time.monotonic()
        with pytest.raises(InputError, match="declares a DTD") as err:
            read_draft(path)
        assert time.monotonic() - start < 30 and untranslated(err.value.reason) == []


PACKAGES = {
    "no-document-part": (dict(drop=("word/document.xml",)), "a part it refers to is missing"),
    "no-content-types": (dict(drop=("[Content_Types].xml",)), "it has no [Content_Types].xml part"),
    "no-package-relations": (dict(drop=("_rels/.rels",)), "it has no _rels/.rels part"),
    "document-not-xml": (dict(change={"word/document.xml": lambda b: b"not xml <<<"}), "damaged XML"),
    "document-cut-in-half": (dict(change={"word/document.xml": lambda b: b[: len(b) // 2]}), "damaged XML"),
}


@pytest.mark.parametrize("name", sorted(PACKAGES))
def test_broken_word_packages_say_what_is_broken(tmp_path, tally, name):
    with counted(tally, "word-packages"):
        edits, why = PACKAGES[name]
        path = _repacked(tmp_path / f"{name}.docx", **edits)
        with pytest.raises(InputError) as err:
            read_draft(path)
        assert why in err.value.reason and "Error" not in err.value.reason
        assert untranslated(err.value.reason) == []


def test_many_empty_paragraphs_look_each_style_up_once(tmp_path, tally, monkeypatch):
    """50,000 empty paragraphs once took 40 s: python-docx scans every style per lookup."""
    with counted(tally, "word-bulk"):
        import docx
        from docx.text.paragraph import Paragraph

        d = docx.Document()
        d.add_paragraph("Compromiso 1: Publicar los contratos de obras en datos abiertos")
        for i in range(3000):
            d.add_paragraph("" if i % 3 else f"La entidad publicará el registro {i} cada mes.")
        path = tmp_path / "empty.docx"
        d.save(path)
        lookups = {"n": 0}
        real = Paragraph.style.fget

        def counting(self):
            lookups["n"] += 1
            return real(self)

        monkeypatch.setattr(Paragraph, "style", property(counting, Paragraph.style.fset))
        [commitment] = read_draft(path)
        assert "registro 2997" in commitment.text
        assert lookups["n"] <= 5  # one per style the file uses, not three per paragraph


def _ods_like(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    return path


def _xlsx(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["id", "text"])
    wb.active.append(["1", GOOD])
    wb.save(path)
    return path


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"Compromiso 1" * 40
RENAMED = {
    "odt-as.docx": (_ods_like, "OpenDocument"),
    "doc-as.docx": (lambda p: (p.write_bytes(OLE), p)[1], "Office 97-2003"),
    "old-word.doc": (lambda p: (p.write_bytes(OLE), p)[1], "Office 97-2003"),
    "xlsx-as.docx": (_xlsx, "spreadsheet"),
    "xlsx-as.csv": (lambda p: (p.write_bytes(_xlsx(p.with_suffix(".xlsx")).read_bytes()), p)[1], "spreadsheet"),
    "real.xlsx": (_xlsx, "spreadsheet"),
}


@pytest.mark.parametrize("name", sorted(RENAMED))
def test_files_of_other_formats_are_named_for_what_they_are(tmp_path, tally, name):
    with counted(tally, "renamed-formats"):
        make, why = RENAMED[name]
        path = make(tmp_path / name)
        result = _cli("screen", str(path), "--format", "jsonl")
        assert result.exit_code == 1
        err = _clean_failure(result, str(path))
        assert why in err and "binary content" not in err and "Error" not in err


def test_word_file_named_pdf_is_read_as_word(tmp_path, tally):
    with counted(tally, "renamed-formats"):
        path = tmp_path / "draft.pdf"
        path.write_bytes(_docx_bytes())
        [c] = ambicion.read_draft(path)
        assert "contratos de obras" in c.text
