"""Refuse to start worker processes from an unguarded script, with the fix in the message.

Why: worker processes are started with "forkserver" or "spawn" (a fork of a threaded parent
can hang), and both re-import the script that called us. If the call is not under
`if __name__ == "__main__":`, every worker would run the whole script again: at best
the work is done N+1 times, at worst the pool breaks with an obscure bootstrapping error.
The call site is found on the stack and checked against the script's own syntax tree, so a
guarded call (directly or through functions) passes and an unguarded one is refused before
any process starts.
"""

from __future__ import annotations

import ast
import sys
from functools import lru_cache
from pathlib import Path
from types import FrameType


def unguarded_call_line() -> tuple[str, int] | None:
    """(script, line) of the `__main__` module's top-level statement now running, when that
    statement is not inside an `if __name__ == "__main__":` block; otherwise None.

    None too when there is no script to re-import (interactive sessions, notebooks,
    `python -c`) or the call does not come from the script's top level (another thread).
    """
    main = sys.modules.get("__main__")
    script = getattr(main, "__file__", None)
    if main is None or not script:
        return None
    name = getattr(getattr(main, "__spec__", None), "name", None) or ""
    if name.endswith(".__main__"):
        return None  # `python -m package`: multiprocessing never re-imports a package's __main__
    frame: FrameType | None = sys._getframe(1)
    line = None
    while frame is not None:
        if frame.f_globals is vars(main) and frame.f_code.co_name == "<module>":
            line = frame.f_lineno
        frame = frame.f_back
    if line is None:
        return None
    try:
        guarded = _guarded_lines(str(Path(script).resolve()))
    except (OSError, SyntaxError, ValueError):
        return None
    return None if line in guarded else (str(script), line)


@lru_cache(maxsize=8)
def _guarded_lines(script: str) -> frozenset[int]:
    """The line numbers inside `if __name__ == "__main__":` blocks of `script`."""
    tree = ast.parse(Path(script).read_text("utf-8"), script)
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_main_test(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return frozenset(lines)


def _is_main_test(test: ast.expr) -> bool:
    if not isinstance(test, ast.Compare) or len(test.ops) != 1 or not isinstance(test.ops[0], ast.Eq):
        return False
    sides = [test.left, *test.comparators]
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
    consts = [s for s in sides if isinstance(s, ast.Constant) and s.value == "__main__"]
    return len(names) == 1 and len(consts) == 1


def require_main_guard(what: str) -> None:
    """Raise RuntimeError, naming the guard, if worker processes would re-run the script."""
    found = unguarded_call_line()
    if found is not None:
        script, line = found
        raise RuntimeError(
            f"{what} starts worker processes, which re-import your script {Path(script).name}; "
            f"line {line} runs at import: put the script's work under "
            f"`if __name__ == \"__main__\":` (see the README), or use jobs=1")
