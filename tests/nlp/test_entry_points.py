"""spaCy users can load the shipped pipelines and add the judge without importing ambicion."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

MODELS = Path(__file__).resolve().parents[2] / "models"

SCRIPT = """
import sys, spacy
assert "ambicion" not in sys.modules
nlp = spacy.load(sys.argv[1])
nlp.add_pipe("ambicion")
doc = nlp("Crear un registro público de beneficiarios finales mediante decreto supremo.")
print(doc._.ambicion.ambition, ",".join(doc._.ambicion.value_codes))
"""


def test_spacy_load_finds_the_components_through_entry_points():
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(MODELS / "nlp_es")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    ambition, values = proc.stdout.split()
    assert ambition in {"modest", "substantial"}
    assert "access_to_information" in values.split(",")
