"""Fixtures for the forum desk: generated Word drafts, a desk app on a temporary data folder."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from ambicion.testing import SampleCommitment, write_draft_docx
from ambicion.testing.samples import COMMITMENTS_ES

ORIGIN = "http://127.0.0.1"
SCREENSHOTS = pytest.StashKey[Path]()
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & =HYPERLINK("http://e.example")'


@pytest.fixture(scope="session")
def draft_docx(tmp_path_factory) -> Path:
    """A Word draft with three proposals of mixed quality, as the template table."""
    return write_draft_docx(tmp_path_factory.mktemp("drafts") / "borrador_sociedad_civil.docx",
                            COMMITMENTS_ES[:3])


@pytest.fixture(scope="session")
def hostile_docx(tmp_path_factory) -> Path:
    """A Word draft whose title and text are markup and a spreadsheet formula."""
    hostile = SampleCommitment(number=1, title=HOSTILE,
                               what=f"Publicar datos abiertos {HOSTILE} sobre contrataciones.")
    return write_draft_docx(tmp_path_factory.mktemp("drafts") / "hostil.docx", [hostile])


@pytest.fixture
def make_client(tmp_path):
    """Build a TestClient on a desk; the same `data_dir` twice is a restarted server."""
    from ambicion_desk import DeskConfig, create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's note about the httpx test transport
        from starlette.testclient import TestClient

    def make(data_dir: Path | None = None, base_url: str = ORIGIN, **options) -> "TestClient":
        config = DeskConfig(data_dir or tmp_path / "desk", **options)
        return TestClient(create_app(config), base_url=base_url, follow_redirects=True)

    return make


@pytest.fixture
def client(make_client):
    return make_client()


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)


def post(client, url: str, data: dict, files=None, origin: str | None = ORIGIN):
    """POST a desk form the way a browser does: its token, and the desk's own Origin."""
    token = csrf_of(client.get("/").text)
    headers = {"origin": origin} if origin else {}
    return client.post(url, data={"csrf": token, **data}, files=files, headers=headers)


def new_round(client, name: str = "Ronda de prueba") -> str:
    r = post(client, "/rounds", {"name": name})
    assert r.status_code == 200, r.text
    return r.url.path


def upload(client, round_path: str, *paths: Path, text: str = "", source: str = ""):
    files = [("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in paths]
    return post(client, f"{round_path}/proposals", {"text": text, "source": source},
                files=files or None)


def pytest_terminal_summary(terminalreporter, config) -> None:
    """Say where the browser test left its screenshots, so a person can look at the pages."""
    folder = config.stash.get(SCREENSHOTS, None)
    if folder is not None:
        terminalreporter.write_line(f"forum desk screenshots: {folder}")
