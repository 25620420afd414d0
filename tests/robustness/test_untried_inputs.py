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
from ambicion.extract.table import read_table
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
    "mediabox-not-numbers": dict(mediabox=b"[0 0 (a) /B]"),
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
        # a viewer shows every one of these pages (with a default box or no rotation where the
        # value is malformed), so the text is read, not refused as damage
        assert outcome == "read", outcome


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


# ---------------------------------------------------------------- text that is hardly text


DEGENERATE = {
    "only-byte-order-marks": ("\ufeff" * 1000).encode("utf-8"),
    "only-whitespace": (" \t\n\r\u00a0\u3000\u2028" * 1000).encode("utf-8"),
    "only-nul-bytes": b"\0" * 10_000,
    "one-5-mb-line": ("transparencia " * 360_000).encode("utf-8"),
    "combining-mark-flood": ("Compromiso 1: datos abiertos a" + "\u0301" * 600_000).encode("utf-8"),
}


@pytest.mark.parametrize("name", sorted(DEGENERATE))
def test_text_that_is_hardly_text_is_refused_in_one_line(tmp_path, tally, name):
    with counted(tally, "degenerate-text"):
        path = tmp_path / f"{name}.txt"
        path.write_bytes(DEGENERATE[name])
        result = _cli("screen", str(path), "--format", "jsonl")
        assert result.exit_code == 1 and not result.stdout.strip()
        err = _clean_failure(result, str(path))
        assert ("empty" in err or "not a text file" in err or "over the" in err), err


def test_mixed_line_ends_bidi_and_zero_width_keep_every_commitment(tmp_path, tally):
    with counted(tally, "degenerate-text"):
        block = "Compromiso {n}: Publicar los\u200d contratos\u2066 de obras\u2069 en datos abiertos\n" \
                "\u202bEl ministerio\ufeff publicará los contratos cada mes y responderá las consultas.\u202c\n"
        text = (block.format(n=1).replace("\n", "\r") + block.format(n=2).replace("\n", "\r\n")
                + block.format(n=3))
        path = tmp_path / "mixed.txt"
        path.write_bytes(text.encode("utf-8"))
        commitments = read_draft(path)
        assert [c.number for c in commitments] == ["1", "2", "3"]
        assert all(c.title == "Publicar los contratos de obras en datos abiertos" for c in commitments)


# ---------------------------------------------------------------- names and text that are not Unicode


