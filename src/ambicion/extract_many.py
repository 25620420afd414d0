"""Extract many PDFs — plans and reviews alike — in worker processes, with a time bound and a cache.

Why a separate module: a batch must survive its worst file. Each file is classified and
read in a worker process, so a file that hangs can be stopped (the pool is terminated and
restarted, and the files that were merely sharing it are run again) and a file that fails
only records a reason. Workers return plain dicts, which pickle cheaply and are also what
the cache stores: one JSON file per input, keyed by the file's content hash, so an
interrupted batch resumes without re-reading the files it had finished. With more than one
job the last long plans are read in page ranges on several workers and joined
(extract/parts.py), so that the end of a batch does not leave workers idle.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import hashlib
import json
import os
import time
from collections import deque
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Literal, Union

from .errors import InputError, failure_reason
from .limits import bounded_seconds
from .io import atomic_write, detect_kind, input_stat, is_stream
from .main_guard import require_main_guard
from .model import Plan, Review

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

CACHE_FORMAT = 1
Kind = Literal["plan", "review"]


def document_kind(kind: str | None) -> Kind | None:
    """`kind` as given to skip classification: None, "plan" or "review" (any other is a
    ValueError, rather than every file silently read as a plan)."""
    if kind is None:
        return None
    if kind == "plan":
        return "plan"
    if kind == "review":
        return "review"
    raise ValueError(f"kind must be 'plan' or 'review', not {kind!r}")


# what one task in the pool does (`_Task`)
Stage = Literal["probe", "whole", "part", "join"]


@dataclass(frozen=True)
class Extracted:
    """A file read successfully: a Plan or a Review."""

    path: str
    kind: Kind
    document: Union[Plan, Review]
    reused: bool = False  # taken from the cache (`resume`) instead of read again


@dataclass(frozen=True)
class Failed:
    """A file that could not be read, and why (one line, without the file name)."""

    path: str
    reason: str


Outcome = Union[Extracted, Failed]


# What a folder is searched for: plans and reviews (PDF) and Word drafts. Text drafts
# (.txt, .md) are read when named, not picked from folders, where notes and lists abound.
DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx"})


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Failed]]:
    """Files as given and the documents inside folders: PDFs and Word drafts (recursively,
    sorted, hidden ones skipped).

    A path that does not exist becomes a failure rather than an exception, so one typo does
    not cancel a long batch. Duplicates (the same file reached twice) are kept once.
    """
    files: list[Path] = []
    failures: list[Failed] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            files.append(p)

    for raw in paths:
        p = Path(raw)
        try:
            p.stat()
        except FileNotFoundError:
            failures.append(Failed(str(p), "file not found"))
            continue
        except (OSError, ValueError) as exc:  # a name too long, a loop of links, a NUL byte
            failures.append(Failed(str(p), f"cannot be read ({getattr(exc, 'strerror', None) or exc})"))
            continue
        if p.is_dir():
            found, unlisted = _documents_in(p)
            failures.extend(unlisted)
            for f in found:
                reason = _unreadable(f)
                if reason:
                    failures.append(Failed(str(f), reason))
                else:
                    add(f)
        elif p.exists():
            reason = _unreadable(p)
            if reason:
                failures.append(Failed(str(p), reason))
            else:
                add(p)
        else:
            failures.append(Failed(str(p), "file not found"))
    return files, failures


def _documents_in(folder: Path) -> tuple[list[Path], list[Failed]]:
    """The PDFs and Word files under `folder` (sorted; hidden ones and links to folders not
    followed), and a failure for each entry that could not be looked at.

    Why a walk that reports: a folder or a file whose path is longer than the system takes,
    or one that vanished while listed, must fail alone, not stop the batch with an OSError.
    """
    found: list[Path] = []
    failures: list[Failed] = []

    def unlisted(exc: OSError) -> None:
        failures.append(Failed(str(exc.filename or folder), f"cannot be read ({exc.strerror or exc})"))

    for root, dirs, names in os.walk(folder, onerror=unlisted):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.startswith((".", "~$")) or Path(name).suffix.lower() not in DOCUMENT_SUFFIXES:
                continue  # hidden, Word's lock file beside an open document, or not a document
            f = Path(root, name)
            try:
                if f.is_file():
                    found.append(f)
            except OSError as exc:
                failures.append(Failed(str(f), f"cannot be read ({exc.strerror or exc})"))
    found.sort(key=lambda f: f.relative_to(folder).as_posix())
    return found, failures


def _unreadable(p: Path) -> str:
    """Why `p` cannot join a batch ("" if it can): devices, pipes and oversized files are
    refused here, in the main process, because hashing them for the cache would block or
    exhaust memory before any worker's time limit applies."""
    try:
        input_stat(p)
    except InputError as exc:
        return exc.reason
    if is_stream(p):
        return "is a pipe, not a regular file; a batch reads files only (save it to a file first)"
    return ""


