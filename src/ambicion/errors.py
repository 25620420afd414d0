"""One small hierarchy of errors whose messages name the file and the reason in one line.

Errors are raised with context where they happen and rendered once, at the CLI edge, as
`str(error)`; so every message must read well on its own, without a traceback.
"""

from __future__ import annotations

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
