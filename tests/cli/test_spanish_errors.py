"""Every reason the robustness suite provokes is said in Spanish under `--lang es`.

How it can fail: each hostile input is given to the CLI twice, in English and in Spanish.
The English reason must be one the English catalogue knows whole (`untranslated` finds the
parts no `reason.*` template covers, nested reasons included), and the Spanish line must be
that reason said through the Spanish catalogue — so a new English sentence in the library,
or one the Spanish catalogue leaves as it is, fails here.
"""

from __future__ import annotations

import ast
import io
import json
import string
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ambicion import limits as L
from ambicion.errors import display_name
from ambicion.i18n import NESTED_PARAMETERS, catalogue, reason_key, untranslated
from ambicion_cli.main import build_app
from robustness import broken
from robustness import hostile as H

runner = CliRunner()
ES, EN = catalogue("es"), catalogue("en")
SRC = Path(__file__).resolve().parents[2] / "src" / "ambicion"


def _run(lang: str, args: list[str], **kw):
    result = runner.invoke(build_app(lang=lang), ["--lang", lang, *args], **kw)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _reasons(stderr: str, names: list[str]) -> dict[str, str]:
    """The reason given for each named file, from `error:` and failure-list lines."""
    found: dict[str, str] = {}
    for line in stderr.splitlines():
        text = line.strip()
        for prefix in ("error: ", "aviso: ", "warning: "):
            if text.startswith(prefix):
                text = text[len(prefix):]
        for name in names:
            shown = display_name(name) + ": "
            if text.startswith(shown):
                found[name] = text[len(shown):]
    return found


def _check(en_reason: str, es_reason: str) -> None:
    assert untranslated(en_reason) == [], f"no catalogue entry for: {en_reason!r}"
    assert es_reason == ES.reason(en_reason)
    assert es_reason != en_reason, f"still English in Spanish: {es_reason!r}"


def _both(args: list[str], names: list[str], expect_all: bool = True, **kw) -> dict[str, tuple[str, str]]:
    en = _reasons(_run("en", args, **kw).stderr, names)
    es = _reasons(_run("es", args, **kw).stderr, names)
    if expect_all:
        assert set(en) == set(names), sorted(set(names) - set(en))
    assert set(es) == set(en)
    for name in en:
        _check(en[name], es[name])
    return {name: (en[name], es[name]) for name in en}


# ------------------------------------------------------------------ the hostile inputs


def _docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx_bytes(["Compromiso 1: texto"]))) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/media/filler.xml", b"\0" * 20_000_000)
    return out.getvalue()


def _one_page_pdf(content: bytes, font: bytes | None = None, extra: list[bytes] = (),
                  page_extra: bytes = b"") -> bytes:
    packed = zlib.compress(content)
    font = font or f"<< /Type /Font /Subtype /Type1 /BaseFont /{broken.FONT} >>".encode()
    return broken.assemble([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + page_extra + b">>",
        f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed + b"\nendstream",
        font, *extra])


