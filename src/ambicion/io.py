"""Input detection and safe output: atomic writes that never land on an input file.

Why here and not in each writer: every output path goes through `atomic_write`, so an
interrupted run never leaves a half-written file and no writer can forget the input guard.
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import shutil
import stat
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import IO, Iterable, Iterator, Literal

from .errors import InputError, MissingFileError, OutputError, display_name
from .limits import limits, megabytes
from .sniff import foreign_reason, is_word_archive, zip_parts
from .textcodec import Decoded, EncodingNote, decode_text, normalize_text

InputKind = Literal["pdf", "docx", "text", "table", "unknown"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".tsv"}
WORD_SUFFIXES = {".docx", ".docm"}


def input_stat(path: str | Path) -> os.stat_result:
    """The file's status, or an InputError for what no reader should open.

    Devices are refused (reading /dev/zero or a terminal never ends), regular files larger
    than the input limit too; pipes and FIFOs pass (see `read_input_bytes`).
    """
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise MissingFileError(p) from None
    except (OSError, ValueError) as exc:
        raise InputError(p, f"cannot be read ({_os_reason(exc)})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(p, "is a directory, not a file")
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        raise InputError(p, "is a device, not a file; give a document file")
    if stat.S_ISREG(st.st_mode) and st.st_size > limits().max_input_bytes:
        raise InputError(p, f"is {megabytes(st.st_size)}, over the {megabytes(limits().max_input_bytes)} "
                            "input limit (set AMBICION_MAX_INPUT_BYTES to raise it)")
    return st


def is_stream(path: str | Path) -> bool:
    """True for a pipe, FIFO or socket: data that can be read only once, in order."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def read_input_bytes(path: str | Path) -> bytes:
    """All bytes of an input, read once, within the size (and, for pipes, time) limits."""
    p = Path(path)
    st = input_stat(p)
    if stat.S_ISREG(st.st_mode):
        try:
            with p.open("rb") as fh:
                data = fh.read(limits().max_input_bytes + 1)
        except OSError as exc:
            raise InputError(p, f"cannot be read ({_os_reason(exc)})") from None
        if len(data) > limits().max_input_bytes:  # grew while being read
            raise InputError(p, f"is over the {megabytes(limits().max_input_bytes)} input limit")
        return data
    return _read_stream(p)


def bounded_lines(fh: IO[str], cap: int) -> Iterator[str | None]:
    """The file's lines without their "\\n"; None for a line longer than `cap` (skipped
    without being held, so one endless line cannot exhaust memory)."""
    while True:
        line = fh.readline(cap + 1)
        if not line:
            return
        if len(line) > cap and not line.endswith("\n"):
            while line and not line.endswith("\n"):
                line = fh.readline(cap + 1)
            yield None
            continue
        yield line[:-1] if line.endswith("\n") else line


_WRITER_GRACE = 2.0  # seconds a FIFO may wait for its writer to open it


def _read_stream(p: Path) -> bytes:
    """A pipe or FIFO, read to its end within `max_stream_bytes` and `stream_read_seconds`.

    Opened without blocking, so a FIFO nobody writes to reads as empty instead of hanging.
    """
    cap, seconds = limits().max_stream_bytes, limits().stream_read_seconds
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(p, f"cannot be read ({_os_reason(exc)})") from None
    chunks: list[bytes] = []
    size = 0
    started = time.monotonic()
    deadline = started + seconds
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise InputError(p, f"the pipe sent no end of data within {seconds:g} s")
            ready, _, _ = select.select([fd], [], [], min(left, 0.5))
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                continue  # a writer is there but has sent nothing yet
            if not chunk:
                if ready or chunks or time.monotonic() - started > _WRITER_GRACE:
                    break
                continue  # a FIFO nobody has opened for writing yet: give it a moment
            size += len(chunk)
            if size > cap:
                raise InputError(p, f"the pipe sent more than the {megabytes(cap)} limit for streamed "
                                    "input (save it to a file, or set AMBICION_MAX_STREAM_BYTES)")
            chunks.append(chunk)
    except OSError as exc:
        raise InputError(p, f"cannot be read ({_os_reason(exc)})") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_head(path: str | Path, size: int = 1024) -> bytes:
    """The first bytes of a file, or an InputError saying in one line why it cannot be read.

    Pipes are refused here: peeking at one would consume what the reader needs next (read
    them whole with `read_input_bytes`, or `materialized`, first).
    """
    p = Path(path)
    st = input_stat(p)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(p, "is a pipe, not a regular file; save it to a file first")
    try:
        with p.open("rb") as fh:
            return fh.read(size)
    except OSError as exc:
        raise InputError(p, f"cannot be read ({_os_reason(exc)})") from None


