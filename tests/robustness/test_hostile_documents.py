"""Hostile Word and PDF documents: hidden text kept, garbage refused, bombs and crowds bounded."""

from __future__ import annotations

import contextlib
import io
import zipfile
import base64
import zlib

import pytest

import ambicion
from ambicion import limits as L
from ambicion.errors import InputError
from ambicion.extract.draft import read_draft
from ambicion.pdf.pages import read_pages

from .broken import FONT, assemble, text_page
from .hostile import counted

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"




@contextlib.contextmanager
def limit(name: str, value: int):
    import os

    os.environ[f"AMBICION_{name.upper()}"] = str(value)
    L.limits.cache_clear()
    try:
        yield
    finally:
        del os.environ[f"AMBICION_{name.upper()}"]
        L.limits.cache_clear()


# ---------------------------------------------------------------- Word


def _xml(fragment: str):
    from docx.oxml import parse_xml

    return parse_xml(f'<w:root xmlns:w="{W_NS}" '
                     'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
                     'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                     'xmlns:v="urn:schemas-microsoft-com:vml">' + fragment + "</w:root>")[0]


def _hidden_text_docx(path):
    """A draft whose words sit where python-docx's paragraph.text does not look."""
    import docx

    d = docx.Document()
    d.add_paragraph("Compromiso 1: Publicar los contratos de obras en datos abiertos")
    body = d.element.body
    anchor = body[-1]
    fragments = [
        # tracked insertion
        '<w:p><w:r><w:t xml:space="preserve">El ministerio </w:t></w:r><w:ins w:id="1" w:author="a">'
        '<w:r><w:t>INSERTADOPALABRA</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r>'
        '<w:delText>BORRADOPALABRA</w:delText></w:r></w:del></w:p>',
        # content control (block level) and inline
        '<w:sdt><w:sdtContent><w:p><w:r><w:t>CONTROLBLOQUE</w:t></w:r></w:p></w:sdtContent></w:sdt>',
        '<w:p><w:sdt><w:sdtContent><w:r><w:t>CONTROLLINEA</w:t></w:r></w:sdtContent></w:sdt></w:p>',
        # a field: its code is not text, its shown result is
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>MERGEFIELD x</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>CAMPORESULTADO</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr="DATE"><w:r><w:t>CAMPOSIMPLE</w:t>'
        '</w:r></w:fldSimple></w:p>',
        # a text box, with the fallback copy old readers use (must not be read twice)
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        '<w:p><w:r><w:t>CAJATEXTO</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>CAJATEXTO</w:t></w:r></w:p>'
        '</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>',
    ]
    for frag in fragments:
        el = _xml(frag)
        anchor.addnext(el)
        anchor = el
    outer = d.add_table(rows=1, cols=1)
    inner = outer.cell(0, 0).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "TABLAANIDADA"
    d.save(path)


def test_word_text_in_hidden_places_is_kept(tmp_path, tally):
    with counted(tally, "word-text"):
        path = tmp_path / "draft.docx"
        _hidden_text_docx(path)
        text = " ".join(c.text for c in read_draft(path))
        for word in ("INSERTADOPALABRA", "CONTROLBLOQUE", "CONTROLLINEA", "CAMPORESULTADO", "CAMPOSIMPLE",
                     "CAJATEXTO"):
            assert word in text, word
        assert "BORRADOPALABRA" not in text and "MERGEFIELD" not in text
        assert text.count("CAJATEXTO") == 1


def test_table_nested_in_a_description_cell_keeps_its_words(tmp_path, tally):
    with counted(tally, "word-text"):
        import docx

        d = docx.Document()
        d.add_paragraph("Compromiso 1: Publicar los contratos de obras en datos abiertos")
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).text, t.cell(0, 1).text = "Descripción del compromiso", "El ministerio publicará"
        inner = t.cell(0, 1).add_table(rows=1, cols=2)
        inner.cell(0, 0).text, inner.cell(0, 1).text = "TABLAANIDADA", "OTRACELDA"
        t.cell(1, 0).text, t.cell(1, 1).text = "Entidad responsable", "Ministerio de Economía"
        path = tmp_path / "nested.docx"
        d.save(path)
        text = " ".join(c.text for c in read_draft(path))
        assert "TABLAANIDADA" in text and "OTRACELDA" in text


