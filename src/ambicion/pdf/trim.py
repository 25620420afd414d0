"""Hand the C heap's free memory back to the system between pages (glibc only; else nothing).

Why: reading a page allocates and frees native memory (pdfium's and pdfminer's buffers,
numpy arrays, Python objects too big for its own pools) through the C allocator. glibc keeps
what is freed inside its heaps for reuse, and as pages come and go the heap's free holes make
the resident size creep up with the page count although nothing is held. `malloc_trim(0)`
returns those free pages to the system. Elsewhere (musl, macOS, Windows) it does not exist,
and this does nothing.
"""

from __future__ import annotations

import ctypes
import sys
from functools import lru_cache
from typing import Callable, Optional


@lru_cache(maxsize=1)
def _malloc_trim() -> Optional[Callable[[int], int]]:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_free_memory() -> bool:
    """Give the C heap's free pages back to the system; False where that cannot be done."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