def _fonts_without_unicode() -> bytes:
    font = b"<< /Type /Font /Subtype /Type0 /BaseFont /Anon /Encoding /Identity-H /DescendantFonts [6 0 R] >>"
    descendant = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Anon /CIDSystemInfo << /Registry (Adobe) "
                  b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 500 >>")
    descriptor = (b"<< /Type /FontDescriptor /FontName /Anon /Flags 4 /FontBBox [0 0 1000 1000] "
                  b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>")
    glyphs = b"".join(b"<" + b"".join(f"{g:04X}".encode() for g in range(3 + k, 40 + k)) + b"> Tj T*"
                      for k in range(20))
    return _one_page_pdf(b"BT /F1 11 Tf 14 TL 56 780 Td " + glyphs + b" ET", font, [descendant, descriptor])


def _flate_bomb() -> bytes:
    twice = zlib.compress(zlib.compress(b"\0" * 20_000_000, 9), 9)
    stream = (f"<< /Length {len(twice)} /Filter [/FlateDecode /FlateDecode] >>\nstream\n".encode()
              + twice + b"\nendstream")
    return _one_page_pdf(broken.text_page(["Compromiso 1: Publicar los contratos"]),
                         page_extra=b"/Thumb 6 0 R ", extra=[stream])


def _hostile_files(folder: Path) -> list[str]:
    """One file per way an input breaks, named after it (the PDFs of the broken-PDF set too)."""
    files: dict[str, bytes] = {}
    for kind, name, data in broken.all_cases():
        if kind != "huge-page":  # it reads: it has no reason to give
            files[f"{kind}--{name}.pdf"] = data
    header = ["id", "text"]
    files.update({
        "only-bad-rows.csv": H.csv_bytes([header, ["", H.GOOD_ES], ["A", ""], ["B", H.GOOD_ES],
                                          ["B", H.GOOD_ES + " bis"], ["C", "x", "sobra"]]),
        "missing-columns.csv": H.csv_bytes([["codigo", "texto"], ["1", H.GOOD_ES]]),
        "header-only.csv": H.csv_bytes([header]),
        "empty.csv": b"",
        "bad-lines.jsonl": H.jsonl_bytes([{"id": "1", "text": ["a", "b"]}, {"id": "2", "text": True},
                                          {"id": "3", "text": 4}, {"id": "4", "text": "NaN"},
                                          {"nombre": "x"}, [1, 2]]) + b"{no json\n" + b"[" * 5000 + b"\n",
        "table.xlsx": b"PK\x03\x04 not really",
        "mixed-encodings.txt": ("Compromiso 1: años de datos abiertos " * 3).encode("utf-8") + b"\x81\xe9 fin",
        "bad-utf16.txt": b"\xff\xfe" + "Compromiso".encode("utf-16-le") + b"\x00\xd8",
        "binary.txt": bytes(range(256)) * 4,
        "rich.txt": b"{\\rtf1\\ansi Compromiso 1: datos abiertos}",
        "blank.txt": b"   \n\n  ",
        "not-a-docx.docx": b"esto no es un archivo zip",
        "empty-word.docx": _docx_bytes([]),
        "zip-bomb.docx": _zip_bomb(),
        "fonts-without-unicode.pdf": _fonts_without_unicode(),
        "flate-bomb.pdf": _flate_bomb(),
    })
    names = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        names.append(str(folder / name))
    (folder / "a-folder").mkdir()
    missing = folder / "no\nexiste\x1b.pdf"  # a name with a newline and ESC, printed escaped
    return [*names, str(folder / "a-folder"), str(missing), "/dev/zero"]


@pytest.fixture()
def small_stream_limit(monkeypatch):
    monkeypatch.setenv("AMBICION_MAX_PDF_STREAM_BYTES", "5000000")
    L.limits.cache_clear()
    yield
    L.limits.cache_clear()


def test_every_hostile_input_fails_in_spanish(tmp_path, small_stream_limit):
    names = _hostile_files(tmp_path)
    pairs = _both(["screen", *names, "--format", "jsonl"], names, expect_all=False)
    # some damaged PDFs are mended by the reader and read: every other one must have failed
    readable = {n for n in names if "truncated--" in n or "corrupted-xref--" in n or "nested" in n
                or "random-bytes--" in n}
    assert set(names) - readable <= set(pairs), sorted(set(names) - readable - set(pairs))
    assert len(pairs) > 30
    # the row problems of a table are listed whole, each part in Spanish
    en, es = pairs[str(tmp_path / "only-bad-rows.csv")]
    assert "fila" in es and "row" not in es


def test_bad_rows_beside_good_ones_are_listed_in_spanish(tmp_path):
    table = tmp_path / "mixed.csv"
    table.write_bytes(H.csv_bytes([["id", "text"], ["1", H.GOOD_ES], ["2", ""], ["3", "[1, 2]"]]))
    en = _run("en", ["screen", str(table), "--format", "jsonl"]).stderr
    es = _run("es", ["screen", str(table), "--format", "jsonl"]).stderr
    en_lines = [line.split(": ", 1)[1] for line in en.splitlines() if line.startswith("  ")]
    es_lines = [line.split(": ", 1)[1] for line in es.splitlines() if line.startswith("  ")]
    assert len(en_lines) == 2 and len(es_lines) == 2
    for e, s in zip(en_lines, es_lines):
        _check(e, s)


@pytest.mark.parametrize("variable, value, content", [
    ("AMBICION_MAX_TEXT_CHARS", "100", H.numbered_draft(5).encode()),
    ("AMBICION_MAX_INPUT_BYTES", "200", H.numbered_draft(5).encode()),
    ("AMBICION_MAX_COMMITMENT_CHARS", "40", H.csv_bytes([["id", "text"], ["1", H.GOOD_ES]])),
])
def test_size_limits_in_spanish(tmp_path, monkeypatch, variable, value, content):
    path = tmp_path / ("big.csv" if content.startswith(b"id,") else "big.txt")
    path.write_bytes(content)
    monkeypatch.setenv(variable, value)
    L.limits.cache_clear()
    try:
        _both(["screen", str(path), "--format", "jsonl"], [str(path)])
    finally:
        L.limits.cache_clear()


def test_row_cap_of_whole_set_formats_in_spanish(tmp_path, monkeypatch):
    """Record formats stream a table of any length; the forum formats, which lay out every
    proposal at once, keep the row cap and say so, in both languages."""
    table = tmp_path / "big.csv"
    table.write_bytes(H.csv_bytes([["id", "text"]] + [[str(i), H.GOOD_ES] for i in range(5)]))
    out = tmp_path / "big.html"
    monkeypatch.setenv("AMBICION_MAX_TABLE_ROWS", "2")
    L.limits.cache_clear()
    try:
        [(en, es)] = _both(["screen", str(table), "--format", "html", "-o", str(out)], [str(out)]).values()
    finally:
        L.limits.cache_clear()
    assert en.startswith("--format html needs every commitment at once")
    assert not out.exists()


def test_a_timeout_in_spanish(tmp_path):
    slow = tmp_path / "slow.txt"
    slow.write_text(H.numbered_draft(3000), "utf-8")
    [(en, es)] = _both(["screen", str(slow), "--format", "jsonl", "--timeout", "0.05"], [str(slow)]).values()
    assert en == "timed out after 0.05 s"


def test_review_and_output_errors_in_spanish(tmp_path):
    draft = tmp_path / "borrador.txt"
    draft.write_text(H.numbered_draft(2), "utf-8")
    _both(["screen", str(draft), "-o", str(draft), "--format", "md"], [str(draft)])
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(broken.valid_plan())
    _both(["extract", str(plan), "--kind", "review"], [str(plan)])


def test_batch_failures_and_folder_problems_in_spanish(tmp_path):
    bad = tmp_path / "in" / "roto.pdf"
    bad.parent.mkdir()
    bad.write_bytes(b"%PDF-1.4 truncado")
    good = tmp_path / "in" / "borrador.txt"
    good.write_text(H.numbered_draft(2), "utf-8")
    out = {lang: tmp_path / f"out-{lang}" for lang in ("en", "es")}
    reasons = {}
    for lang in ("en", "es"):
        result = _run(lang, ["batch", str(bad), str(good), "-o", str(out[lang])])
        assert result.exit_code == 1, result.output
        rows = (out[lang] / "failures.csv").read_text("utf-8-sig").splitlines()
        assert len(rows) == 2  # a header and the broken file
        reasons[lang] = rows[1].split(",", 1)[1].strip('"')
        assert reasons[lang] in (out[lang] / "report.html").read_text("utf-8")
    _check(reasons["en"], reasons["es"])

    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "summary.csv").write_text("el archivo de otra persona", "utf-8")
    _both(["batch", str(good), "-o", str(theirs)], [str(theirs / "summary.csv")])
    assert (theirs / "summary.csv").read_text("utf-8") == "el archivo de otra persona"

    locked = tmp_path / "locked"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom ambicion.io import folder_lock\n"
         "with folder_lock(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(60)\n", str(locked)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        _both(["batch", str(good), "-o", str(locked)], [str(locked)])
    finally:
        holder.kill()
        holder.wait()


