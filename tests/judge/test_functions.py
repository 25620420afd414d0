"""Restated functions: function lists cut into cited items, paraphrase-proof matching, a verdict."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from ambicion.errors import InputError
from ambicion.judge.functions import function_items, split_functions, split_items
from ambicion.model import Assessment

# A ROF-like text written for these tests: a title, chapters, articles with lettered and
# numbered items, a "Son funciones de…:" line and an item that wraps over two lines.
ROF = """REGLAMENTO DE ORGANIZACIÓN Y FUNCIONES DEL INSTITUTO DE ARCHIVOS PÚBLICOS

CAPÍTULO I
DISPOSICIONES GENERALES

Artículo 4.- Funciones generales
Son funciones del Instituto:
a) Organizar, sistematizar y publicar el catálogo de los archivos históricos de la Nación.
b) Supervisar la gestión documental de las entidades públicas y emitir opinión sobre sus
programas de conservación de documentos.
c) Capacitar a los archiveros de las entidades públicas en técnicas de conservación.

Artículo 9.- Funciones de la Dirección de Servicios
9.1 Atender las consultas de los investigadores en la sala de lectura del archivo.
9.2 Elaborar y difundir cada año el informe estadístico de consultas atendidas.
"""


def _flag(a: Assessment):
    return next(f for f in a.flags if f.code == "restates_functions")


# ---------------------------------------------------------------- splitting


def test_items_keep_article_letter_and_number():
    items = split_items(ROF, "ROF")
    refs = [i.reference for i in items]
    assert refs == ["ROF, art. 4, lit. a", "ROF, art. 4, lit. b", "ROF, art. 4, lit. c",
                    "ROF, art. 9, num. 9.1", "ROF, art. 9, num. 9.2"]
    assert items[1].text.endswith("programas de conservación de documentos.")  # wrapped line joined
    assert not any("CAPÍTULO" in i.text or "Son funciones" in i.text for i in items)


def test_inline_literals_and_numbered_lists():
    one_line = ("Artículo 12.- Son funciones de la Oficina: a) Registrar los expedientes de los usuarios; "
                "b) Atender los reclamos presentados en la mesa de partes; c) Publicar el informe mensual de gestión.")
    assert [i.reference for i in split_items(one_line, "ROF")] == [
        "ROF, art. 12, lit. a", "ROF, art. 12, lit. b", "ROF, art. 12, lit. c"]
    numbered = "1. Formular la política sectorial de archivos.\n2. Aprobar las normas técnicas de conservación.\n"
    assert [i.reference for i in split_items(numbered)] == ["num. 1", "num. 2"]
    bullets = "- Mantener el registro nacional de archiveros colegiados.\n- Publicar la lista de archivos abiertos al público.\n"
    assert [i.reference for i in split_items(bullets)] == ["ítem 1", "ítem 2"]
    plain = "Conservar los documentos históricos de la Nación\nDifundir el patrimonio documental del país\n"
    assert [i.reference for i in split_items(plain)] == ["ítem 1", "ítem 2"]


def test_pdf_style_wrapping_and_number_punctuation():
    text = ("ARTÍCULO 6°.- Funciones\n"
            "6.1.- Aprobar el calendario anual de publicaciones estadísticas y difundirlo\n"
            "30 días antes del inicio del año.\n"
            "6.2) Atender los pedidos de microdatos de los investigadores.\n")
    items = split_items(text, "LOF")
    assert [i.reference for i in items] == ["LOF, art. 6, num. 6.1", "LOF, art. 6, num. 6.2"]
    assert items[0].text.startswith("Aprobar") and items[0].text.endswith("inicio del año.")


def test_a_list_with_source_comments_and_cut_excerpts():
    text = ("# source: https://example.org/norma-1\n# source: https://example.org/norma-2\n\n"
            "a) La entidad conserva los expedientes de los procedimientos concluidos durante diez años.\n"
            "b) La entidad entrega copia de los expedientes a quien los solicite, previo pago (...)\n")
    items = split_items(text, "norma")
    assert [i.reference for i in items] == ["norma, lit. a", "norma, lit. b"]
    assert not any("source" in i.text for i in items)


def test_a_list_typed_in_capitals_keeps_its_items():
    text = ("ARTÍCULO 3.- FUNCIONES\nA) CONSERVAR LOS DOCUMENTOS HISTÓRICOS DE LA NACIÓN.\n"
            "B) PUBLICAR EL CATÁLOGO DE LOS ARCHIVOS HISTÓRICOS.\n")
    assert [i.reference for i in split_items(text, "ROF")] == [
        "ROF, art. 3, lit. a", "ROF, art. 3, lit. b"]
    plain = "CONSERVAR LOS DOCUMENTOS HISTÓRICOS DE LA NACIÓN\nPUBLICAR EL CATÁLOGO DE LOS ARCHIVOS HISTÓRICOS\n"
    assert len(split_items(plain)) == 2


def test_article_lines_that_hold_a_function_are_items():
    items = split_functions("Artículo 1. Publicar la memoria anual del ente.\n"
                            "Artículo 2. Atender los reclamos de los usuarios del servicio.")
    assert items[1].startswith("Atender")


def test_the_document_names_itself():
    items = function_items(ROF)
    assert items[0].reference.startswith("ROF, art. 4")
    lof = function_items("Ley de Organización y Funciones del Instituto\nArtículo 3. Funciones\n"
                         "a) Conservar el patrimonio documental de la Nación y sus colecciones.")
    assert lof[0].reference == "LOF, art. 3, lit. a"


def test_a_list_of_strings_is_cited_by_position():
    items = function_items(["Conservar el patrimonio documental de la Nación.",
                            "Publicar el catálogo de archivos históricos."])
    assert [i.reference for i in items] == ["ítem 1", "ítem 2"]


def test_empty_or_missing_functions_are_input_errors(tmp_path):
    with pytest.raises(InputError):
        function_items("\n\n")
    with pytest.raises(InputError):
        function_items("missing-file.pdf")
    empty = tmp_path / "vacío.txt"
    empty.write_text("CAPÍTULO I\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="no function items"):
        function_items(empty)


# ---------------------------------------------------------------- files


def _pdf(path: Path, text: str) -> Path:
    fpdf = pytest.importorskip("fpdf")
    import matplotlib

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(font))
    pdf.set_font("DejaVu", size=10)
    for line in text.splitlines():
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_functions_from_pdf(tmp_path):
    items = function_items(_pdf(tmp_path / "rof.pdf", ROF))
    assert [i.reference for i in items][:2] == ["ROF, art. 4, lit. a", "ROF, art. 4, lit. b"]
    assert items[0].text.startswith("Organizar, sistematizar y publicar el catálogo")


def test_functions_from_docx_paragraphs_and_tables(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in ROF.splitlines()[:12]:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "9.1"
    table.cell(0, 1).text = "Atender las consultas de los investigadores en la sala de lectura del archivo."
    path = tmp_path / "rof.docx"
    document.save(str(path))
    refs = [i.reference for i in function_items(path)]
    assert refs == ["ROF, art. 4, lit. a", "ROF, art. 4, lit. b", "ROF, art. 4, lit. c", "ROF, art. 4, num. 9.1"]


def test_several_files_and_a_text_path(tmp_path):
    first = tmp_path / "rof.txt"
    first.write_text(ROF, encoding="utf-8")
    second = tmp_path / "lof.txt"
    second.write_text("Ley de Organización y Funciones\nArtículo 2. Funciones\n"
                      "a) Declarar bienes integrantes del patrimonio documental de la Nación.", encoding="utf-8")
    items = function_items([first, second])
    assert items[-1].reference == "LOF, art. 2, lit. a"
    assert function_items(str(first)) == function_items(first)


def test_a_binary_file_is_refused_in_one_line(tmp_path):
    bad = tmp_path / "rof.txt"
    bad.write_bytes(b"\x00\x01\x02" * 50)
    with pytest.raises(InputError, match="rof.txt"):
        function_items(bad)


# ---------------------------------------------------------------- the verdict


PARAPHRASES = [
    # nominalisation for verbs, synonyms, other order, padding words
    ("Catálogo de archivos. El Instituto realizará la organización y la sistematización del catálogo de "
     "los archivos históricos de la Nación y lo difundirá.", "ROF, art. 4, lit. a"),
    ("Se fortalecerá la supervisión de la gestión documental que realizan las entidades públicas.",
     "ROF, art. 4, lit. b"),
    ("Capacitación de archiveros. Se impartirán capacitaciones en técnicas de conservación a los archiveros "
     "de las entidades públicas de todo el país.", "ROF, art. 4, lit. c"),
    ("Cada año se elaborará el informe estadístico de las consultas atendidas y se realizará su difusión.",
     "ROF, art. 9, num. 9.2"),
]


@pytest.mark.parametrize("text,reference", PARAPHRASES)
def test_paraphrased_restatements_are_flagged_citing_the_function(assess, text, reference):
    flag = _flag(assess(text, functions=ROF))
    assert flag.present, flag.detail
    assert reference in [c.reference for c in flag.functions]
    cited = next(c for c in flag.functions if c.reference == reference)
    assert cited.phrase and cited.phrase in text and 0 < cited.similarity <= 1
    assert reference in flag.detail


GOING_BEYOND = [
    ("Catálogo en datos abiertos. El Instituto publicará el catálogo de los archivos históricos de la Nación "
     "en formato de datos abiertos y aprobará una directiva que obligue a todas las entidades a publicar sus "
     "inventarios documentales.", ("binding", "open_data")),
    ("Supervisión con respuesta. Se supervisará la gestión documental de las entidades públicas mediante un "
     "comité ciudadano independiente, cuyas observaciones el Instituto deberá responder públicamente en un "
     "plazo de 30 días.", ("oversight", "duty_to_respond")),
]


@pytest.mark.parametrize("text,families", GOING_BEYOND)
def test_same_words_but_going_beyond_stays_unflagged_and_says_why(assess, text, families):
    a = assess(text, functions=ROF)
    flag = _flag(a)
    assert not flag.present
    assert flag.beyond and {e.rule.split(":")[1] for e in flag.beyond} & set(families)
    assert "va más allá" in flag.detail
    assert any("va más allá" in r for r in a.ambition_reasons)


def test_publishing_under_the_law_the_text_invokes_is_not_going_beyond(assess):
    text = ("Informe de consultas. En cumplimiento de la Ley N° 40123, el Instituto seguirá elaborando el informe "
            "estadístico anual de las consultas atendidas y lo difundirá en su portal.")
    flag = _flag(assess(text, functions=ROF))
    assert flag.present and not flag.beyond
    assert "ROF, art. 9, num. 9.2" in [c.reference for c in flag.functions]


def test_an_unrelated_commitment_matches_nothing(assess):
    a = assess("El Congreso aprobará una ley de protección a denunciantes con sanciones por represalias.",
               functions=ROF)
    flag = _flag(a)
    assert not flag.present and not flag.functions
    assert (flag.similarity or 0) < 0.55


def test_restated_means_unclear_ambition_and_a_suggestion_to_go_beyond(assess):
    a = assess(PARAPHRASES[0][0], functions=ROF)
    assert a.ambition == "unclear"
    assert "no puede ser la ambición" in a.suggestions[0]
    assert any("ROF, art. 4, lit. a" in r for r in a.ambition_reasons)


def test_the_verdict_holds_without_the_trained_model():
    from ambicion.judge.api import Judge

    rules_only = Judge(None, use_model=False)
    text, reference = PARAPHRASES[1]
    a = rules_only.assess_many([text], functions=ROF)[0]
    assert _flag(a).present and reference in [c.reference for c in _flag(a).functions]
    b = rules_only.assess_many([GOING_BEYOND[0][0]], functions=ROF)[0]
    assert not _flag(b).present


def test_english_commitments_against_english_functions(assess):
    functions = ("Article 7. Functions\na) Publish every quarter the list of grants awarded by the Fund.\n"
                 "b) Inspect the projects financed by the Fund and penalise misuse of funds.\n")
    a = assess("Grant transparency. The Fund will continue the quarterly publication of the grants it awards.",
               functions=functions)
    assert _flag(a).present and _flag(a).functions[0].reference == "art. 7, lit. a"
    b = assess("Grant transparency. The Fund will publish the grants it awards every quarter as open data, and "
               "a new binding regulation will require recipients to report results publicly.", functions=functions)
    assert not _flag(b).present and _flag(b).beyond


def test_an_english_commitment_against_a_spanish_rof(assess):
    a = assess("Archive catalogue. The Institute will organise, systematise and publish the catalogue of the "
               "Nation's historical archives.", functions=ROF, language="en")
    assert _flag(a).present
    assert "ROF, art. 4, lit. a" in [c.reference for c in _flag(a).functions]


def test_shipped_obligations_are_used_without_functions(assess):
    a = assess("La entidad mantendrá actualizado el Portal de Transparencia Estándar y atenderá las solicitudes "
               "de acceso a la información pública en diez días hábiles.")
    flag = _flag(a)
    assert flag.present
    refs = " ".join(c.reference for c in flag.functions)
    assert "27806" in refs and "063-2010-PCM" in refs
    en = assess("The ministry will answer requests for access to public information within ten working days.")
    assert _flag(en).present and "Transparency Law" in _flag(en).functions[0].reference


def test_the_citations_round_trip_through_dicts(assess):
    a = assess(PARAPHRASES[0][0], functions=ROF)
    back = Assessment.from_dict(json.loads(json.dumps(a.to_dict())))
    assert _flag(back).functions == _flag(a).functions


# ---------------------------------------------------------------- data files


def _data(name: str) -> dict:
    return json.loads(resources.files("ambicion").joinpath(f"data/{name}").read_text("utf-8"))


def test_every_obligation_has_both_languages_and_a_reference():
    obligations = _data("legal_obligations_pe.json")["obligations"]
    assert len({o["id"] for o in obligations}) == len(obligations)
    for o in obligations:
        for key in ("es", "en", "reference_es", "reference_en", "law"):
            assert o[key].strip(), (o["id"], key)
    laws = " ".join(o["reference_es"] for o in obligations)
    for law in ("27806", "063-2010-PCM", "072-2003-PCM", "27785", "28056", "092-2017-PCM"):
        assert law in laws


def test_no_word_belongs_to_two_concepts():
    concepts = _data("function_terms.json")["concepts"]
    for lang in ("es", "en"):
        owner: dict[str, str] = {}
        for name, entry in concepts.items():
            for word in entry.get(lang, []):
                assert owner.setdefault(word, name) == name, (lang, word, owner[word], name)
