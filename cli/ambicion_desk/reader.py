"""Read drafts in a child process: `python -m ambicion_desk.reader FILE...` prints one JSON line per file.

Why a child process: the server must outlive its worst upload. The parent gives each file a
time limit and kills this process when one is exceeded; on POSIX the child also caps its own
memory. Each line is either {"commitments": [...]} or {"error": "one line"}.
"""

from __future__ import annotations

import json
import sys
from typing import Any

MEMORY_LIMIT = 4 * 1024 ** 3  # bytes of address space; a draft never needs this much


def _cap_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows: the time limit still applies
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def main(paths: list[str]) -> int:
    _cap_memory()
    from ambicion.errors import failure_reason
    from ambicion.screening import read_commitments

    for path in paths:
        try:
            line: dict[str, Any] = {"commitments": [c.to_dict() for c in read_commitments(path)]}
        except MemoryError:
            line = {"error": "too large to read within the memory limit"}
        except Exception as exc:  # reported to the user as one line, never as a traceback
            line = {"error": failure_reason(exc, path)}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
