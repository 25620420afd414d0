"""Build hook: ship the trained models inside the package.

Why a hook: `models/` at the top of the source tree is where `ambicion train` writes and
where the model card lives; a wheel must carry the same files as `ambicion/models/` so an
installed judge reads them through `importlib.resources`. Everything else is declared in
pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# must be there; everything else in models/ ships too, except documentation
REQUIRED = ("judge.json", "judge.skops", "nlp_es", "nlp_en")
NOT_SHIPPED = ("*.md", "*.png", "__pycache__", "*.tmp", ".*")


class BuildWithModels(build_py):
    """`build_py` that also copies models/ into ambicion/models/ of the build."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads models/ from the source tree
        source = ROOT / "models"
        target = Path(self.build_lib) / "ambicion" / "models"
        missing = [n for n in REQUIRED if not (source / n).exists()]
        if missing:
            raise SystemExit(f"models/: missing {', '.join(missing)} (run `ambicion train`)")
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(*NOT_SHIPPED))


setup(cmdclass={"build_py": BuildWithModels})