# ------------------------------------------------------------------ every reason the library writes

ERRORS = {"InputError", "MissingFileError", "NoCommitmentsError", "OutputError", "ModelError",
          "Failed", "RowProblem", "TimeLimitExceeded"}


def _shapes(node: ast.expr) -> list[str]:
    """The texts a reason expression can take, each dynamic part written as "7" or, for an
    optional tail such as f"...{damage}", as nothing."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        out = [""]
        for part in node.values:
            pieces = [part.value] if isinstance(part, ast.Constant) else ["7", ""]
            out = [o + piece for o in out for piece in pieces]
        return out
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [a + b for a in _shapes(node.left) for b in _shapes(node.right)]
    if isinstance(node, ast.IfExp):
        return _shapes(node.body) + _shapes(node.orelse)
    return ["7"]


def _written_reasons() -> list[tuple[str, list[str]]]:
    """(where, the texts a reason written there can take) for every error raised in the library."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            position = 0 if name == "TimeLimitExceeded" else 1
            if name in ERRORS and len(node.args) > position:
                texts = [t for t in _shapes(node.args[position]) if t.strip("7 ")]
                if texts:  # a reason passed on from elsewhere is checked where it is written
                    found.append((f"{path.relative_to(SRC)}:{node.lineno}", texts))
    return found