def extract_one(path: str, max_pages: int | None = None, kind: Kind | None = None) -> dict[str, Any]:
    """Classify (unless `kind` is given) and read one file; a plain dict either way (runs in
    a worker process)."""
    try:
        file_kind = detect_kind(path)
        if file_kind in ("docx", "text") and kind != "review":
            from .extract.draft import read_draft_plan

            return {"kind": "plan", "data": read_draft_plan(path).to_dict()}
        if file_kind == "docx" and kind == "review":
            from .extract.review import read_review

            return {"kind": "review", "data": read_review(path).to_dict()}
        if file_kind != "pdf":
            raise InputError(path, "not a PDF, Word (.docx) or text (.txt, .md) file" if kind != "review"
                             else "not a PDF or Word (.docx) file, which IRM reviews are read from")
        from .extract.detect import guess_document_kind

        kind = kind or guess_document_kind(path)
        if kind == "review":
            from .extract.review import read_review

            return {"kind": "review", "data": read_review(path, max_pages=max_pages).to_dict()}
        from .extract.plan import read_plan

        return {"kind": "plan", "data": read_plan(path, max_pages=max_pages).to_dict()}
    except Exception as exc:  # the parent decides; a worker never dies on a bad file
        return {"error": failure_reason(exc, path)}


# ---------------------------------------------------------------- cache


