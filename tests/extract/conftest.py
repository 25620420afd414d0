"""Fixtures for the extraction tests; each reader's fixtures live in their own module."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest_reviews import (  # noqa: E402,F401
    apr_en,
    apr_es,
    end_of_term_en,
    progress_es,
    results_en,
    results_es,
)