def test_docm_is_read_without_its_macros(tmp_path, tally):
    with counted(tally, "word-text"):
        import docx

        plain = tmp_path / "plain.docx"
        d = docx.Document()
        d.add_paragraph("Compromiso 1: Publicar los contratos de obras en datos abiertos cada mes")
        d.save(plain)
        docm = tmp_path / "draft.docm"
        with zipfile.ZipFile(plain) as src, zipfile.ZipFile(docm, "w") as dst:
            for info in src.infolist():
                body = src.read(info)
                if info.filename == "[Content_Types].xml":
                    body = body.replace(b"wordprocessingml.document.main+xml",
                                        b"../ms-word.document.macroEnabled.main+xml").replace(
                        b"application/vnd.openxmlformats-officedocument.../ms-word",
                        b"application/vnd.ms-word")
                dst.writestr(info, body)
            dst.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 not run")
        assert b"macroEnabled" in zipfile.ZipFile(docm).read("[Content_Types].xml")
        [c] = read_draft(docm)
        assert "contratos de obras" in c.text


def test_docx_zip_bomb_is_refused_before_unpacking(tmp_path, tally):
    with counted(tally, "decompression-bombs"):
        import docx

        path = tmp_path / "bomb.docx"
        d = docx.Document()
        d.add_paragraph("Compromiso 1: texto")
        buf = io.BytesIO()
        d.save(buf)
        with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(
                path, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                dst.writestr(info, src.read(info))
            dst.writestr("word/media/filler.xml", b"\0" * 20_000_000)  # 20 MB from a few KB
        with pytest.raises(InputError, match="zip bomb"):
            read_draft(path)


# ---------------------------------------------------------------- PDF


def _pdf(content: bytes, *, page_extra: bytes = b"", font: bytes | None = None,
         extra_objects: list[bytes] = (), catalog_extra: bytes = b"", annots: bytes = b"") -> bytes:
    packed = zlib.compress(content)
    font = font or f"<< /Type /Font /Subtype /Type1 /BaseFont /{FONT} >>".encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> " + page_extra + annots + b">>",
            f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed + b"\nendstream",
            font, *extra_objects]
    return assemble(objs)


LINES = ["Compromiso 1: Publicar los contratos de obras en datos abiertos",
         "El ministerio publicara todos los contratos de obra publica en formato abierto cada mes."]


def test_rotated_page_is_read_in_its_own_direction(tmp_path, tally):
    with counted(tally, "pdf-text-layer"):
        path = tmp_path / "rotated.pdf"
        path.write_bytes(_pdf(text_page(LINES), page_extra=b"/Rotate 90 "))
        text = " ".join(c.text for c in read_draft(path))
        assert "contratos de obras en datos abiertos" in text


def _cid_font() -> tuple[bytes, list[bytes]]:
    font = b"<< /Type /Font /Subtype /Type0 /BaseFont /Anon /Encoding /Identity-H /DescendantFonts [6 0 R] >>"
    descendant = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Anon /CIDSystemInfo << /Registry (Adobe) "
                  b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 500 >>")
    descriptor = b"<< /Type /FontDescriptor /FontName /Anon /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 " \
                 b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>"
    return font, [descendant, descriptor]


@pytest.mark.parametrize("engine", ["auto", "pdfplumber"])
def test_fonts_without_unicode_map_are_reported_not_judged(tmp_path, tally, engine):
    with counted(tally, "pdf-text-layer"):
        font, extra = _cid_font()
        glyphs = b"".join(b"<" + b"".join(f"{g:04X}".encode() for g in range(3 + k, 40 + k)) + b"> Tj T*"
                          for k in range(20))
        path = tmp_path / "cid.pdf"
        path.write_bytes(_pdf(b"BT /F1 11 Tf 14 TL 56 780 Td " + glyphs + b" ET", font=font, extra_objects=extra))
        with pytest.raises(InputError, match="OCR"):
            read_pages(path, engine=engine)


