"""A batch's parent process does not import scikit-learn: it cost about 0.7 s of CPU there,
taken from the workers reading the files (recycled detection and kappa are computed without it)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from ambicion.study import prepare_after_reading
prepare_after_reading()
import ambicion.recycled, ambicion.agreement
print(ambicion.recycled.similarity_matrix(["publicar datos abiertos", "datos abiertos"])[0, 1] > 0)
print(ambicion.agreement.cohen_kappa(["a", "b", "a"], ["a", "b", "b"], ["a", "b"]))
print(sorted(m for m in sys.modules if m == "sklearn" or m.startswith(("sklearn.", "scipy.stats"))))
"""


def test_judging_counting_and_tables_leave_scikit_learn_unimported() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    similar, kappa, imported = done.stdout.strip().splitlines()
    assert similar == "True" and float(kappa) > 0
    assert imported == "[]"


LANGUAGES = """
import sys
from ambicion.nlp.pipeline import pipeline_for
from ambicion.study import prepare_after_reading
prepare_after_reading(**({"languages": sys.argv[1:]} if sys.argv[1:] else {}))
built = pipeline_for.cache_info().currsize
from ambicion.judge.api import assess
a = assess("Publish the budget as open data and hold public hearings with citizens.", language="en")
print(built, pipeline_for.cache_info().currsize)
print(a.ambition, sorted(v.code for v in a.values if v.present))
"""


def test_only_spanish_is_built_before_reading_and_english_when_first_judged() -> None:
    def run(*languages: str) -> list[str]:
        done = subprocess.run([sys.executable, "-c", LANGUAGES, *languages],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout.strip().splitlines()

    lazy, eager = run(), run("es", "en")
    assert lazy[0] == "1 2" and eager[0] == "2 2"
    assert lazy[1] == eager[1]  # the same English answer, built late or early