@pytest.fixture
def undecodable(tmp_path) -> Path:
    """A folder holding a draft and a plan whose names are Latin-1 bytes (not UTF-8)."""
    from ambicion.testing import write_template_plan
    from ambicion.testing.samples import COMMITMENTS_ES, META_ES

    folder = tmp_path / "names"
    folder.mkdir()
    draft = Path(os.fsdecode(bytes(folder) + b"/borrador-a\xf1o.txt"))
    draft.write_text("Compromiso 1: Publicar los contratos de obras en datos abiertos\n" + GOOD, "utf-8")
    write_template_plan(Path(os.fsdecode(bytes(folder) + b"/plan-caf\xe9.pdf")), META_ES, COMMITMENTS_ES[:2])
    return folder


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json", "html", "md", "xlsx", "docx"])
def test_screen_writes_names_that_are_not_utf8(undecodable, tmp_path, tally, fmt):
    with counted(tally, "undecodable-names"):
        [draft] = [p for p in undecodable.iterdir() if p.suffix == ".txt"]
        out = tmp_path / f"out.{fmt}"
        result = _cli("screen", str(draft), "--format", fmt, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
        if fmt in ("jsonl", "csv", "json", "html", "md"):
            text = out.read_text("utf-8")  # valid UTF-8 throughout
            assert "borrador-a\ufffdo" in text


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_extract_writes_names_that_are_not_utf8(undecodable, tmp_path, tally, suffix):
    with counted(tally, "undecodable-names"):
        [plan] = [p for p in undecodable.iterdir() if p.suffix == ".pdf"]
        out = tmp_path / f"out{suffix}"
        result = _cli("extract", str(plan), "-o", str(out))
        assert result.exit_code == 0, result.output
        import pandas as pd

        frame = pd.read_parquet(out) if suffix == ".parquet" else (
            pd.read_csv(out, encoding="utf-8-sig") if suffix == ".csv" else pd.read_json(out, lines=True))
        assert set(frame["source"]) == {str(plan).encode("utf-8", "surrogateescape").decode("utf-8", "replace")}


def test_batch_of_a_folder_with_names_that_are_not_utf8(undecodable, tmp_path, tally):
    with counted(tally, "undecodable-names"):
        out = tmp_path / "out"
        proc = _run("batch", str(undecodable), "-o", str(out), "--timeout", "120")
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
        import pandas as pd

        frame = pd.read_csv(out / "commitments.csv", encoding="utf-8-sig")
        assert len(frame) == 2 and frame["source"].str.contains("plan-caf\ufffd").all()


def test_lone_surrogate_escapes_in_json_are_replaced_not_fatal(tmp_path, tally):
    with counted(tally, "undecodable-names"):
        path = tmp_path / "rows.jsonl"
        path.write_text('{"id": "1", "text": "El ministerio \\ud800 publicará datos abiertos \\udfff cada mes."}\n'
                        + json.dumps({"id": "2", "text": GOOD}) + "\n", "utf-8")
        result = _cli("screen", str(path), "--format", "csv", "-o", str(tmp_path / "out.csv"))
        assert result.exit_code == 0, result.output
        text = (tmp_path / "out.csv").read_text("utf-8-sig")
        assert text.count("\n") >= 3
        [first] = [c for c in read_table(path).commitments if c.id == "1"]
        assert "\ufffd" in first.description


# ---------------------------------------------------------------- tables naming a column twice


def test_csv_header_naming_text_twice_is_refused(tmp_path, tally):
    with counted(tally, "repeated-columns"):
        path = tmp_path / "t.csv"
        path.write_text(f"id,text,Text\n1,{GOOD.replace(',', '')},otra cosa\n", "utf-8")
        with pytest.raises(InputError, match=r"names the column 'text' more than once \(columns 2, 3\)") as err:
            read_table(path)
        assert untranslated(err.value.reason) == []


def test_jsonl_object_naming_a_field_twice_is_one_bad_line(tmp_path, tally):
    with counted(tally, "repeated-columns"):
        path = tmp_path / "t.jsonl"
        path.write_text('{"id": "1", "text": "uno", "text": "dos"}\n{"id": "2", "TEXT": "a", "text": "b"}\n'
                        + json.dumps({"id": "3", "text": GOOD, "meta": {"id": 1, "id": 2}}) + "\n", "utf-8")
        got = read_table(path)
        assert [c.id for c in got.commitments] == ["3"]
        assert [str(p) for p in got.problems] == ["line 1 names the field 'text' more than once",
                                                  "line 2 names the field 'text' more than once"]


def test_jsonl_with_a_byte_order_mark_and_an_overlong_line(tmp_path, tally, monkeypatch):
    with counted(tally, "repeated-columns"):
        from ambicion import limits as L

        monkeypatch.setenv("AMBICION_MAX_TABLE_CELL_CHARS", "5000")
        L.limits.cache_clear()
        try:
            path = tmp_path / "t.jsonl"
            long = json.dumps({"id": "2", "text": "transparencia " * 2000})
            path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join([json.dumps({"id": "1", "text": GOOD}), long,
                                                            json.dumps({"id": "3", "text": GOOD})]).encode())
            got = read_table(path)
        finally:
            monkeypatch.delenv("AMBICION_MAX_TABLE_CELL_CHARS")
            L.limits.cache_clear()
        assert [c.id for c in got.commitments] == ["1", "3"]
        assert [str(p) for p in got.problems] == ["line 2 is longer than 5,000 characters"]


# ---------------------------------------------------------------- option values at the extremes


@pytest.mark.parametrize("args", [
    ["screen", "-", "--timeout", "nan"], ["screen", "-", "--timeout", "-1"],
    ["extract", "x.pdf", "--max-pages", "-5"], ["batch", "x.pdf", "-o", "o", "--jobs", "0"],
    ["batch", "x.pdf", "-o", "o", "--timeout", "nan"],
])
def test_option_values_no_run_can_use_are_usage_errors(tally, args):
    with counted(tally, "option-extremes"):
        result = _cli(*args, input=GOOD)
        assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.parametrize("command", ["screen", "extract"])
