"""One small hierarchy of errors whose messages name the file and the reason in one line.

Errors are raised with context where they happen and rendered once, at the CLI edge, as
`str(error)`; so every message must read well on its own, without a traceback.
"""

from __future__ import annotations

import errno
from pathlib import Path


class AmbicionError(Exception):
    """Base class: everything ambicion raises on purpose."""


class InputError(AmbicionError):
    """A file (or text) the user gave cannot be read as asked.

    `str(err)` is "<file>: <reason>", one line.
    """

    def __init__(self, source: str | Path, reason: str) -> None:
        self.source = str(source)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{self.source}: {self.reason}")


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
        super().__init__(f"{self.target}: {self.reason}")


class ModelError(AmbicionError):
    """A shipped model or data file is missing, truncated or tampered with."""

    def __init__(self, source: str | Path, reason: str) -> None:
        self.source = str(source)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{self.source}: {self.reason}")


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
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"unexpected {type(exc).__name__}: {text}"
