"""The forum desk over HTTP: rounds, uploads, decisions, exports, escaping and the guards."""

from __future__ import annotations

import io
import re

import pytest

from .conftest import HOSTILE, ORIGIN, csrf_of, new_round, post, upload

openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")


def _rows(html: str) -> list[str]:
    body = html.split('<table class="list" id="proposals">', 1)[1].split("</table>", 1)[0]
    return [re.sub(r"<[^>]+>", " ", r) for r in body.split("<tr>")[2:]]


def test_spanish_first_english_on_request(client):
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="es">' in page.text and "Rondas de co-creación" in page.text
    english = client.get("/?lang=en")
    assert '<html lang="en">' in english.text and "Co-creation rounds" in english.text
    assert '<html lang="en">' in client.get("/").text  # the choice is remembered


def test_word_draft_screened_into_the_round_list(client, draft_docx):
    round_path = new_round(client)
    page = upload(client, round_path, draft_docx)
    assert "Se agregaron 3 propuestas." in page.text
    rows = _rows(page.text)
    assert len(rows) == 3
    assert all("borrador_sociedad_civil.docx" in r and "Pendiente" in r for r in rows)
    assert "Aplicativo móvil" in rows[0]


def test_proposal_page_shows_verdict_evidence_and_advice_without_numbers(client, draft_docx):
    round_path = new_round(client)
    upload(client, round_path, draft_docx)
    page = client.get(f"{round_path}/proposals/3").text
    assert "Propuesta 3. Datos abiertos de las contrataciones públicas" in page
    assert '<mark class="value"' in page                 # evidence highlighted in the text
    assert "Acceso a la información" in page and "Potencial de resultados" in page
    assert re.search(r"confianza (alta|media|baja)", page)
    assert "Sugerencias para elevar la ambición" in page
    assert not re.search(r"\d\s?%|0\.\d\d", re.sub(r"<(style|link)[^>]*>", "", page))


def test_decision_recorded_and_kept_after_restart(make_client, tmp_path, draft_docx):
    data = tmp_path / "kept"
    first = make_client(data)
    round_path = new_round(first, "Primera ronda")
    upload(first, round_path, draft_docx)
    saved = post(first, f"{round_path}/proposals/2/decision",
                 {"decision": "partly_adopted", "answer": "Se incorpora el hito 1.\nGracias."})
    assert "Decisión guardada para la propuesta 2." in saved.text
    assert 'id="next-pending" href="/rounds/1/proposals/3"' in saved.text
    restarted = make_client(data)
    listing_page = restarted.get(round_path).text
    rows = _rows(listing_page)
    assert "Adoptada parcialmente" in rows[1] and "Pendiente" in rows[0]
    assert "3 propuestas · 1 con decisión · 2 pendientes" in listing_page
    page = restarted.get(f"{round_path}/proposals/2").text
    assert '<option value="partly_adopted" selected>' in page
    assert "Se incorpora el hito 1.\nGracias.</textarea>" in page
    listing = restarted.get("/").text
    assert "Primera ronda" in listing


def test_several_rounds_are_kept_apart(client, draft_docx):
    a = new_round(client, "Ronda A")
    b = new_round(client, "Ronda B")
    upload(client, a, draft_docx)
    upload(client, b, text="Compromiso 1. Mesa de diálogo\nInstalar una mesa de diálogo con la "
                           "ciudadanía para rendir cuentas cada trimestre.", source="Colectivo X")
    assert len(_rows(client.get(a).text)) == 3
    rows_b = _rows(client.get(b).text)
    assert len(rows_b) == 1 and "Colectivo X" in rows_b[0]


