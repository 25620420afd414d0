"""Bounds on what one input may cost (bytes, decompressed size, rows, characters, seconds).

Why one module: every reader (PDF, Word, text, tables) and every front end must refuse the
same hostile inputs with the same wording, and a user with a genuine large file needs one
place to raise a bound. Values come from `data/limits.json` (with a note on their origin);
each can be overridden by the environment variable `AMBICION_<NAME>` (e.g.
`AMBICION_MAX_INPUT_BYTES=500000000`).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import signal
import threading
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator


@dataclass(frozen=True)
class Limits:
    """The bounds; see data/limits.json for why each value was chosen."""

    max_input_bytes: int
    max_stream_bytes: int
    stream_read_seconds: float
    max_unzipped_bytes: int
    max_zip_ratio: float
    max_zip_members: int
    max_pdf_stream_bytes: int
    max_text_chars: int
    max_commitment_chars: int
    max_table_rows: int
    max_table_cell_chars: int
    max_json_depth: int
    max_page_objects: int
    max_page_content_bytes: int
    max_page_chars_for_tables: int
    max_table_rows_per_page: int
    screen_timeout_seconds: float
    batch_timeout_seconds: float


@lru_cache(maxsize=1)
def limits() -> Limits:
    """The bounds in force: the shipped values, each overridable from the environment."""
    raw = json.loads(resources.files("ambicion").joinpath("data/limits.json").read_text("utf-8"))
    # Any: each value is made an int or a float by its field's declared type just below,
    # a per-field correspondence a dict's single value type cannot state
    values: dict[str, Any] = {}
    for f in fields(Limits):
        value = raw[f.name]
        env = os.environ.get(f"AMBICION_{f.name.upper()}")
        if env:
            try:
                value = float(env)
            except ValueError:
                pass  # a malformed override is ignored rather than crashing every command
        values[f.name] = int(value) if f.type == "int" else float(value)
    return Limits(**values)


def megabytes(n: int | float) -> str:
    """A byte count as people say it ("200 MB"), for error messages."""
    return f"{n / 1_000_000:,.0f} MB" if n >= 1_000_000 else f"{n / 1000:,.0f} KB"


# Beyond about three years a time limit bounds nothing, and the OS's timers and the
# standard library's waits overflow on such values (`--timeout inf` or 1e300 would crash).
LONGEST_TIMER_SECONDS = 1e8


def bounded_seconds(seconds: float | None) -> float | None:
    """A time limit as the timers can take it: None for "no limit" (None, 0, infinity or
    a span longer than any run), else the seconds. ValueError for NaN or a negative span,
    which no reading of the option makes sense of."""
    if seconds is None:
        return None
    value = float(seconds)
    if math.isnan(value) or value < 0:
        raise ValueError(f"a time limit must be 0 or more seconds, not {seconds!r}")
    if value == 0 or value > min(LONGEST_TIMER_SECONDS, threading.TIMEOUT_MAX):
        return None
    return value


class TimeLimitExceeded(BaseException):
    """Raised inside the work a `time_limit` guards when its seconds run out.

    A BaseException, like KeyboardInterrupt, so readers' broad `except Exception` handlers
    (which turn a damaged page into a message) cannot mistake it for a bad file.
    """


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Stop the enclosed work after `seconds` (TimeLimitExceeded), where the platform allows.

    Why a timer signal and not a worker process: screening a few files must stay quick to
    start, and every reader is interruptible Python between its C calls. Only the main thread
    of a POSIX process can take the signal; elsewhere (threads, Windows) this guards nothing,
    and callers needing a hard bound use worker processes (`extract_files(timeout=...)`).
    """
    seconds = bounded_seconds(seconds)
    usable = (seconds is not None and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable or seconds is None:
        yield
        return

    def expire(signum, frame):  # noqa: ARG001 - signal handler signature
        raise TimeLimitExceeded(f"timed out after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    # the timer fires again every 0.1 s until the block ends: an exception raised where Python
    # ignores it (a garbage-collector callback, a __del__) must not let the work run on unbounded
    signal.setitimer(signal.ITIMER_REAL, float(seconds), 0.1)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold off a `time_limit` while the enclosed block runs (say, writing one record), so a
    timeout lands between records, never inside one."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    block(signal.SIG_BLOCK, {signal.SIGALRM})
    try:
        yield
    finally:
        block(signal.SIG_UNBLOCK, {signal.SIGALRM})
