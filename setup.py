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
# what the judge loads at run time (the model card and plots stay in the source tree)
MODEL_FILES = ("judge.json", "judge.skops")
MODEL_DIRS = ("nlp_es", "nlp_en")


class BuildWithModels(build_py):
    """`build_py` that also copies models/ into ambicion/models/ of the build."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads models/ from the source tree
        source = ROOT / "models"
        target = Path(self.build_lib) / "ambicion" / "models"
        missing = [n for n in (*MODEL_FILES, *MODEL_DIRS) if not (source / n).exists()]
        if missing:
            raise SystemExit(f"models/: missing {', '.join(missing)} (run `ambicion train`)")
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for name in MODEL_FILES:
            shutil.copy2(source / name, target / name)
        for name in MODEL_DIRS:
            shutil.copytree(source / name, target / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.tmp"))


setup(cmdclass={"build_py": BuildWithModels})