def test_xlsx_export_carries_decisions_answers_and_the_list(client, draft_docx):
    round_path = new_round(client)
    upload(client, round_path, draft_docx)
    post(client, f"{round_path}/proposals/1/decision",
         {"decision": "not_adopted", "answer": "=1+1 no es un compromiso de apertura."})
    r = client.get(f"{round_path}/export/xlsx")
    assert r.status_code == 200
    assert r.headers["content-disposition"].startswith("attachment;")
    book = openpyxl.load_workbook(io.BytesIO(r.content))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    decision_col = header.index("Decisión del foro") + 1
    answer_col = header.index("Respuesta al participante") + 1
    assert sheet.max_row == 4
    assert sheet.cell(2, decision_col).value == "No adoptada"
    assert sheet.cell(2, answer_col).value == "'=1+1 no es un compromiso de apertura."
    assert sheet.cell(3, decision_col).value is None
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    letter = sheet.cell(1, decision_col).column_letter
    chosen = [v for v in lists if letter in str(v.sqref)]
    assert chosen and all(d in chosen[0].formula1 for d in
                          ("Adoptada", "Adoptada parcialmente", "No adoptada"))


def test_word_markdown_and_html_exports_carry_the_answer(client, draft_docx):
    round_path = new_round(client, "Ronda 2027")
    upload(client, round_path, draft_docx)
    post(client, f"{round_path}/proposals/3/decision",
         {"decision": "adopted", "answer": "Adoptada tal como se propuso."})
    word = docx.Document(io.BytesIO(client.get(f"{round_path}/export/docx").content))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Propuesta 3. Datos abiertos de las contrataciones públicas" in text
    assert "Decisión del foro: Adoptada" in text and "Adoptada tal como se propuso." in text
    assert "Decisión del foro: Pendiente" in text
    md = client.get(f"{round_path}/export/md").text
    assert "- **Decisión del foro:** Adoptada" in md and "Adoptada tal como se propuso." in md
    html = client.get(f"{round_path}/export/html").text
    third = html.split('<section class="card"')[3]  # the decision and answer sit in its own card
    assert "Adoptada" in third and "Adoptada tal como se propuso." in third
    assert "Pendiente" in html.split('<section class="card"')[0]  # the overview of the round
    english = client.get(f"{round_path}/export/docx?lang=en").content
    assert "Forum decision: Adopted" in "\n".join(
        p.text for p in docx.Document(io.BytesIO(english)).paragraphs)


def test_hostile_text_is_escaped_everywhere(client, hostile_docx):
    round_path = new_round(client, '<b onmouseover="x">ronda</b>')
    upload(client, round_path, hostile_docx, text=f"Compromiso 1. {HOSTILE}\nTexto {HOSTILE}",
           source=HOSTILE)
    post(client, f"{round_path}/proposals/1/decision", {"decision": "adopted", "answer": HOSTILE})
    pages = [client.get(round_path).text, client.get(f"{round_path}/proposals/1").text,
             client.get(f"{round_path}/proposals/2").text, client.get("/").text,
             client.get(f"{round_path}/export/html").text]
    for page in pages:
        assert "<script>" not in page and "<img" not in page and "<b onmouseover" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in pages[1] \
        or "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in pages[1]
    md = client.get(f"{round_path}/export/md").text
    assert not re.search(r"(?<!\\)<(script|img)", md)  # markup arrives escaped: \<script>
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(f"{round_path}/export/xlsx").content)).worksheets[0]
    for row in sheet.iter_rows(min_row=2, values_only=True):
        assert not any(isinstance(v, str) and v.startswith("=") for v in row)


def test_bad_files_are_reported_one_line_each_and_the_rest_kept(client, draft_docx, tmp_path):
    fake = tmp_path / "no_es_pdf.pdf"
    fake.write_bytes(b"esto no es un PDF")
    program = tmp_path / "programa.exe"
    program.write_bytes(b"MZ\x90\x00")
    round_path = new_round(client)
    page = upload(client, round_path, fake, program, draft_docx).text
    assert "Se agregaron 3 propuestas." in page
    failed = page.split("No se pudo leer:", 1)[1].split("</ul>", 1)[0]
    assert "<code>no_es_pdf.pdf</code>" in failed and "<code>programa.exe</code>" in failed
    assert "tipo de archivo no admitido (.exe)" in failed
    assert "no es un archivo PDF (no empieza con la firma %PDF-)" in failed  # the library's reason, in Spanish
    assert "Traceback" not in page
    client.get("/?lang=en")  # the desk remembers the language in a cookie
    english = upload(client, round_path, fake).text
    assert "not a PDF file (it does not start with the %PDF- signature)" in english


