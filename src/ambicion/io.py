"""Input detection and safe output: atomic writes that never land on an input file.

Why here and not in each writer: every output path goes through `atomic_write`, so an
interrupted run never leaves a half-written file and no writer can forget the input guard.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Iterable, Iterator, Literal

from .errors import InputError, MissingFileError, OutputError

InputKind = Literal["pdf", "docx", "text", "table", "unknown"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".tsv"}


def read_head(path: str | Path, size: int = 1024) -> bytes:
    """The first bytes of a file, or an InputError saying in one line why it cannot be read."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            return fh.read(size)
    except FileNotFoundError:
        raise MissingFileError(p) from None
    except IsADirectoryError:
        raise InputError(p, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(p, f"cannot be read ({exc.strerror or exc})") from None


def require_pdf(path: str | Path) -> None:
    """Fail early, with one wording for every reader, when a file is not a PDF at all."""
    if b"%PDF-" not in read_head(path):
        raise InputError(path, "not a PDF file (it does not start with the %PDF- signature)")


def read_text_file(path: str | Path, hint: str) -> str:
    """Decode a user's text file: UTF-8 (with or without BOM), else Windows-1252.

    Windows-1252 is the fallback because drafts typed in Word on Windows and saved as .txt
    arrive in it; `hint` tells the user what to give instead of a binary file.
    """
    p = Path(path)
    read_head(p, 0)  # one-line errors for missing files and folders
    data = p.read_bytes()
    if b"\x00" in data[:4096]:
        raise InputError(p, f"not a text file (binary content); {hint}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def detect_kind(path: str | Path) -> InputKind:
    """Say what a file is by its first bytes first and its suffix second.

    Magic bytes win because users rename files; the suffix only separates the text kinds.
    """
    p = Path(path)
    head = read_head(p)
    if b"%PDF-" in head:
        return "pdf"
    suffix = p.suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        return "docx" if suffix in {".docx", ".docm", ""} else "unknown"
    if suffix in TABLE_SUFFIXES:
        return "table"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix == ".pdf":
        return "pdf"  # let the PDF reader say why it is not a valid PDF
    if suffix == ".docx":
        return "docx"
    return "unknown"


def _umask_mode() -> int:
    """The mode a plain `open()` would give a new file (mkstemp alone gives 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def guard_output(target: str | Path, inputs: Iterable[str | Path] = ()) -> Path:
    """Refuse an output path that is one of the inputs; return it as a Path."""
    t = Path(target)
    for src in inputs:
        if str(src) == "-":
            continue
        if _same_file(t, Path(src)):
            raise OutputError(t, "refusing to write the output over one of the input files")
    if t.exists() and t.is_dir():
        raise OutputError(t, "is a directory; give a file name")
    return t


@contextlib.contextmanager
def atomic_write(
    target: str | Path,
    mode: Literal["w", "wb"] = "w",
    inputs: Iterable[str | Path] = (),
    encoding: str | None = "utf-8",
    newline: str | None = None,
) -> Iterator[IO]:
    """Write to a temporary file beside `target`, then rename it into place.

    The rename is atomic on POSIX and Windows, so readers see the old file or the whole
    new one, never a fragment. On error the temporary file is removed and `target` is
    left as it was.
    """
    t = guard_output(target, inputs)
    t.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{t.name}.", suffix=".tmp", dir=t.parent)
    os.chmod(tmp, _umask_mode())
    try:
        if "b" in mode:
            fh = os.fdopen(fd, mode)
        else:
            fh = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, t)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_path(target: str | Path, inputs: Iterable[str | Path] = ()) -> contextlib.AbstractContextManager[Path]:
    """Like `atomic_write` for libraries that want a path (pyarrow, openpyxl, matplotlib)."""
    return _atomic_path(target, inputs)


@contextlib.contextmanager
def _atomic_path(target: str | Path, inputs: Iterable[str | Path]) -> Iterator[Path]:
    t = guard_output(target, inputs)
    t.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{t.name}.", suffix=t.suffix + ".tmp", dir=t.parent)
    os.close(fd)
    os.chmod(tmp, _umask_mode())
    try:
        yield Path(tmp)
        os.replace(tmp, t)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