def content_key(path: Path, max_pages: int | None) -> str:
    """The cache key: the file's SHA-256, plus the page limit it was read with."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest() + ("" if max_pages is None else f"-p{max_pages}")


def _cache_load(cache_dir: Path, key: str) -> dict[str, Any] | None:
    f = cache_dir / f"{key}.json"
    try:
        raw = json.loads(f.read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None  # absent, damaged or tampered with: read the file again
    if not isinstance(raw, dict) or raw.get("format") != CACHE_FORMAT or raw.get("kind") not in (
            "plan", "review") or not isinstance(raw.get("data"), dict):
        return None
    if raw.get("version") != _version():
        return None  # another release may read the file differently: read it again
    return raw


def _cache_store(cache_dir: Path, key: str, result: dict[str, Any]) -> None:
    with atomic_write(cache_dir / f"{key}.json") as fh:
        json.dump({"format": CACHE_FORMAT, "version": _version(), **result}, fh,
                  ensure_ascii=False)


def _version() -> str:
    from .version import __version__

    return __version__


def _to_outcome(path: str, result: dict[str, Any]) -> Outcome:
    if "error" in result:
        return Failed(path, str(result["error"]))
    try:
        if result["kind"] == "review":
            doc: Plan | Review = Review.from_dict(result["data"])
        else:
            doc = Plan.from_dict(result["data"])
    except Exception as exc:  # a damaged cache entry or an unexpected worker result
        return Failed(path, failure_reason(exc, path))
    # a cached document may have been read under another name: report the path used now
    return Extracted(path, result["kind"], replace(doc, source=path))


# ---------------------------------------------------------------- running


def extract_files(
    files: list[Path],
    *,
    jobs: int = 1,
    max_pages: int | None = None,
    timeout: float | None = None,
    cache_dir: Path | None = None,
    resume: bool = False,
    on_done: Callable[[Outcome], None] | None = None,
    kind: Kind | None = None,
) -> list[Outcome]:
    """Extract `files` (in their order) with up to `jobs` worker processes.

    With `cache_dir`, each success is cached as soon as it arrives (so an interrupted run
    loses little); with `resume` too, results already cached are reused instead of reading
    the file again. With `timeout`, a file still running after that many seconds fails as
    "timed out after N s". `kind` skips classification and reads every file as that kind.
    """
    timeout = bounded_seconds(timeout)
    jobs = useful_jobs(jobs)
    done: dict[int, Outcome] = {}
    keys: dict[int, str | None] = {}
    todo: list[int] = []

    def finish(i: int, outcome: Outcome, result: dict[str, Any] | None = None) -> None:
        done[i] = outcome
        key = keys.get(i)
        if cache_dir is not None and result is not None and key and isinstance(outcome, Extracted):
            with contextlib.suppress(OSError):
                _cache_store(cache_dir, key, result)
        if on_done:
            on_done(outcome)

    for i, f in enumerate(files):
        keys[i] = None
        if cache_dir is not None:
            try:
                key = content_key(f, max_pages)
            except OSError as exc:
                finish(i, Failed(str(f), f"cannot be read ({exc.strerror or exc})"))
                continue
            keys[i] = key
            cached = _cache_load(cache_dir, key) if resume else None
            if cached is not None:
                outcome = _to_outcome(str(f), cached)
                finish(i, replace(outcome, reused=True) if isinstance(outcome, Extracted) else outcome)
                continue
        todo.append(i)

    if todo and jobs <= 1 and timeout is None:
        for i in todo:
            result = extract_one(str(files[i]), max_pages, *((kind,) if kind else ()))
            finish(i, _to_outcome(str(files[i]), result), result)
    elif todo:
        require_main_guard(f"reading files with jobs={jobs}" if jobs > 1 else "a per-file timeout")
        _run_pool(files, todo, max(1, jobs), max_pages, timeout, finish, kind)
    return [done[i] for i in range(len(files))]


def useful_jobs(jobs: int) -> int:
    """`jobs` held between 1 and what the machine can run at once (twice its usable CPUs).

    Why: each job is a worker process of its own; `jobs=10000` would start thousands of
    Python processes (and a number past C's int cannot make a pool at all) while reading
    no faster than one worker per CPU.
    """
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(int(jobs), 2 * max(1, cpus)))


@dataclass(frozen=True, order=True)
class _Task:
    """One unit of work in the pool: a whole file ("whole"), a check whether a file is a
    plan long enough to read in parts ("probe"), one page range ("part"), or the join."""

    file: int
    stage: Stage
    part: int = 0
    first: int = 0
    last: int = 0
    pages: int = 0  # a part's: the file's page count, found by the probe


def probe(path: str, max_pages: int | None, kind: Kind | None) -> dict[str, Any]:
    """{"split": pages to read, "pages": pages in the file} when `path` is a PDF plan long
    enough to read in parts, else {} (runs in a worker process; a file it cannot open is
    left for the whole read to report)."""
    from .extract.parts import MIN_PART_PAGES

    try:
        if kind != "review" and detect_kind(path) == "pdf":
            from .pdf.pages import page_count

            total = page_count(path)
            pages = total if max_pages is None else min(total, max_pages)
            if pages >= 2 * MIN_PART_PAGES:
                from .extract.detect import guess_document_kind

                if (kind or guess_document_kind(path)) == "plan":
                    return {"split": pages, "pages": total}
    except Exception:  # noqa: S110 - the whole read reports it in its own words
        pass
    return {}


def _run_pool(files, todo, jobs, max_pages, timeout, finish, kind=None) -> None:
    """Keep at most `jobs` tasks in flight, so each task's clock starts when it starts.

    The largest files go first (file size stands in for the work): workers finishing
    together is what makes two jobs twice as fast. With more than one job the last long
    plans (those not followed by a comparable file for each other worker) are read in page
    ranges on all workers at once (extract/parts.py), their parts and join going before the
    next file, so no worker sits idle while another reads the last plan alone. Results keep
    the files' order all the same.
    """
    from .extract.parts import join_parts, page_ranges, read_part

    first_stage: Stage = "probe" if jobs > 1 else "whole"
    sizes = {i: _size(files[i]) for i in todo}  # once: the queue is scanned at every submit
    queue = deque(_Task(i, first_stage) for i in sorted(todo, key=lambda i: (-sizes[i], i)))
    attempts: dict[_Task, int] = {}
    parts: dict[int, dict[int, dict[str, Any]]] = {}
    expected: dict[int, int] = {}
    closed: set[int] = set()

    def close(i: int, outcome: Outcome, result: dict[str, Any] | None = None) -> None:
        closed.add(i)
        parts.pop(i, None)
        for t in [t for t in queue if t.file == i]:
            queue.remove(t)
        finish(i, outcome, result)

    def submit(pool: cf.ProcessPoolExecutor, t: _Task) -> cf.Future:
        with _signals_held():  # submit may start a worker process
            return _submit(pool, t)

    def _submit(pool: cf.ProcessPoolExecutor, t: _Task) -> cf.Future:
        path = str(files[t.file])
        if t.stage == "probe":
            return pool.submit(probe, path, max_pages, kind)
        if t.stage == "part":
            return pool.submit(read_part, path, t.first, t.last, t.pages or None)
        if t.stage == "join":
            got = parts[t.file]
            return pool.submit(join_parts, path, [got[k] for k in sorted(got)])
        return pool.submit(extract_one, path, max_pages, *((kind,) if kind else ()))

    def comparable(i: int, tasks: Iterable[_Task]) -> int:
        # files still to read among `tasks` that are half the size of file i or more (file
        # size stands in for the work, within a kind: a review is read much faster)
        return sum(1 for q in tasks if q.stage in ("probe", "whole") and 2 * sizes[q.file] >= sizes[i])

    def parts_for(i: int) -> int:
        # The last long plan is cut finer: its join, and the part a worker starts late
        # because it was joining the plan before, would otherwise leave the other worker
        # idle at the end. Earlier plans are followed by other files that fill such gaps.
        probing = [q for q, _ in running.values() if q.stage == "probe"]
        return jobs if comparable(i, [*queue, *probing]) else 2 * jobs

    def enough_behind(t: _Task) -> bool:
        # Read whole, unprobed, a file followed by at least one comparable file for each
        # other worker: those keep the workers busy while it is read, and a plan read in
        # parts costs some 5-20% more CPU (each part opens the file again, the join redoes
        # the borderless tables). Only the last long plans are cut.
        return comparable(t.file, queue) >= jobs - 1

    def done(t: _Task, result: dict[str, Any]) -> None:
        i = t.file
        if t.stage == "probe":
            ranges = page_ranges(int(result["split"]), parts_for(i)) if "split" in result else []
            if len(ranges) < 2:
                queue.appendleft(_Task(i, "whole"))
                return
            expected[i], parts[i] = len(ranges), {}
            total = int(result.get("pages") or 0)
            queue.extendleft(reversed([_Task(i, "part", k, a, b, total)
                                       for k, (a, b) in enumerate(ranges)]))
        elif t.stage == "part":
            parts[i][t.part] = result
            if len(parts[i]) == expected[i]:
                queue.appendleft(_Task(i, "join"))
        else:
            close(i, _to_outcome(str(files[i]), result), result)

    def workers() -> int:
        # a file still to probe may become `jobs` parts: a smaller pool would queue a part
        # inside the executor, where its clock runs while it waits
        return jobs if any(t.stage == "probe" for t in queue) else min(jobs, len(queue))

    with _signals_held():
        pool = _new_pool(workers(), timeout)
    running: dict[cf.Future, tuple[_Task, float]] = {}
    try:
        while queue or running:
            while queue and len(running) < jobs:
                t = queue.popleft()
                if t.stage == "probe" and enough_behind(t):
                    t = _Task(t.file, "whole")
                running[submit(pool, t)] = (t, time.monotonic())
            wait_for = None
            if timeout is not None:
                oldest = min(start for _, start in running.values())
                wait_for = max(0.0, oldest + timeout - time.monotonic())
            finished, _ = cf.wait(running, timeout=wait_for, return_when=cf.FIRST_COMPLETED)
            broken = False
            for fut in finished:
                t, _ = running.pop(fut)
                if t.file in closed:
                    continue
                try:
                    result = fut.result()
                except cf.process.BrokenProcessPool:
                    broken = True
                    attempts[t] = attempts.get(t, 0) + 1
                    if attempts[t] >= 2:
                        close(t.file, Failed(str(files[t.file]), "extraction process crashed"))
                    else:
                        queue.appendleft(t)
                    continue
                done(t, result)
            now = time.monotonic()
            late = [f for f, (_, start) in running.items()
                    if timeout is not None and now - start >= timeout]
            if late or broken:
                for fut in late:
                    t, _ = running.pop(fut)
                    if t.file not in closed:
                        close(t.file, Failed(str(files[t.file]), f"timed out after {_seconds(timeout)} s"))
                # the pool cannot stop one task: stop it all and re-run the innocent ones
                for t, _ in sorted(running.values(), reverse=True):
                    if t.file not in closed:
                        queue.appendleft(t)
                running.clear()
                _kill_pool(pool)
                if queue:
                    with _signals_held():
                        pool = _new_pool(workers(), timeout)
    finally:
        _kill_pool(pool) if running else pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGTERM and Ctrl-C while worker processes start, then deliver them.

    A stop that lands while the pool launches a worker leaves that worker unknown to the
    pool: it outlives this process, finds the pool's semaphores gone and prints a traceback.
    Held for the few milliseconds a launch takes, the stop arrives once the pool knows all
    its workers and can end them. Only the main thread may set handlers; elsewhere, no hold.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = {s: signal.signal(s, lambda number, _frame: held.append(number))
                for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, signal.SIG_DFL if handler is None else handler)
        for number in dict.fromkeys(held):
            signal.raise_signal(number)


# The readers and the PDF libraries they import on first use: the server imports them once,
# so each worker starts with them loaded instead of importing them again on its first file.
READER_MODULES = ("ambicion.extract.detect", "ambicion.extract.plan", "ambicion.extract.review",
                  "ambicion.extract.parts", "pdfplumber", "pypdfium2")


def _new_pool(workers: int, timeout: float | None = None) -> cf.ProcessPoolExecutor:
    """A pool whose workers start from a clean server process, not a fork of this one.

    Forking a parent that runs threads (a progress bar refreshing, a loaded model) can
    copy a held lock into the child and hang it; "forkserver" avoids that where available.
    The server imports the readers once, so each worker starts with them loaded.
    """
    import multiprocessing as mp

    context: BaseContext
    if "forkserver" in mp.get_all_start_methods():
        server = mp.get_context("forkserver")
        server.set_forkserver_preload(list(READER_MODULES))  # no effect once it runs
        context = server
    else:
        context = mp.get_context("spawn")
    pool = cf.ProcessPoolExecutor(max_workers=max(1, workers), mp_context=context,
                                  initializer=_warm_up)
    if timeout is not None:
        # start the workers now (the server imports the readers before the first one), so
        # that a file's time limit measures reading the file, not starting Python. A no-op
        # is enough: once the server has imported, a worker starts in a few milliseconds.
        cf.wait([pool.submit(os.getpid) for _ in range(max(1, workers))])
    return pool


def _warm_up() -> None:
    """Worker initialiser: import the readers once, before any file's clock starts; readers'
    notes (an unreadable page left out) print as one line, not as a warning with source."""
    import importlib

    from .errors import one_line_notes

    one_line_notes()
    for name in READER_MODULES:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    _collect_less()


# a worker's threshold for collecting young objects (Python's default is 700)
WORKER_YOUNG_COLLECTION = 10_000


def _collect_less() -> None:
    """Leave what the worker started with out of garbage collection, and collect young
    objects less often.

    Why: reading a page makes tens of thousands of objects that live until the page (or the
    plan) is done, and next to no cycles; with Python's defaults a worker spent about 12% of
    its CPU collecting, each full collection walking again every module and class it was
    started with. Frozen, those are never walked; collected about ten times less often, a
    page's objects are mostly gone before a collection meets them. Garbage in cycles is still
    collected, a little later.
    """
    import gc

    gc.freeze()
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(young, WORKER_YOUNG_COLLECTION), middle, old)


def _kill_pool(pool: cf.ProcessPoolExecutor) -> None:
    """Terminate a pool's workers now (the executor has no public way to do this)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for p in processes:
        with contextlib.suppress(Exception):
            p.terminate()
    for p in processes:
        with contextlib.suppress(Exception):
            p.join(2)
            if p.is_alive():
                p.kill()
                p.join(2)
    with contextlib.suppress(Exception):
        pool.shutdown(wait=False, cancel_futures=True)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _seconds(value: float | None) -> str:
    return "?" if value is None else (f"{value:g}")