def test_control_characters_as_text_are_reported(tmp_path, tally):
    with counted(tally, "pdf-text-layer"):
        path = tmp_path / "controls.pdf"
        junk = bytes(range(1, 31)).replace(b"\n", b"").replace(b"\r", b"").replace(b"\t", b"")
        safe = junk.replace(b"\\", b"").replace(b"(", b"").replace(b")", b"")
        ops = b"BT /F1 11 Tf 14 TL 56 780 Td " + b" ".join(b"(" + safe + b") Tj T*" for _ in range(30)) + b" ET"
        path.write_bytes(_pdf(ops))
        with pytest.raises(InputError, match="OCR"):
            ambicion.read_plan(path)


def test_form_field_answers_are_kept(tmp_path, tally):
    with counted(tally, "pdf-text-layer"):
        path = tmp_path / "form.pdf"
        answer = "Publicar los contratos de obras en datos abiertos cada mes"
        widget = (f"<< /Type /Annot /Subtype /Widget /FT /Tx /T (titulo) /V ({answer}) "
                  "/Rect [56 700 560 720] /P 3 0 R >>").encode()
        path.write_bytes(_pdf(text_page(["Compromiso 1:"]), extra_objects=[widget],
                              catalog_extra=b"/AcroForm << /Fields [6 0 R] >> ", annots=b"/Annots [6 0 R] "))
        text = "\n".join(line.text for page in read_pages(path) for line in page.lines)
        assert answer in text


def test_flate_bomb_is_refused_before_parsing(tmp_path, tally):
    with counted(tally, "decompression-bombs"):
        comp = zlib.compressobj(9)
        bomb = b"".join(comp.compress(b"\0" * 1_000_000) for _ in range(20)) + comp.flush()
        stream = f"<< /Length {len(bomb)} /Filter /FlateDecode >>\nstream\n".encode() + bomb + b"\nendstream"
        path = tmp_path / "bomb.pdf"
        path.write_bytes(_pdf(text_page(LINES), page_extra=b"/Thumb 6 0 R ", extra_objects=[stream]))
        with limit("max_pdf_stream_bytes", 5_000_000):
            with pytest.raises(InputError, match="decompression bomb"):
                ambicion.read_plan(path)
        # under the limit the same file reads (the guard refuses bombs, not big streams)
        assert ambicion.read_draft(path)


@pytest.mark.parametrize("shape", ["rectangles", "table-rows"])
def test_crowded_pages_skip_table_detection(tmp_path, tally, monkeypatch, shape):
    with counted(tally, "crowded-pages"):
        if shape == "rectangles":
            drawing = b"\n".join(f"{20 + (i % 100) * 5} {20 + (i // 100) * 3} 2 2 re".encode()
                                 for i in range(20_000)) + b"\nS\n"
        else:
            # a ruled table of 5,000 rows and three columns, drawn as one path
            rows = [f"40 {40 + i * 0.15:.2f} m 550 {40 + i * 0.15:.2f} l".encode() for i in range(5_001)]
            cols = [f"{x} 40 m {x} 790 l".encode() for x in (40, 200, 380, 550)]
            drawing = b"\n".join(rows + cols) + b"\nS\n"
        path = tmp_path / f"{shape}.pdf"
        path.write_bytes(_pdf(drawing + text_page(LINES)))
        import pdfplumber.page

        def refuse(self, *args, **kwargs):
            raise AssertionError("table detection ran on a crowded page")

        monkeypatch.setattr(pdfplumber.page.Page, "find_tables", refuse)
        [page] = read_pages(path)
        assert any("datos abiertos" in line.text for line in page.lines)


