"""One small hierarchy of errors whose messages name the file and the reason in one line.

Errors are raised with context where they happen and rendered once, at the edge (CLI, web
desk), so every message must read well on its own, without a traceback. `str(error)` is
English, for developers and logs; each error also carries its message key and parameters
(`error.key`, `error.params`: the `reason.*` entry of the message catalogue its reason was
written from), and `localized(error, catalogue("es"))` says it in Spanish.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .i18n import Catalogue


def display_name(value: str | Path) -> str:
    """A file name safe to print on one line: control characters escaped, an over-long name
    shortened in the middle (`shortened`).

    Why: a name holding a newline would split its error in two, one holding ESC would send
    terminal control codes to the user's screen, and a path thousands of characters deep
    would bury the reason at the end of its line.
    """
    return printable(shortened(str(value)))


def printable(text: str) -> str:
    """`text` with control characters (newline, ESC…) escaped, so it prints as one line."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


MAX_SHOWN_NAME = 160  # characters of a name shown in a message; the record keeps it whole
_ELLIPSIS = "…"


def shortened(name: str, limit: int = MAX_SHOWN_NAME) -> str:
    """`name` at most `limit` characters long: its start and its file name kept, the middle
    elided with "…" (the file name's own middle too, when that alone is too long)."""
    if len(name) <= limit:
        return name
    head, sep, last = name.rpartition("/")
    if not sep:
        head, sep, last = name.rpartition("\\")
    if not sep:  # a bare name: its start and its end (the extension)
        return name[: limit // 2] + _ELLIPSIS + name[-(limit - limit // 2 - 1):]
    tail = sep + last
    room = limit // 2
    if len(tail) > room:  # the file name itself is very long: its start and its extension
        tail = tail[: room // 2] + _ELLIPSIS + tail[-(room - room // 2 - 1):]
    return name[: limit - len(tail) - 1] + _ELLIPSIS + tail


def valid_unicode(text: str) -> str:
    """`text` with lone surrogates replaced by U+FFFD, so it can be encoded as UTF-8.

    Why: a file name holding bytes that are not UTF-8 reaches Python as surrogate escapes
    ("caf\\udce9.pdf"), and so does a JSON "\\ud800"; kept in a record, either one makes
    every UTF-8 output (JSONL, CSV, Parquet, HTML, Word) fail on the whole file.
    """
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


class InputNote(UserWarning):
    """Something a reader assumed or left out of an input it did read (an encoding, an
    unreadable page); issued as a warning so front ends can tell the user in one line."""


class AmbicionError(Exception):
    """Base class: everything ambicion raises on purpose."""

    @property
    def key(self) -> str | None:
        """The message catalogue key of this error's reason (None for a reason not in it)."""
        found = _reason_key(self)
        return found[0] if found else None

    @property
    def params(self) -> dict[str, str]:
        """The parameters of the reason's message (file names, counts, nested reasons)."""
        found = _reason_key(self)
        return dict(found[1]) if found else {}


def _reason_key(exc: AmbicionError) -> tuple[str, dict[str, str]] | None:
    from .i18n import reason_key

    reason = getattr(exc, "reason", None)
    return reason_key(reason if isinstance(reason, str) else " ".join(str(exc).split()))


class InputError(AmbicionError):
    """A file (or text) the user gave cannot be read as asked.

    `str(err)` is "<file>: <reason>", one line.
    """

    def __init__(self, source: str | Path, reason: str) -> None:
        self.source = str(source)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{display_name(self.source)}: {self.reason}")


class MissingFileError(InputError, FileNotFoundError):
    """The file the user named does not exist.

    Also a `FileNotFoundError`, so code written against the standard library
    (`except FileNotFoundError`, `except OSError`) catches it too.
    """

    def __init__(self, source: str | Path, reason: str = "file not found") -> None:
        super().__init__(source, reason)
        self.errno = errno.ENOENT  # without strerror/filename, so str() stays "<file>: <reason>"

    def __reduce__(self) -> tuple:
        return (type(self), (self.source, self.reason))


class NoCommitmentsError(InputError):
    """The document was read but held nothing that looks like a commitment."""


class OutputError(AmbicionError):
    """An output cannot be written where asked (e.g. it would overwrite an input)."""

    def __init__(self, target: str | Path, reason: str) -> None:
        self.target = str(target)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{display_name(self.target)}: {self.reason}")


class ModelError(AmbicionError):
    """A shipped model or data file is missing, truncated or tampered with."""

    def __init__(self, source: str | Path, reason: str) -> None:
        self.source = str(source)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{display_name(self.source)}: {self.reason}")


class ModelWarning(UserWarning):
    """The judge runs without its trained models (rules only), so verdicts differ from the
    shipped judge's; warned once per judge, never silently."""


def failure_reason(exc: BaseException, source: str | Path | None = None) -> str:
    """One line saying why `source` failed, for a failures list that names the file itself.

    The file name is left out when the error is about `source` (it would be said twice) and
    kept when it names another file (say, a functions file read while judging `source`).
    Unexpected exceptions are summarised by type and message, never as a traceback.
    """
    if isinstance(exc, (InputError, OutputError, ModelError)):
        named = getattr(exc, "source", None) or getattr(exc, "target", None)
        if source is not None and named == str(source) and exc.reason:
            return exc.reason
        return " ".join(str(exc).split())
    if isinstance(exc, AmbicionError):
        return " ".join(str(exc).split())
    if isinstance(exc, RecursionError):
        return "structure nested too deeply to read"
    if isinstance(exc, MemoryError):
        return "too large to read in the memory available"
    if type(exc).__name__ == "TimeLimitExceeded":
        return str(exc)
    text = printable(" ".join(str(exc).split()) or type(exc).__name__)
    return f"unexpected {type(exc).__name__}: {text}"


def localized(exc: BaseException, messages: "Catalogue", source: str | Path | None = None) -> str:
    """`exc` as one line in the catalogue's language: "<file>: <reason>", or with `source`
    (for a failures list that names the file itself) `failure_reason` said in that language."""
    reason = getattr(exc, "reason", None)
    named = getattr(exc, "source", None) or getattr(exc, "target", None)
    if source is None and isinstance(exc, AmbicionError) and isinstance(reason, str) \
            and isinstance(named, str):
        return f"{display_name(named)}: {messages.reason(reason)}"
    return messages.reason(failure_reason(exc, source))


def one_line_notes() -> None:
    """Print InputNote warnings as "note: <message>" (one line), other warnings as before.

    In the interface language of the environment (`ambicion.i18n.ui_language`: AMBICION_LANG,
    then the locale), so a worker process speaks as the command that started it ("nota: …").
    For front ends and ambicion's own worker processes; a library importer's warnings setup
    is left alone unless it calls this.
    """
    import warnings

    default = warnings.formatwarning
    if getattr(default, "_ambicion", False):
        return

    def format_note(message, category, filename, lineno, line=None):
        if isinstance(category, type) and issubclass(category, InputNote):
            from .i18n import catalogue

            messages = catalogue()
            said = messages.reason(" ".join(str(message).split()))
            return f"{messages('note.prefix')}: {printable(' '.join(said.split()))}\n"
        return default(message, category, filename, lineno, line)

    format_note._ambicion = True  # type: ignore[attr-defined]  # a marker on the function object
    warnings.formatwarning = format_note