def test_every_reason_written_in_the_library_is_in_the_catalogue():
    written = _written_reasons()
    assert len(written) > 80  # the walk found the raise sites
    missing = [f"{where}: {texts[0]}" for where, texts in written
               if not any(reason_key(t) for t in texts)]
    assert not missing, "reasons without a reason.* entry in messages_en.json:\n" + "\n".join(missing)


def test_reason_templates_agree_between_languages():
    for key, english in EN.messages.items():
        if not key.startswith("reason."):
            continue
        spanish = ES.messages[key]
        fields = {f for _, f, _, _ in string.Formatter().parse(str(english)) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(str(spanish)) if f}, key
        words_in = string.Formatter().parse(str(english))
        if any(before.strip(" :()").replace("id", "") for before, _, _, _ in words_in):  # words, not slots
            assert spanish != english, key


def test_nested_reasons_and_numbers():
    text = "no usable row: row 3 (id 7) has an empty text (and 1,204 more)"
    assert reason_key(text)[0] == "reason.no_usable_row"
    assert ES.reason(text) == "ninguna fila utilizable: la fila 3 (id 7) tiene el texto vacío (y 1 204 más)"
    assert EN.reason(text) == text
    assert untranslated("row 3 is on fire") == ["is on fire"]
    assert ES.reason("something the catalogue never saw") == "something the catalogue never saw"
    assert "reason" in NESTED_PARAMETERS


def test_errors_carry_their_key_and_parameters(tmp_path):
    import ambicion

    with pytest.raises(ambicion.InputError) as caught:
        ambicion.read_plan(tmp_path / "falta.pdf")
    err = caught.value
    assert err.key == "reason.file_not_found" and err.params == {}
    assert str(err) == f"{tmp_path / 'falta.pdf'}: file not found"  # English for developers
    from ambicion.errors import localized

    assert localized(err, ES) == f"{tmp_path / 'falta.pdf'}: no se encontró el archivo"
    page = ambicion.InputError("plan.pdf", "page 9 does not exist (the PDF has 3 pages)")
    assert (page.key, page.params) == ("reason.page_missing", {"page": "9", "count": "3"})


def test_reading_warnings_in_spanish():
    """The reader's doubts (records that look merged) are said in Spanish too."""
    from ambicion.extract.sanity import sanity_warnings
    from ambicion.model import Commitment, Milestone

    def record(n: int, milestones: int, text: str = "Publicar datos.") -> Commitment:
        return Commitment(id=f"p#{n}", number=str(n), title=f"Título {n}", description=text,
                          milestones=tuple(Milestone(text=f"hito {k}") for k in range(milestones)))

    merged = "Publicar datos.\nCompromiso 9: Abrir los contratos de obras\nLa entidad publicará."
    warnings = sanity_warnings([record(1, 1), record(2, 1), record(3, 1), record(4, 30, merged)], pages=4)
    assert warnings
    warnings += sanity_warnings([record(1, 1)], pages=12)
    for warning in warnings:
        _check(warning, ES.reason(warning))


def test_notes_from_worker_processes_follow_the_commands_language(tmp_path):
    """`batch --jobs 2` reads in worker processes; their notes speak the command's language."""
    draft = tmp_path / "ventana.txt"
    draft.write_bytes("Compromiso 1: Publicar los contratos de obras en datos abiertos\n"
                      "La entidad publicará los contratos cada mes.\n".encode("cp1252"))
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith(("LC_", "AMBICION_LANG"))}
    env["LANG"] = "C.UTF-8"
    lines = {}
    for lang in ("en", "es"):
        proc = subprocess.run([sys.executable, "-m", "ambicion", "--lang", lang, "batch", str(draft),
                               "-o", str(tmp_path / f"out-{lang}"), "--jobs", "2"],
                              capture_output=True, text=True, env=env, timeout=300)
        assert proc.returncode == 0, proc.stderr
        [lines[lang]] = [line for line in proc.stderr.splitlines() if "ventana.txt:" in line]
    assert lines["en"] == f"note: {draft}: not UTF-8; read as Windows-1252"
    assert lines["es"] == f"nota: {draft}: no es UTF-8; se leyó como Windows-1252"