def test_one_unreadable_page_is_left_out_with_a_note(tmp_path, tally):
    with counted(tally, "pdf-text-layer"):
        import warnings

        from ambicion.errors import InputNote

        from .broken import _page_objects

        junk = bytes(c for c in range(1, 32) if c not in (9, 10, 13))
        bad = b"BT /F1 11 Tf 14 TL 56 780 Td " + b" ".join(b"(" + junk + b") Tj T*" for _ in range(20)) + b" ET"
        good = text_page(LINES)
        path = tmp_path / "mixed.pdf"
        path.write_bytes(assemble(_page_objects([good, good, bad, good])))
        with warnings.catch_warnings(record=True) as notes:
            warnings.simplefilter("always")
            pages = read_pages(path)
        assert [bool(p.lines) for p in pages] == [True, True, False, True] or pages[2].lines == ()
        assert any(issubclass(n.category, InputNote) and "page(s) 3" in str(n.message) for n in notes)


def test_flate_compressed_twice_is_caught_even_when_small(tmp_path, tally):
    with counted(tally, "decompression-bombs"):
        twice = zlib.compress(zlib.compress(b"\0" * 20_000_000, 9), 9)  # a few hundred bytes
        stream = (f"<< /Length {len(twice)} /Filter [/FlateDecode /FlateDecode] >>\nstream\n".encode()
                  + twice + b"\nendstream")
        path = tmp_path / "twice.pdf"
        path.write_bytes(_pdf(text_page(LINES), page_extra=b"/Thumb 6 0 R ", extra_objects=[stream]))
        with limit("max_pdf_stream_bytes", 5_000_000):
            with pytest.raises(InputError, match="decompression bomb"):
                ambicion.read_plan(path)


def _lzw_bomb(cycles: int) -> bytes:
    """LZW codes that each name the entry they create (the KwKwK case), so every output is one
    byte longer than the last: a few KB of codes decode to megabytes, cycle after cycle."""
    bits: list[tuple[int, int]] = []
    for _ in range(cycles):
        width = 9
        bits += [(256, width), (0, width)]
        for code in range(258, 4095):
            bits.append((code, width))
            if code + 1 in (511, 1023, 2047):
                width += 1
    bits.append((257, width))
    value = length = 0
    out = bytearray()
    for code, width in bits:
        value = (value << width) | code
        length += width
        while length >= 8:
            length -= 8
            out.append((value >> length) & 0xFF)
    if length:
        out.append((value << (8 - length)) & 0xFF)
    return bytes(out)


def _flate_bomb(megabytes: int) -> bytes:
    comp = zlib.compressobj(9)
    return b"".join(comp.compress(b"\0" * 1_000_000) for _ in range(megabytes)) + comp.flush()


@pytest.mark.parametrize("filters, body", [
    ("[/ASCII85Decode /FlateDecode]", lambda: base64.a85encode(_flate_bomb(20)) + b"~>"),
    ("[/AHx /Fl]", lambda: _flate_bomb(20).hex().encode() + b">"),
    ("/LZWDecode", lambda: _lzw_bomb(4)),
    ("/RL", lambda: b"\x81\x00" * 100_000 + b"\x80"),
])
def test_other_filters_and_chains_are_checked_for_bombs(tmp_path, tally, filters, body):
    """Bombs behind an ASCII layer have no zlib header; LZW and RunLength expand as well."""
    with counted(tally, "decompression-bombs"):
        data = body()
        stream = f"<< /Length {len(data)} /Filter {filters} >>\nstream\n".encode() + data + b"\nendstream"
        path = tmp_path / "bomb.pdf"
        path.write_bytes(_pdf(text_page(LINES), page_extra=b"/Thumb 6 0 R ", extra_objects=[stream]))
        with limit("max_pdf_stream_bytes", 5_000_000):
            with pytest.raises(InputError, match="decompression bomb"):
                ambicion.read_plan(path)
        # with the limit raised the same file reads (the guard refuses bombs, not encodings);
        # RunLength is held to 1/32 of the limit (pdfminer decodes it into a list of ints)
        with limit("max_pdf_stream_bytes", 1_000_000_000):
            assert ambicion.read_draft(path)


def test_lzw_bomb_really_expands():
    """The generated LZW stream is what pdfminer decodes to megabytes (the test above is real)."""
    from pdfminer.lzw import lzwdecode

    data = _lzw_bomb(1)
    assert len(data) < 8_000 and len(lzwdecode(data)) > 7_000_000