def test_nothing_given_says_so(client):
    round_path = new_round(client)
    page = upload(client, round_path).text
    assert "Elija al menos un archivo o pegue un texto." in page


def test_invalid_decision_is_refused(client, draft_docx):
    round_path = new_round(client)
    upload(client, round_path, draft_docx)
    page = post(client, f"{round_path}/proposals/1/decision", {"decision": "maybe", "answer": "x"})
    assert "Elija una de las decisiones de la lista." in page.text
    assert "Pendiente" in _rows(client.get(round_path).text)[0]


def test_removed_proposal_leaves_the_others_numbered(client, draft_docx):
    round_path = new_round(client)
    upload(client, round_path, draft_docx)
    unconfirmed = post(client, f"{round_path}/proposals/2/remove", {}).text
    assert "Marque la casilla" in unconfirmed and len(_rows(client.get(round_path).text)) == 3
    page = post(client, f"{round_path}/proposals/2/remove", {"confirm": "yes"}).text
    assert "Se quitó la propuesta 2." in page
    # the round is renumbered as the exported feedback numbers it; links keep their own key
    assert [r.split()[0] for r in _rows(page)] == ["1", "2"]
    assert f'href="{round_path}/proposals/3"' in page
    assert client.get(f"{round_path}/proposals/2").status_code == 404
    assert "Propuesta 2. Datos abiertos" in client.get(f"{round_path}/proposals/3").text


def test_unknown_pages_are_404_in_words(client):
    r = client.get("/rounds/99")
    assert r.status_code == 404 and "No existe esa página." in r.text
    round_path = new_round(client)
    assert client.get(f"{round_path}/export/exe").status_code == 404


