"""Save and load the trained models safely: skops (never pickle) plus JSON metadata.

Why skops with an explicit list of trusted types: a model file is data someone could swap,
and unpickling runs code. Loading refuses any type not listed here. The JSON metadata
carries a SHA-256 of the model file, so a tampered or truncated file is caught before it is
parsed. Files are written byte-for-byte reproducibly (zip entries in a fixed order with a
fixed timestamp), so the same corpus gives the same model files.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from ..errors import ModelError
from ..io import atomic_write

MODEL_FILE = "judge.skops"
META_FILE = "judge.json"
FORMAT = 1

# Every type a judge model file may contain; anything else is refused at load time.
TRUSTED_TYPES: tuple[str, ...] = (
    "builtins.dict", "builtins.list", "builtins.tuple", "builtins.str", "builtins.int",
    "builtins.float", "builtins.bool", "builtins.NoneType", "builtins.slice", "builtins.type",
    "numpy.ndarray", "numpy.dtype", "numpy.float64", "numpy.int64", "numpy.int32", "numpy.bool_",
    "numpy.str_", "numpy.random.mtrand.RandomState",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.model_selection._split.StratifiedKFold",
    "sklearn.preprocessing._label.LabelEncoder",
    "sklearn.utils._bunch.Bunch",
    "scipy.sparse._csr.csr_matrix",
)

FIXED_TIME = (2020, 1, 1, 0, 0, 0)


@dataclass
class Bundle:
    """A vectorizer over masked lemmas, one calibrated classifier per label, and metadata."""

    vectorizer: Any
    classifiers: Mapping[str, Any]
    meta: dict = field(default_factory=dict)


def _reproducible_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()


def save_bundle(bundle: Bundle, target: Path) -> None:
    """Write judge.skops and judge.json into `target` (atomically, reproducibly)."""
    import skops.io as sio

    payload = {"vectorizer": bundle.vectorizer, "classifiers": dict(sorted(bundle.classifiers.items()))}
    raw = sio.dumps(payload)
    untrusted = set(sio.get_untrusted_types(data=raw)) - set(TRUSTED_TYPES)
    if untrusted:
        raise ModelError(target / MODEL_FILE, f"model holds types not on the trusted list: {sorted(untrusted)}")
    data = _reproducible_zip(raw)
    meta = dict(bundle.meta, format=FORMAT, model_sha256=hashlib.sha256(data).hexdigest())
    target.mkdir(parents=True, exist_ok=True)
    with atomic_write(target / MODEL_FILE, "wb", encoding=None) as fh:
        fh.write(data)
    with atomic_write(target / META_FILE) as fh:
        fh.write(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def load_meta(model_dir: Path) -> dict:
    path = model_dir / META_FILE
    try:
        meta = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ModelError(path, "model metadata not found (run `ambicion train`)") from None
    except (OSError, ValueError) as exc:
        raise ModelError(path, f"unreadable model metadata ({type(exc).__name__})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelError(path, f"unsupported model metadata format (expected {FORMAT})")
    return meta


def load_bundle(model_dir: Path) -> Bundle:
    """Load and verify the trained models; any damage is a one-line ModelError."""
    import skops.io as sio

    meta = load_meta(model_dir)
    path = model_dir / MODEL_FILE
    try:
        data = path.read_bytes()
    except OSError:
        raise ModelError(path, "model file not found (run `ambicion train`)") from None
    if hashlib.sha256(data).hexdigest() != meta.get("model_sha256"):
        raise ModelError(path, "checksum mismatch: the model file is truncated or was modified")
    try:
        untrusted = set(sio.get_untrusted_types(data=data)) - set(TRUSTED_TYPES)
        if untrusted:
            raise ModelError(path, f"model holds untrusted types: {sorted(untrusted)}")
        payload = sio.loads(data, trusted=list(TRUSTED_TYPES))
    except ModelError:
        raise
    except Exception as exc:
        raise ModelError(path, f"damaged model file ({type(exc).__name__})") from None
    return Bundle(payload["vectorizer"], payload["classifiers"], meta)


def predict(bundle: Bundle, masked: list[str], numeric: np.ndarray) -> dict[str, np.ndarray]:
    """Model probabilities per label: P(True) for binary labels, (n, 3) for ambition."""
    from scipy.sparse import csr_matrix, hstack

    X = hstack([bundle.vectorizer.transform(masked), csr_matrix(numeric)], format="csr")
    out: dict[str, np.ndarray] = {}
    for label, clf in bundle.classifiers.items():
        proba = clf.predict_proba(X)
        classes = [str(c) for c in clf.classes_]
        if label == "ambition":
            order = [classes.index(a) for a in ("unclear", "modest", "substantial")]
            out[label] = proba[:, order]
        else:
            out[label] = proba[:, classes.index("1")] if "1" in classes else proba[:, -1]
    return out
