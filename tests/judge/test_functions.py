"""Restated functions: the flag names the closest function and its similarity."""

from __future__ import annotations

import pytest

from ambicion.errors import InputError
from ambicion.judge.functions import function_items, split_functions

ROF = """Artículo 5.- Funciones de la Dirección de Comunicaciones
a) Elaborar y publicar el boletín institucional mensual con las actividades del ministerio.
b) Administrar las redes sociales y la página web institucional.
c) Organizar las conferencias de prensa del despacho ministerial.
d) Atender los pedidos de información de los medios de comunicación.
"""

COMMITMENT = ("Boletín mensual. La Dirección de Comunicaciones seguirá elaborando y publicando el boletín "
              "institucional mensual con las actividades del ministerio.")


def test_split_functions_by_letters_and_articles():
    items = split_functions(ROF)
    assert len(items) == 5
    assert items[1].startswith("Elaborar y publicar el boletín")
    assert split_functions("Artículo 1. Publicar la memoria anual del ente.\nArtículo 2. Atender los reclamos de los usuarios del servicio.")[1].startswith("Atender")


def test_functions_text_names_the_restated_function(assess):
    a = assess(COMMITMENT, functions=ROF)
    flag = next(f for f in a.flags if f.code == "restates_functions")
    assert flag.matched_function.startswith("Elaborar y publicar el boletín institucional")
    assert flag.similarity > 0.5
    assert flag.present
    assert any(e.rule == "function_similarity" for e in flag.evidence)


def test_functions_as_list_and_file(assess, tmp_path):
    listed = assess(COMMITMENT, functions=split_functions(ROF))
    path = tmp_path / "rof.txt"
    path.write_text(ROF, encoding="utf-8")
    from_file = assess(COMMITMENT, functions=path)
    from_str_path = assess(COMMITMENT, functions=str(path))
    names = {next(f.matched_function for f in x.flags if f.code == "restates_functions")
             for x in (listed, from_file, from_str_path)}
    assert len(names) == 1


def test_functions_from_docx(assess, tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in ROF.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "rof.docx"
    document.save(str(path))
    a = assess(COMMITMENT, functions=path)
    flag = next(f for f in a.flags if f.code == "restates_functions")
    assert "boletín" in flag.matched_function


def test_unrelated_commitment_has_low_similarity(assess):
    a = assess("El Congreso aprobará una ley de protección a denunciantes con sanciones por represalias.",
               functions=ROF)
    flag = next(f for f in a.flags if f.code == "restates_functions")
    assert (flag.similarity or 0) < 0.3
    assert not flag.present


def test_default_legal_obligations_when_no_functions(assess):
    a = assess("La entidad mantendrá actualizado el Portal de Transparencia Estándar con la información "
               "que exige la ley y atenderá las solicitudes de acceso a la información pública en diez días hábiles.")
    flag = next(f for f in a.flags if f.code == "restates_functions")
    assert flag.present
    assert "Portal de Transparencia" in flag.matched_function or "solicitudes" in flag.matched_function


def test_empty_functions_are_an_input_error():
    with pytest.raises(InputError):
        function_items("\n\n")
    with pytest.raises(InputError):
        function_items("missing-file.pdf")


def test_functions_from_pdf(assess, tmp_path):
    fpdf = pytest.importorskip("fpdf")
    import matplotlib
    from pathlib import Path

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(font))
    pdf.set_font("DejaVu", size=11)
    for line in ROF.splitlines():
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "rof.pdf"
    pdf.output(str(path))
    a = assess(COMMITMENT, functions=path)
    flag = next(f for f in a.flags if f.code == "restates_functions")
    assert flag.matched_function.startswith("Elaborar y publicar el boletín")
