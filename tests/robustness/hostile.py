"""Generators of hostile inputs other than PDFs: tables, text in odd encodings, pipes.

Each one reproduces a way a real user's file (or an attacker's) broke the readers; the
robustness tests feed them to the library and the CLI.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import threading
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def counted(tally, kind: str) -> Iterator[None]:
    """Record one input of `kind` in the robustness tally: passed only if the block finished."""
    ok = False
    try:
        yield
        ok = True
    finally:
        tally.record(kind, ok)


GOOD_ES = ("El Ministerio publicará los contratos de obras en datos abiertos cada mes y responderá "
           "por escrito a las consultas ciudadanas en quince días.")
GOOD_EN = "The agency will publish the procurement data as open data every month."


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode(encoding)


def jsonl_bytes(objs: list[object], encoding: str = "utf-8") -> bytes:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs).encode(encoding)


def numbered_draft(count: int) -> str:
    """A draft with `count` numbered commitments, long enough to be read as such."""
    return "\n\n".join(f"Compromiso {i}: Publicar el registro número {i} en datos abiertos\n"
                       f"La entidad publicará el registro {i} cada mes en el portal." for i in range(1, count + 1))


@contextlib.contextmanager
def fifo_with_writer(path: Path, data: bytes, chunk: int = 997) -> Iterator[Path]:
    """A named FIFO fed by a thread in small pieces (as `cat` would), then closed."""
    os.mkfifo(path)

    def feed() -> None:
        with open(path, "wb") as fh:
            for i in range(0, len(data), chunk):
                fh.write(data[i:i + chunk])
                fh.flush()

    t = threading.Thread(target=feed, daemon=True)
    t.start()
    try:
        yield path
    finally:
        t.join(5)


@contextlib.contextmanager
def anonymous_pipe(data: bytes) -> Iterator[str]:
    """`/dev/fd/N` of an os.pipe fed by a thread: what `<(cat file)` gives a program."""
    r, w = os.pipe()

    def feed() -> None:
        with os.fdopen(w, "wb") as fh:
            fh.write(data)

    t = threading.Thread(target=feed, daemon=True)
    t.start()
    try:
        yield f"/dev/fd/{r}"
    finally:
        t.join(5)
        with contextlib.suppress(OSError):
            os.close(r)