@contextlib.contextmanager
def materialized(path: str | Path) -> Iterator[Path]:
    """`path` itself when it is a regular file; for a pipe, a private copy of its bytes.

    Why: readers look at a file more than once (its first bytes, then the whole); a pipe
    can be read only once, so it is read whole, once, into a temporary file.
    """
    p = Path(path)
    if not is_stream(p):
        input_stat(p)
        yield p
        return
    data = _read_stream(p)
    with tempfile.TemporaryDirectory(prefix="ambicion-") as folder:
        copy = Path(folder) / ("input" + _stream_suffix(p, data))
        copy.write_bytes(data)
        yield copy


def _stream_suffix(p: Path, data: bytes) -> str:
    if p.suffix:
        return p.suffix
    if data.lstrip()[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        return ".docx"
    return ".txt"


def require_pdf(path: str | Path) -> None:
    """Fail early, with one wording for every reader, when a file is not a PDF at all."""
    if b"%PDF-" not in read_head(path):
        raise InputError(path, "not a PDF file (it does not start with the %PDF- signature)")


def read_text(path: str | Path, hint: str) -> Decoded:
    """A user's text file, decoded strictly and normalised; warns (EncodingNote) when it
    was not UTF-8, so the assumption is said, not hidden."""
    p = Path(path)
    data = read_input_bytes(p)
    foreign = foreign_reason(data)  # a .doc, .odt or spreadsheet given as text
    if foreign:
        raise InputError(p, foreign)
    if data.lstrip()[:5] == b"{\\rtf":
        raise InputError(p, "an RTF document, whose markup would be read as words; save it as .docx, "
                            ".txt or .pdf")
    decoded = decode_text(data, p, hint)
    if decoded.encoding not in ("UTF-8", "UTF-16", "UTF-32"):
        warnings.warn(EncodingNote(f"{display_name(p)}: not UTF-8; read as {decoded.encoding}"),
                      stacklevel=2)
    text = normalize_text(decoded.text)
    if len(text) > limits().max_text_chars:
        raise InputError(p, f"holds {len(text):,} characters, over the {limits().max_text_chars:,} "
                            "limit (set AMBICION_MAX_TEXT_CHARS to raise it)")
    return Decoded(text, decoded.encoding)


def read_text_file(path: str | Path, hint: str) -> str:
    """The text of a user's text file (see `read_text`): `hint` says what to give instead."""
    return read_text(path, hint).text


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
        if suffix in WORD_SUFFIXES | {""}:
            return "docx"
        # a Word file saved under another name (draft.pdf) is still read as Word
        return "docx" if is_word_archive(_zip_parts_of(p)) else "unknown"
    if suffix in TABLE_SUFFIXES:
        return "table"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix == ".pdf":
        return "pdf"  # let the PDF reader say why it is not a valid PDF
    if suffix in WORD_SUFFIXES:
        return "docx"
    return "unknown"


def _zip_parts_of(p: Path) -> set[str]:
    """The part names of a zip file on disk, within the input size limit (empty if none)."""
    try:
        if p.stat().st_size > limits().max_input_bytes:
            return set()
        return zip_parts(p.read_bytes())
    except OSError:
        return set()


def _os_reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or type(exc).__name__


def _umask_mode() -> int:
    """The mode a plain `open()` would give a new file (mkstemp alone gives 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except (OSError, ValueError, RuntimeError):  # RuntimeError: a loop of symlinks
        return False


def _stdin_file() -> os.stat_result | None:
    """Standard input's status when it is a regular file (`cmd < file`), else None."""
    try:
        st = os.fstat(0)
    except (OSError, ValueError):
        return None
    return st if stat.S_ISREG(st.st_mode) else None


_DESCRIPTOR_PATHS = ("/dev/fd/", "/proc/self/fd/")


def is_descriptor(target: str | Path) -> bool:
    """True for a name of an already open descriptor (/dev/stdout, /dev/fd/N): whatever it
    leads to, the caller's shell opened it, so it is written into (appending, so `>>` holds)."""
    name = str(target)
    return name in ("/dev/stdout", "/dev/stderr") or name.startswith(_DESCRIPTOR_PATHS)


def is_special(target: str | Path) -> bool:
    """True when `target` (followed through symlinks) is a device, FIFO or socket, or names an
    open descriptor: such a file is written into, never replaced (replacing /dev/null as root
    would break the system)."""
    if is_descriptor(target):
        return True
    try:
        mode = os.stat(target).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _into_mode(target: Path, mode: str) -> str:
    """Open mode for writing into a special file: append to a descriptor, else plain write."""
    return mode.replace("w", "a") if is_descriptor(target) else mode


def _open_file(path: Path, mode: Literal["w", "wb"], encoding: str | None, newline: str | None) -> IO:
    """A regular file opened for writing; text options only in text mode (open refuses them
    for bytes), spelled out so each `open` call has the mode it is typed for."""
    if mode == "wb":
        return open(path, "wb")  # noqa: SIM115 - the caller closes it
    return open(path, "w", encoding=encoding, newline=newline)  # noqa: SIM115 - the caller closes it


def _open_special(t: Path, mode: str, kwargs: dict) -> IO:
    """Open a device or FIFO for writing; a FIFO nobody reads is an error, not a hang."""
    try:
        fifo = stat.S_ISFIFO(os.stat(t).st_mode)
    except OSError:
        fifo = False
    if not fifo or not hasattr(os, "O_NONBLOCK"):
        return open(t, mode, **kwargs)  # noqa: SIM115 - the caller closes it
    try:
        fd = os.open(t, os.O_WRONLY | os.O_NONBLOCK | (os.O_APPEND if "a" in mode else 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError(t, "is a pipe that no program is reading") from None
        raise
    os.set_blocking(fd, True)
    return os.fdopen(fd, mode, **kwargs)


def guard_output(target: str | Path, inputs: Iterable[str | Path] = ()) -> Path:
    """Refuse an output path that is one of the inputs (whatever their role, standard input
    included); return it as a Path."""
    t = Path(target)
    for src in inputs:
        if str(src) == "-":
            continue
        if _same_file(t, Path(src)):
            raise OutputError(t, "refusing to write the output over one of the input files")
    fed = _stdin_file()
    if fed is not None:
        with contextlib.suppress(OSError, ValueError):
            st = os.stat(t)
            if (st.st_dev, st.st_ino) == (fed.st_dev, fed.st_ino):
                raise OutputError(t, "refusing to write the output over the file given on standard input")
    try:
        is_dir = t.is_dir()
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte, a loop of links
        raise OutputError(t, f"cannot be written ({_os_reason(exc)})") from None
    if is_dir:
        raise OutputError(t, "is a directory; give a file name")
    return t


def _final_target(t: Path) -> Path:
    """Where a rename must land: through a symlink to the file it names, so the link stays."""
    if t.is_symlink():
        with contextlib.suppress(OSError, RuntimeError):
            return t.resolve()
    return t


def output_error(target: str | Path, exc: OSError) -> OutputError:
    """An OS error met while writing `target`, as one line naming it."""
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        # making the folder failed on a file standing where a folder must be: "File exists"
        # would send the user looking for the output, not for the file in its way
        for parent in Path(target).parents:
            with contextlib.suppress(OSError, ValueError):
                if parent.exists() and not parent.is_dir():
                    return OutputError(target, f"cannot be written ({display_name(parent)} is a file, "
                                               "not a folder)")
    return OutputError(target, f"cannot be written ({_os_reason(exc)})")


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
    left as it was. A device or FIFO (`/dev/stdout`, `/dev/null`) is written into directly.
    OS errors (read-only folder, a path under a file, a name too long) become OutputError.
    """
    t = guard_output(target, inputs)
    kwargs = {} if "b" in mode else {"encoding": encoding, "newline": newline}
    if is_special(t):
        try:
            fh = _open_special(t, _into_mode(t, mode), kwargs)
        except OSError as exc:
            raise output_error(t, exc) from None
        try:
            with fh:
                yield fh
        except OSError as exc:
            raise output_error(t, exc) from None
        return
    with _beside(_final_target(t), ".tmp") as tmp, _open_file(tmp, mode, encoding, newline) as fh:
        yield fh
        fh.flush()
        os.fsync(fh.fileno())


def atomic_path(target: str | Path, inputs: Iterable[str | Path] = ()) -> contextlib.AbstractContextManager[Path]:
    """Like `atomic_write` for libraries that want a path (pyarrow, openpyxl, matplotlib)."""
    return _atomic_path(target, inputs)


@contextlib.contextmanager
def _atomic_path(target: str | Path, inputs: Iterable[str | Path]) -> Iterator[Path]:
    t = guard_output(target, inputs)
    if is_special(t):
        # the library writes a private file, which is then copied into the device
        with tempfile.TemporaryDirectory(prefix="ambicion-") as folder:
            tmp_path = Path(folder) / ("out" + t.suffix)
            yield tmp_path
            try:
                with open(tmp_path, "rb") as src, _open_special(t, _into_mode(t, "wb"), {}) as dst:
                    shutil.copyfileobj(src, dst)
            except OSError as exc:
                raise output_error(t, exc) from None
        return
    final = _final_target(t)
    with _beside(final, final.suffix + ".tmp") as tmp:
        yield tmp


@contextlib.contextmanager
def _beside(target: Path, suffix: str) -> Iterator[Path]:
    """A private temporary file next to `target`, renamed onto it when the block ends well
    and removed otherwise; OS errors on the way become one OutputError naming `target`."""
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:80]}.", suffix=suffix, dir=target.parent)
        os.close(fd)
        os.chmod(tmp, _umask_mode())
        yield Path(tmp)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise output_error(target, exc) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


LOCK_NAME = ".ambicion.lock"
_HELD: set[str] = set()


@contextlib.contextmanager
def folder_lock(folder: str | Path) -> Iterator[Path]:
    """Hold an exclusive lock on an output folder, or fail at once with an OutputError.

    Why: two batches writing one folder interleaved their files and lost each other's
    failures. The lock is an OS file lock (released by the OS if the process dies, so a kill
    leaves no stale lock); the small lock file itself stays.
    """
    d = Path(folder)
    try:
        d.mkdir(parents=True, exist_ok=True)
        key = str(d.resolve())
    except OSError as exc:
        raise output_error(d, exc) from None
    except RuntimeError:  # a loop of symlinks
        raise OutputError(d, "cannot be written (a loop of symbolic links)") from None
    if key in _HELD:  # this process holds it already (a batch around its study writer)
        yield d
        return
    try:
        fd = os.open(d / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise output_error(d, exc) from None
    try:
        if not _try_lock(fd):
            raise OutputError(d, "another ambicion run is writing into this folder; wait for it to "
                                 "finish or choose another folder")
        _HELD.add(key)
        try:
            yield d
        finally:
            _HELD.discard(key)
    finally:
        os.close(fd)  # closing releases the lock


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # no fcntl there (a platform check mypy also reads)
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
