"""A non-editable install carries the models and the typing marker, and judges like the source tree.

Built offline from this checkout (no build isolation, no dependencies fetched) and installed
into a scratch folder; CI (`.ci/run`) also installs the wheel into a fresh virtualenv.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import ambicion

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow

TEXT = ("Publicar en datos abiertos los contratos de obra pública y abrir un canal para que la "
        "ciudadanía presente observaciones, con respuesta obligatoria en treinta días.")

CHECK = """
import json, sys, warnings
warnings.simplefilter("error")
import ambicion
from ambicion.judge.api import default_model_dir
print(json.dumps({"file": ambicion.__file__, "models": str(default_model_dir()),
                  "assessment": ambicion.assess(sys.argv[1]).to_dict()}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if not (ROOT / "setup.py").exists():
        pytest.skip("not a source checkout")
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                           "--no-build-isolation", "-w", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    (found,) = out.glob("ambicion-*.whl")
    return found


def test_the_wheel_ships_models_patterns_and_the_typing_marker(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("ambicion/py.typed", "ambicion/models/judge.json",
                     "ambicion/models/judge.skops", "ambicion/models/nlp_es/config.cfg",
                     "ambicion/models/nlp_en/config.cfg", "ambicion_cli/main.py"):
        assert required in names
    assert any(n.startswith("ambicion/nlp/patterns/") for n in names)
    assert not any(n.endswith((".md", ".png")) and "/models/" in n for n in names)


def test_the_installed_package_judges_like_the_source_tree(wheel, tmp_path):
    target = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                           "--target", str(target), str(wheel)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    env = {k: v for k, v in os.environ.items() if k != "AMBICION_MODEL_DIR"}
    env["PYTHONPATH"] = str(target)
    proc = subprocess.run([sys.executable, "-c", CHECK, TEXT], capture_output=True, text=True,
                          timeout=300, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr  # warnings are errors: no rules-only fallback
    got = json.loads(proc.stdout)
    assert Path(got["file"]).is_relative_to(target)
    assert Path(got["models"]) == target / "ambicion" / "models"
    assert got["assessment"] == ambicion.assess(TEXT).to_dict()
