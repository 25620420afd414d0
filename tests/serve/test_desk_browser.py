"""The forum desk end to end in a real browser (Playwright driving the system's Chromium).

Starts the real `ambicion serve` in a subprocess on a free port with a temporary data
folder, uploads a generated Word draft, records a decision, restarts the server and finds
the decision still there, then downloads the round's XLSX. A screenshot of every page is
written to a folder this test prints (set AMBICION_DESK_SCREENSHOTS to choose it).
Skipped only where Playwright or Chromium is missing.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from .conftest import SCREENSHOTS

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "",
                             shutil.which("chromium-browser") or "") if p and Path(p).exists()), None)
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine")]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STARTUP = 60.0


@contextmanager
def desk_server(data_dir: Path, *extra: str) -> Iterator[str]:
    """Run `ambicion serve` until the block ends; yields the URL it printed."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "ambicion_cli.main", "serve", "--data-dir",
                             str(data_dir), *extra], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env)
    try:
        url = _printed_url(proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _printed_url(proc: subprocess.Popen) -> str:
    deadline = time.monotonic() + STARTUP
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"ambicion serve ended early (exit {proc.wait()})")
        found = re.search(r"(http://\S+)", line)
        if found:
            return found.group(1)
    raise AssertionError("ambicion serve printed no URL")


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory, pytestconfig) -> Path:
    chosen = os.environ.get("AMBICION_DESK_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("desk_screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    pytestconfig.stash[SCREENSHOTS] = folder
    return folder


@pytest.fixture
def browser(tmp_path):
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=CHROMIUM, headless=True,
            args=ARGS, accept_downloads=True, viewport={"width": 1200, "height": 900})
        try:
            yield context
        finally:
            context.close()


def test_forum_round_end_to_end(browser, tmp_path, draft_docx, screenshots):
    data = tmp_path / "desk-data"
    page = browser.new_page()
    shot = lambda name: page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)

    with desk_server(data) as url:
        page.goto(url)
        assert page.locator("h1").first.inner_text() == "Escritorio del foro"
        shot("01_rondas")
        page.fill("#name", "Plan de acción 2027-2029, primera ronda")
        page.click("form.inline button[type=submit]")
        page.wait_for_selector("h1:has-text('primera ronda')")
        shot("02_ronda_vacia")

        page.set_input_files("#files", str(draft_docx))
        page.click("form.stack button[type=submit]")
        page.wait_for_selector("#proposals")
        assert "Se agregaron 3 propuestas." in page.inner_text("main")
        assert page.locator("#proposals tbody tr").count() == 3
        shot("03_ronda_con_propuestas")
        round_url = page.url.split("?")[0]

        page.click("#proposals tbody tr:nth-child(3) a")
        page.wait_for_selector("section.card")
        assert page.locator("section.card mark").count() > 0
        shot("04_propuesta")
        page.select_option("#decision", label="Adoptada parcialmente")
        page.fill("#answer", "El foro incorpora el compromiso y pide fechas por hito.")
        page.click("section.decide button[type=submit]")
        page.wait_for_selector(".notice.ok")
        assert "Decisión guardada para la propuesta 3." in page.inner_text(".notice.ok")
        shot("05_decision_guardada")

        page.goto(round_url + "?lang=en")
        page.wait_for_selector("#proposals")
        assert "Partly adopted" in page.inner_text("#proposals")
        shot("06_round_in_english")
        page.goto(round_url + "?lang=es")

    with desk_server(data) as url:  # a new server (and port) on the same data folder
        base = url.rstrip("/")
        path = "/" + round_url.split("/", 3)[3]
        page.goto(base + path)
        page.wait_for_selector("#proposals")
        status = page.locator("#proposals tbody tr:nth-child(3) .status").inner_text()
        assert status == "Adoptada parcialmente"
        shot("07_tras_reiniciar")
        page.click("#proposals tbody tr:nth-child(3) a")
        page.wait_for_selector("#answer")
        assert page.input_value("#answer") == "El foro incorpora el compromiso y pide fechas por hito."

        page.goto(base + path)
        with page.expect_download() as info:
            page.click("a.button:has-text('XLSX')")
        download = info.value
        target = tmp_path / download.suggested_filename
        download.save_as(str(target))
        saved = {}
        for label in ("DOCX", "HTML"):
            with page.expect_download() as info:
                page.click(f"a.button:has-text('{label}')")
            saved[label] = tmp_path / info.value.suggested_filename
            info.value.save_as(str(saved[label]))
        # the written feedback as the forum sends it: the decision and answer beside proposal 3
        page.goto("about:blank")  # not under the desk page's content policy, which blocks inline styles
        page.set_content(saved["HTML"].read_text("utf-8"))
        card = page.locator("section.card").nth(2).inner_text()
        assert "Adoptada parcialmente" in card and "El foro incorpora el compromiso" in card
        page.screenshot(path=str(screenshots / "07b_respuesta_escrita.png"), full_page=True)
    assert target.suffix == ".xlsx" and saved["DOCX"].suffix == ".docx"
    import docx

    letter = "\n".join(p.text for p in docx.Document(str(saved["DOCX"])).paragraphs)
    third = letter.split("Propuesta 3.", 1)[1]
    assert "Decisión del foro: Adoptada parcialmente" in third
    assert "El foro incorpora el compromiso y pide fechas por hito." in third
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(io.BytesIO(target.read_bytes())).worksheets[0]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[4]]
    assert row[header.index("Decisión del foro")] == "Adoptada parcialmente"
    assert row[header.index("Respuesta al participante")].startswith("El foro incorpora")
    assert sorted(p.name for p in screenshots.glob("*.png"))[:7] == [
        "01_rondas.png", "02_ronda_vacia.png", "03_ronda_con_propuestas.png", "04_propuesta.png",
        "05_decision_guardada.png", "06_round_in_english.png", "07_tras_reiniciar.png"]


def test_shared_desk_asks_for_its_key_in_the_browser(browser, tmp_path, screenshots):
    page = browser.new_page()
    with desk_server(tmp_path / "shared", "--host", "0.0.0.0") as url:
        assert "?key=" in url
        port = re.search(r":(\d+)/", url).group(1)
        refused = page.goto(f"http://127.0.0.1:{port}/")
        assert refused.status == 403
        page.screenshot(path=str(screenshots / "08_sin_clave.png"), full_page=True)
        welcomed = page.goto(f"http://127.0.0.1:{port}/?key={url.split('?key=')[1]}")
        assert welcomed.status == 200 and page.url == f"http://127.0.0.1:{port}/"
        assert page.locator("h1").first.inner_text() == "Escritorio del foro"
