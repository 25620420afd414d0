"""Generators of malformed PDFs, built from bytes so each one breaks in a known way.

Kept separate from the tests so the robustness summary and the CLI tests share one source.
"""

from __future__ import annotations

import random
import zlib
from typing import Callable, Iterator

FONT = "Helvetica"


def assemble(objects: list[bytes], *, xref: bool = True, root: int = 1) -> bytes:
    """Write a classic PDF file from numbered object bodies, with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
        for off in offsets:
            out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\nstartxref\n{start}\n%%EOF\n".encode()
    return bytes(out)


def _page_objects(contents: list[bytes], extra: bytes = b"") -> list[bytes]:
    n = len(contents)
    font_id = 3 + 2 * n
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode()]
    for i, content in enumerate(contents):
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
                    f"/Resources << /Font << /F1 {font_id} 0 R >> >> ".encode() + extra + b">>")
        packed = zlib.compress(content)
        objs.append(f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed + b"\nendstream")
    objs.append(f"<< /Type /Font /Subtype /Type1 /BaseFont /{FONT} >>".encode())
    return objs


def text_page(lines: list[str]) -> bytes:
    ops = [b"BT /F1 11 Tf 14 TL 56 780 Td"]
    for line in lines:
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + safe.encode("latin-1", "replace") + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def valid_plan() -> bytes:
    """A small, valid prose plan: the base that the corruptions below start from."""
    lines = ["Plan de Accion de Gobierno Abierto 2023-2025", "",
             "Compromiso 1: Publicar los contratos de obras en datos abiertos",
             "Entidad responsable: Ministerio de Economia",
             "El ministerio publicara todos los contratos de obra publica en formato abierto.",
             "Compromiso 2: Crear un mecanismo de consulta ciudadana vinculante",
             "Entidad responsable: Congreso de la Republica",
             "Se aprobara un reglamento que obliga a responder por escrito a cada aporte."]
    return assemble(_page_objects([text_page(lines)]))


def truncated(seed: int = 0, count: int = 12) -> Iterator[tuple[str, bytes]]:
    base = valid_plan()
    rng = random.Random(seed)
    for offset in sorted(rng.sample(range(8, len(base) - 8), count)):
        yield f"truncated-at-{offset}", base[:offset]


def random_bytes(seed: int = 0, count: int = 8) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(seed)
    for i in range(count):
        yield f"random-{i}", b"%PDF-1.7\n" + rng.randbytes(rng.randint(10, 4000))


def corrupted_xref() -> Iterator[tuple[str, bytes]]:
    base = valid_plan()
    start = base.rindex(b"xref")
    yield "xref-garbled", base[:start] + b"xref\n0 9\nthis is not a table\n" + base[start + 40:]
    yield "startxref-wrong", base.replace(b"startxref\n", b"startxref\n9", 1)
    yield "no-xref", assemble(_page_objects([text_page(["Compromiso 1: algo"])]), xref=False)
    yield "root-missing", assemble(_page_objects([text_page(["Compromiso 1: algo"])]), root=99)


def encrypted() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Compromiso 1: secreto")
    return bytes(pdf.output())


def image_only() -> bytes:
    """What a scanner makes: one page holding one picture and no text layer."""
    import io

    from fpdf import FPDF
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(img).text((40, 40), "Compromiso 1: escaneado", fill="black")
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(buf, x=10, y=10, w=180)
    return bytes(pdf.output())


def many_empty_pages(count: int = 2000) -> bytes:
    return assemble(_page_objects([b""] * count))


def huge_page(chars: int = 100_000, pages: int = 1) -> bytes:
    word = "transparencia "
    text = (word * (chars // len(word) + 1))[:chars]
    lines = [text[i:i + 90] for i in range(0, len(text), 90)]
    return assemble(_page_objects([text_page(lines)] * pages))


def deeply_nested(depth: int = 50_000) -> bytes:
    nest = b"[" * depth + b"]" * depth
    return assemble(_page_objects([text_page(["Compromiso 1: anidado"])], extra=b"/Nest " + nest + b" "))


def not_a_pdf() -> Iterator[tuple[str, bytes]]:
    yield "text-named-pdf", "Esto no es un PDF.\n".encode()
    yield "empty-file", b""
    yield "zip-named-pdf", b"PK\x03\x04" + bytes(200)


Case = tuple[str, str, bytes]


def all_cases() -> list[Case]:
    """Every malformed input as (kind, name, bytes), deterministic."""
    cases: list[Case] = []
    cases += [("truncated", n, b) for n, b in truncated()]
    cases += [("random-bytes", n, b) for n, b in random_bytes()]
    cases += [("corrupted-xref", n, b) for n, b in corrupted_xref()]
    cases += [("not-a-pdf", n, b) for n, b in not_a_pdf()]
    cases.append(("encrypted", "encrypted", encrypted()))
    cases.append(("scanned", "image-only", image_only()))
    cases.append(("empty-pages", "2000-empty-pages", many_empty_pages()))
    cases.append(("huge-page", "100k-chars", huge_page()))
    cases.append(("deeply-nested", "nested-50k", deeply_nested()))
    return cases


GENERATORS: dict[str, Callable[[], object]] = {}