@pytest.mark.parametrize("value", ["inf", "1e300"])
def test_a_time_limit_too_long_to_time_means_no_limit(tmp_path, tally, command, value):
    with counted(tally, "option-extremes"):
        from ambicion.testing import write_template_plan
        from ambicion.testing.samples import COMMITMENTS_ES, META_ES

        path = write_template_plan(tmp_path / "plan.pdf", META_ES, COMMITMENTS_ES[:1])
        proc = _run(command, str(path), "--timeout", value, *(["--format", "jsonl"] if command == "screen" else []))
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr and "Overflow" not in proc.stderr
        assert json.loads(proc.stdout.splitlines()[0])["id"]


def test_jobs_beyond_the_machine_are_held_to_it(tmp_path, tally, monkeypatch):
    with counted(tally, "option-extremes"):
        from ambicion import extract_many

        assert extract_many.useful_jobs(10 ** 30) <= 2 * (os.cpu_count() or 1)
        assert extract_many.useful_jobs(0) == 1
        started: list[int] = []
        real = extract_many._new_pool

        def spy(workers, timeout=None):
            started.append(workers)
            return real(workers, timeout)

        monkeypatch.setattr(extract_many, "_new_pool", spy)
        from ambicion.testing import write_template_plan
        from ambicion.testing.samples import COMMITMENTS_ES, META_ES

        files = [write_template_plan(tmp_path / f"p{i}.pdf", META_ES, COMMITMENTS_ES[:1]) for i in range(2)]
        outcomes = extract_many.extract_files(files, jobs=10_000, timeout=120)
        assert all(isinstance(o, extract_many.Extracted) for o in outcomes)
        assert started and max(started) <= 2 * (os.cpu_count() or 1)


# ---------------------------------------------------------------- folders and files that move


@pytest.fixture(scope="module")
def study_files(tmp_path_factory) -> dict[str, Path]:
    from ambicion.testing.studies import write_study_files

    return write_study_files(tmp_path_factory.mktemp("untried-study"))