def test_upload_size_limit_refuses_large_bodies(make_client, tmp_path):
    client = make_client(max_upload_bytes=20_000)
    round_path = new_round(client)
    big = tmp_path / "grande.txt"
    big.write_bytes(b"Compromiso 1. Texto\n" + b"a" * 50_000)
    r = upload(client, round_path, big)
    assert r.status_code == 413 and "supera el límite" in r.text
    token = csrf_of(client.get("/").text)
    # a body without Content-Length (chunked) is counted as it arrives
    chunks = iter([f"csrf={token}&text=".encode()] + [b"a" * 5_000] * 10)
    r = client.post(f"{round_path}/proposals", content=chunks,
                    headers={"origin": ORIGIN, "content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    assert _rows_or_none(client.get(round_path).text) is None


def _rows_or_none(html: str):
    return _rows(html) if 'id="proposals"' in html else None


def test_forms_need_the_desk_origin_and_token(client):
    token = csrf_of(client.get("/").text)
    foreign = client.post("/rounds", data={"csrf": token, "name": "x"},
                          headers={"origin": "http://evil.example"})
    assert foreign.status_code == 403
    missing = client.post("/rounds", data={"csrf": token, "name": "x"})
    assert missing.status_code == 403
    no_token = client.post("/rounds", data={"name": "x"}, headers={"origin": ORIGIN})
    assert no_token.status_code == 403
    referer = client.post("/rounds", data={"csrf": token, "name": "ok"},
                          headers={"referer": f"{ORIGIN}/"})
    assert referer.status_code == 200
    assert "El formulario no vino de este escritorio" in foreign.text
    assert "ok" in client.get("/").text and client.get("/").text.count("/rounds/") == 1


def test_local_desk_answers_only_loopback_names(make_client):
    rebound = make_client(base_url="http://attacker.example")
    assert rebound.get("/").status_code == 403


def test_shared_desk_requires_its_key(make_client, tmp_path):
    shared = make_client(token="clave-de-prueba", base_url="http://192.0.2.10:8000")
    refused = shared.get("/")
    assert refused.status_code == 403 and str(tmp_path) not in refused.text
    assert shared.get("/static/desk.css").status_code == 200  # the refusal page keeps its style
    assert shared.get("/?key=otra").status_code == 403
    welcomed = shared.get("/?key=clave-de-prueba")
    assert welcomed.status_code == 200 and str(welcomed.url) == "http://192.0.2.10:8000/"
    assert "Rondas de co-creación" in welcomed.text
    assert shared.get("/rounds/1").status_code == 404  # past the gate with the cookie
    shared.cookies.clear()
    assert shared.get("/").status_code == 403


def test_pages_carry_a_strict_content_policy(client):
    headers = client.get("/").headers
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_functions_file_names_the_function_a_proposal_restates(client, draft_docx, tmp_path):
    functions = tmp_path / "funciones.txt"
    functions.write_text("Funciones de la entidad\n"
                         "a) Mantener actualizado el Portal de Transparencia Estándar de la entidad.\n"
                         "b) Atender las solicitudes de acceso a la información pública.\n",
                         encoding="utf-8")
    round_path = new_round(client)
    files = [("files", (draft_docx.name, draft_docx.read_bytes(), "application/octet-stream")),
             ("functions", (functions.name, functions.read_bytes(), "text/plain"))]
    post(client, f"{round_path}/proposals", {}, files=files)
    page = client.get(f"{round_path}/proposals/2").text
    assert "Reitera funciones existentes" in page
    assert "Función que reitera: «" in page and "Portal de Transparencia" in page.split(
        "Función que reitera: «", 1)[1]


def test_too_many_files_are_refused_in_words(make_client, tmp_path):
    client = make_client(max_files=2)
    round_path = new_round(client)
    drafts = []
    for i in range(3):
        drafts.append(tmp_path / f"p{i}.txt")
        drafts[-1].write_text(f"Compromiso 1. Propuesta {i}\nPublicar los datos de obras.", "utf-8")
    page = upload(client, round_path, *drafts).text
    assert "como máximo 2 archivos" in page and 'id="proposals"' not in page


def test_an_empty_round_exports_every_format(client):
    round_path = new_round(client)
    for fmt in ("html", "md", "xlsx", "docx"):
        r = client.get(f"{round_path}/export/{fmt}")
        assert r.status_code == 200 and r.content


def test_a_failing_export_is_one_line_on_a_page(client, draft_docx, monkeypatch):
    from ambicion_desk import feedback

    round_path = new_round(client)
    upload(client, round_path, draft_docx)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(feedback, "_render", broken)
    r = client.get(f"{round_path}/export/xlsx")
    assert r.status_code == 500
    assert "No se pudo preparar el archivo: error inesperado (OSError)" in r.text
    assert "Traceback" not in r.text


def test_a_proposal_page_shows_its_fields_as_the_written_feedback_does(client, draft_docx):
    round_path = new_round(client)
    upload(client, round_path, draft_docx)
    page = client.get(f"{round_path}/proposals/3").text
    text = page.split('<div class="text">', 1)[1].split("</div>", 1)[0]
    headings = re.findall(r'<p class="field">([^<]+)</p>', text)
    assert headings[0] == "Problema que aborda" and headings[-1] == "Hitos"
    exported = client.get(f"{round_path}/export/html").text.split('<section class="card"')[3]
    assert [h for h in headings] == [h for h in re.findall(r'<p class="field">([^<]+)</p>', exported)]
    assert re.search(r"<li>[^<]*(<mark[^>]*>[^<]*</mark>[^<]*)*<span class=\"muted\">\(\w+ \d{4}", text)
