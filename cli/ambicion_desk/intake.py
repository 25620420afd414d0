"""Uploaded drafts and pasted text in, screened proposals out — one bad file never stops the rest.

Why files are read in a separate process (`reader.py`): a hostile or broken PDF can make a
reader spin or swell; the child is stopped after `timeout` seconds per file and the file is
reported, while the server stays responsive. Uploads are only ever parsed as documents, never executed, and live in a
private temporary folder that is removed when screening ends.
"""

from __future__ import annotations

import json
import queue
import re
import subprocess
import sys
import tempfile
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import ambicion
from ambicion.errors import failure_reason
from ambicion.model import Assessment, Commitment

ALLOWED_SUFFIXES = (".docx", ".pdf", ".txt", ".md")
FUNCTION_SUFFIXES = (".docx", ".pdf", ".txt", ".md")
_UNSAFE = re.compile(r"[^\w.\- ]+")
_JUDGE = threading.Lock()  # one judging at a time: uploads arriving together queue here


@dataclass(frozen=True)
class Upload:
    """A file as the browser sent it: the name the user sees and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Screened:
    """One proposal read and judged: where it came from, the commitment, and the judgement."""

    source: str
    commitment: Commitment
    assessment: Assessment


@dataclass(frozen=True)
class Intake:
    """What came of one upload: screened proposals in order, and (file, reason) that failed."""

    screened: list[Screened] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


class Refused(Exception):
    """An upload refused before reading (wrong type); the message is for the user."""


def safe_name(name: str) -> str:
    """The file's own name without any folder part or characters a file system may reject."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base).strip().lstrip(".")
    base = _UNSAFE.sub("_", base)[-120:]
    return base or "archivo"


def suffix_of(name: str) -> str:
    return Path(safe_name(name)).suffix.lower()


def screen(uploads: Sequence[Upload], pasted: str = "", pasted_source: str = "",
           functions: Upload | None = None, timeout: float = 120.0,
           timed_out_reason: str = "reading took too long and was stopped") -> Intake:
    """Read every upload (in a worker process, time-bounded) and the pasted text, then judge."""
    screened: list[Screened] = []
    failures: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="ambicion-desk-") as tmp:
        folder = Path(tmp)
        functions_path = None
        if functions is not None:
            functions_path = _save(folder / "functions", functions)
        read: list[tuple[str, list[Commitment]]] = []
        files = [(u.name, _save(folder / str(i), u)) for i, u in enumerate(uploads)]
        for (name, path), outcome in zip(files, _read_all([p for _, p in files], timeout)):
            if isinstance(outcome, str):
                failures.append((name, timed_out_reason if outcome == _TIMEOUT else outcome))
            else:
                read.append((name, [Commitment.from_dict(c) for c in outcome]))
        if pasted.strip():
            source = pasted_source.strip() or "<text>"
            try:
                read.append((source, ambicion.read_draft(pasted)))
            except Exception as exc:  # the pasted text is one more input that may fail alone
                failures.append((source, failure_reason(exc)))
        for source, commitments in read:
            try:
                with _JUDGE:
                    judged = ambicion.assess_many(commitments, functions=functions_path)
            except Exception as exc:
                failures.append((source, failure_reason(exc)))
                continue
            screened.extend(Screened(source, c, a) for c, a in zip(commitments, judged))
    return Intake(screened, failures)


def _save(folder: Path, upload: Upload) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / safe_name(upload.name)
    path.write_bytes(upload.data)
    return path


_TIMEOUT = "\0timeout"
_CRASHED = "the reader stopped unexpectedly"


def _read_all(paths: Sequence[Path], timeout: float) -> list[list[dict[str, Any]] | str]:
    """Each file's commitments (as dicts) or a one-line reason, read in a child process.

    The child reads the files in order and answers one line per file; when a file takes
    longer than `timeout` (or the child dies), the child is killed, that file is reported,
    and a new child goes on with the files after it.
    """
    out: list[list[dict[str, Any]] | str] = []
    todo = [str(p) for p in paths]
    while todo:
        child = subprocess.Popen([sys.executable, "-m", "ambicion_desk.reader", *todo],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True, encoding="utf-8")
        lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=_pump, args=(child, lines), daemon=True).start()
        try:
            while todo:
                try:
                    line = lines.get(timeout=timeout)
                except queue.Empty:
                    out.append(_TIMEOUT)
                    todo.pop(0)
                    break
                todo.pop(0)
                if line is None:
                    out.append(_CRASHED)
                    break
                answer = json.loads(line)
                out.append(answer["commitments"] if "commitments" in answer else answer["error"])
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
    return out


def _pump(child: subprocess.Popen, lines: "queue.Queue[str | None]") -> None:
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip():
            lines.put(line)
    lines.put(None)