def test_folder_with_a_path_too_long_a_link_loop_and_a_folder_named_pdf(study_files, tmp_path, tally):
    with counted(tally, "folder-walk"):
        import shutil

        folder = tmp_path / "in"
        folder.mkdir()
        shutil.copy(study_files["2017"], folder / "plan.pdf")
        (folder / "up").symlink_to("..")
        (folder / "self").symlink_to(folder)
        (folder / "carpeta.pdf").mkdir()
        fd = os.open(folder, os.O_RDONLY)
        try:  # build a chain of folders longer than PATH_MAX, one relative step at a time
            for _ in range(25):
                os.mkdir("d" * 200, dir_fd=fd)
                nxt = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
                os.close(fd)
                fd = nxt
            with open(os.open("hondo.pdf", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "wb") as fh:
                fh.write(study_files["2020"].read_bytes())
        finally:
            os.close(fd)
        from ambicion.extract_many import expand_paths

        files, failures = expand_paths([folder])
        assert [f.name for f in files] == ["plan.pdf"]
        assert failures and all("File name too long" in f.reason for f in failures)
        out = tmp_path / "in" / "out"  # the output folder inside the input folder, twice
        for _ in range(2):
            proc = _run("batch", str(folder), "-o", str(out), "--timeout", "120")
            assert proc.returncode == 1 and "Traceback" not in proc.stderr
            assert "File name too long" in proc.stderr
            import pandas as pd

            assert len(pd.read_csv(out / "commitments.csv", encoding="utf-8-sig")) == 3


def test_output_folder_that_is_a_file_is_an_option_error(study_files, tmp_path, tally):
    with counted(tally, "folder-walk"):
        target = tmp_path / "notes.txt"
        target.write_text("mine", "utf-8")
        result = _cli("batch", str(study_files["2017"]), "-o", str(target))
        assert result.exit_code == 2 and target.read_text("utf-8") == "mine"
        _clean_failure(result, str(target))
        under = target / "sub" / "rows.jsonl"  # a file standing where a folder must be
        result = _cli("extract", str(study_files["2017"]), "-o", str(under))
        assert result.exit_code == 1 and target.read_text("utf-8") == "mine"
        assert f"cannot be written ({target} is a file, not a folder)" in _clean_failure(result, str(under))


def test_files_that_vanish_shrink_or_empty_between_listing_and_reading(study_files, tmp_path, tally):
    with counted(tally, "vanishing-files"):
        import shutil

        from ambicion import extract_many

        folder = tmp_path / "in"
        shutil.copytree(study_files["2017"].parent, folder)
        files, _ = extract_many.expand_paths([folder])
        assert len(files) == 4
        (folder / "plan_2017.pdf").unlink()
        data = (folder / "plan_2020.pdf").read_bytes()
        (folder / "plan_2020.pdf").write_bytes(data[: len(data) // 3])
        (folder / "plan_2023.pdf").write_bytes(b"")
        outcomes = extract_many.extract_files(files, cache_dir=tmp_path / "cache")
        failed = {Path(o.path).name: o.reason for o in outcomes if isinstance(o, extract_many.Failed)}
        assert set(failed) == {"plan_2017.pdf", "plan_2020.pdf", "plan_2023.pdf"}
        assert "No such file" in failed["plan_2017.pdf"]
        assert [Path(o.path).name for o in outcomes if isinstance(o, extract_many.Extracted)] == ["review_2020.pdf"]


# ---------------------------------------------------------------- rated rows and reviews


def test_rated_rows_of_the_wrong_type_are_refused_by_line(tmp_path, tally):
    with counted(tally, "rated-rows"):
        from ambicion.learn.real import load_real

        rows = [{"id": "A1", "country": "X", "text": GOOD, "potential_impact": "moderate"},
                {"id": "A1", "country": "X", "text": GOOD + " bis", "potential_impact": "minor"},
                {"id": 7, "country": "Y", "text": GOOD},
                {"id": "A3", "text": ["lista", "de", "textos"]},
                {"id": "A4", "text": {"es": GOOD}},
                {"id": "A5", "text": 12.5},
                {"id": True, "text": GOOD},
                {"id": "A6", "text": GOOD, "title": {"x": 1}}]
        path = tmp_path / "rated.jsonl"
        # a byte-order mark, as Windows editors save: line 1 is still a row
        path.write_text("\ufeff" + "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
        got, problems = load_real([path])
        assert [(r.id, r.potential_impact) for r in got] == [("A1", "moderate"), ("7", None)]
        assert problems == ["rated.jsonl:2: duplicate id A1",
                            "rated.jsonl:4: text must be a string, not a JSON array",
                            "rated.jsonl:5: text must be a string, not a JSON object",
                            "rated.jsonl:6: text must be a string, not a number",
                            "rated.jsonl:7: id must be a string or a whole number, not true/false",
                            "rated.jsonl:8: title must be a string, not a JSON object"]


def test_join_refuses_a_review_of_another_members_plan(study_files, tmp_path, tally):
    with counted(tally, "foreign-review"):
        from ambicion.testing.reviews import CurrentItem, write_action_plan_review
        from ambicion.testing.studies import REVIEW_2020

        items = [CurrentItem(str(k.number), k.title, verifiable=k.verifiable, lens=k.open_gov_lens,
                             potential=k.potential_results) for k in REVIEW_2020]
        other = tmp_path / "review_other.pdf"
        write_action_plan_review(other, items, country="Chile", period="2020-2021")
        out = tmp_path / "rated.jsonl"
        result = _cli("join", str(study_files["2020"]), str(other), "-o", str(out))
        assert result.exit_code == 1 and not out.exists()
        assert "reviews Chile's plan, not Perú's" in _clean_failure(result, str(other))
        result = _cli("join", str(study_files["2023"]), str(study_files["review"]), "-o", str(out))
        assert result.exit_code == 1 and not out.exists()
        assert "reviews the plan of 2020-2021, not that of" in result.stderr
        result = _cli("join", str(study_files["2020"]), str(study_files["review"]), "-o", str(out))
        assert result.exit_code == 0 and out.read_text("utf-8").count("\n") == len(items)


# ---------------------------------------------------------------- runs interrupted or at once


def test_ctrl_c_during_a_batch_publishes_nothing_half_done(study_files, tmp_path, tally):
    with counted(tally, "interrupts"):
        from ambicion.report import outputs

        out = tmp_path / "out"
        proc = subprocess.Popen([sys.executable, "-m", "ambicion", "batch", *map(str, study_files.values()),
                                 "-o", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # interrupt once the batch is at work (its folder made), not while Python is still
        # starting up, when there is no batch yet to resume
        deadline = time.monotonic() + 120
        while not out.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=180)
        assert b"Traceback" not in err
        if proc.returncode == 130:
            assert b"--resume" in err
        visible = sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) if out.exists() else []
        if out.exists():
            assert not list(out.rglob("*.tmp")) and not (out / outputs.STAGING).exists()
            assert "commitments.csv" not in visible or "report.html" in visible  # a set, whole or not at all


def test_two_screens_writing_one_spreadsheet_leave_one_whole_file(tmp_path, tally):
    with counted(tally, "concurrent-writers"):
        big, small = tmp_path / "big.csv", tmp_path / "small.csv"
        big.write_text("id,text\n" + "".join(f"r{i},{GOOD.replace(',', '')} Número {i}.\n" for i in range(150)), "utf-8")
        small.write_text("id,text\n" + "".join(f"q{i},La entidad creará la mesa de diálogo {i}.\n" for i in range(3)),
                         "utf-8")
        target = tmp_path / "same.xlsx"
        procs = [subprocess.Popen([sys.executable, "-m", "ambicion", "screen", str(src), "-f", "xlsx", "-o", str(target)],
                                  stderr=subprocess.PIPE) for src in (big, small)]
        errs = [p.communicate(timeout=300)[1] for p in procs]
        assert [p.returncode for p in procs] == [0, 0], errs
        import openpyxl

        rows = openpyxl.load_workbook(target).worksheets[0].max_row
        assert rows in (151, 4)  # one run's whole sheet, never a mix or a torn file
        assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv", "same.xlsx", "small.csv"]


def test_scanned_pages_among_text_pages_are_named_not_dropped_silently(tmp_path, tally):
    with counted(tally, "mixed-scanned-pages"):
        import warnings

        from fpdf import FPDF
        from PIL import Image, ImageDraw

        from ambicion.errors import InputNote

        picture = Image.new("RGB", (600, 800), "white")
        ImageDraw.Draw(picture).text((40, 40), "Compromiso escaneado", fill="black")
        jpeg = io.BytesIO()
        picture.save(jpeg, format="JPEG")
        pdf = FPDF()
        pdf.set_font("helvetica", size=11)
        for i in range(5):
            pdf.add_page()
            if i % 2:
                pdf.image(io.BytesIO(jpeg.getvalue()), x=10, y=10, w=180)
            else:
                pdf.multi_cell(0, 6, f"Compromiso {i // 2 + 1}: Publicar los contratos de obras numero {i} en datos "
                                     "abiertos\nEl ministerio publicara los contratos cada mes y respondera consultas.")
        path = tmp_path / "mixed.pdf"
        path.write_bytes(bytes(pdf.output()))
        with warnings.catch_warnings(record=True) as notes:
            warnings.simplefilter("always")
            plan = ambicion.read_plan(path)
        assert [c.number for c in plan.commitments] == ["1", "2", "3"]
        said = [str(n.message) for n in notes if issubclass(n.category, InputNote)]
        assert any("page(s) 2, 4 hold only pictures" in s for s in said), said
        assert all(untranslated(s) == [] for s in said)


def test_a_plan_named_by_its_first_paragraph_still_gets_readable_plots(tmp_path, tally):
    with counted(tally, "page-geometry"):
        import warnings

        from ambicion.study import build_study
        from ambicion.testing.studies import keyword_judge

        # no cover page: the plan is named by the first words on its page (a whole paragraph)
        path = tmp_path / "untitled.pdf"
        path.write_bytes(_one_page(page_extra=b"/Rotate 90 "))
        plan = ambicion.read_plan(path)
        assert len(plan.title) > 100
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            build_study([plan], judge=keyword_judge).write(tmp_path / "out")
        assert not [w for w in said if "layout" in str(w.message).lower()], [str(w.message) for w in said]
