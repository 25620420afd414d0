"""Save and load the trained models safely: skops (never pickle) plus JSON metadata.

Why skops with an explicit list of trusted types: a model file is data someone could swap,
and unpickling runs code. The file holds only numpy arrays in dicts (see `linear.py`), and
loading refuses any other type. The JSON metadata carries a SHA-256 of the model file, so a
tampered or truncated file is caught before it is parsed. Files are written byte-for-byte
reproducibly (zip entries in a fixed order with a fixed timestamp).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import numpy as np

from ..errors import ModelError
from ..io import atomic_write
from .linear import TextVectorizer, predict_proba

MODEL_FILE = "judge.skops"
META_FILE = "judge.json"
FORMAT = 1

# Every type a judge model file may contain; anything else is refused at load time.
TRUSTED_TYPES: tuple[str, ...] = ("builtins.dict", "numpy.ndarray")

FIXED_TIME = (2020, 1, 1, 0, 0, 0)


@dataclass
class Bundle:
    """The text vectorizer, one exported classifier per label, and metadata."""

    vectorizer: TextVectorizer
    classifiers: Mapping[str, Mapping[str, np.ndarray]]
    meta: dict = field(default_factory=dict)


def _reproducible_zip(data: bytes) -> bytes:
    """Re-pack a skops archive so equal models give equal bytes.

    skops names array files and nodes after Python object ids, which change from run to run;
    they are renumbered here in schema order (consistently, so shared references survive),
    and zip entries get a fixed order and timestamp.
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    schema = json.loads(src.read("schema.json"))
    ids: dict[int, int] = {}

    def walk(node):
        if isinstance(node, dict):
            if "__id__" in node:
                node["__id__"] = ids.setdefault(node["__id__"], len(ids))
            if isinstance(node.get("file"), str) and node["file"].endswith(".npy"):
                old = int(node["file"][:-4])
                node["file"] = f"{ids.setdefault(old, len(ids)):05d}.npy"
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    renamed = {f"{old}.npy": f"{new:05d}.npy" for old, new in ids.items()}
    entries = {"schema.json": json.dumps(schema, sort_keys=True).encode("utf-8")}
    for name in src.namelist():
        if name != "schema.json":
            entries[renamed.get(name, name)] = src.read(name)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, entries[name])
    return out.getvalue()


def read_arrays(data: bytes, source: Path) -> dict:
    """Read a skops archive that may hold only dicts of numpy arrays, without importing skops.

    Importing skops pulls in most of scikit-learn (about two seconds); our files hold only
    the trusted types above, so a strict reader is both faster and safer: any other node
    type is refused, and arrays load with `allow_pickle=False`. Tests check that it agrees
    with `skops.io.loads(..., trusted=TRUSTED_TYPES)`.
    """
    archive = zipfile.ZipFile(io.BytesIO(data))
    schema = json.loads(archive.read("schema.json"))

    def build(node):
        kind = f"{node.get('__module__')}.{node.get('__class__')}"
        if kind not in TRUSTED_TYPES:
            raise ModelError(source, f"model holds an untrusted type: {kind}")
        if kind == "builtins.dict":
            return {str(k): build(v) for k, v in node["content"].items()}
        if node.get("type") != "numpy":
            raise ModelError(source, "model array is not stored as a plain numpy file")
        with archive.open(node["file"]) as fh:
            return np.load(io.BytesIO(fh.read()), allow_pickle=False)

    return build(schema)


def save_bundle(terms: np.ndarray, idf: np.ndarray, classifiers: Mapping[str, Mapping[str, np.ndarray]],
                meta: dict, target: Path) -> None:
    """Write judge.skops and judge.json into `target` (atomically, reproducibly)."""
    import skops.io as sio

    payload = {"terms": terms, "idf": idf,
               "classifiers": {k: dict(sorted(v.items())) for k, v in sorted(classifiers.items())}}
    raw = sio.dumps(payload)
    untrusted = set(sio.get_untrusted_types(data=raw)) - set(TRUSTED_TYPES)
    if untrusted:
        raise ModelError(target / MODEL_FILE, f"model holds types not on the trusted list: {sorted(untrusted)}")
    data = _reproducible_zip(raw)
    meta = dict(meta, format=FORMAT, model_sha256=hashlib.sha256(data).hexdigest())
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
    meta = load_meta(model_dir)
    path = model_dir / MODEL_FILE
    try:
        data = path.read_bytes()
    except OSError:
        raise ModelError(path, "model file not found (run `ambicion train`)") from None
    if hashlib.sha256(data).hexdigest() != meta.get("model_sha256"):
        raise ModelError(path, "checksum mismatch: the model file is truncated or was modified")
    try:
        payload = read_arrays(data, path)
        vectorizer = TextVectorizer.from_arrays(payload["terms"], payload["idf"])
        classifiers = {k: dict(v) for k, v in payload["classifiers"].items()}
    except ModelError:
        raise
    except Exception as exc:
        raise ModelError(path, f"damaged model file ({type(exc).__name__})") from None
    return Bundle(vectorizer, classifiers, meta)


def predict(bundle: Bundle, masked: list[str], numeric: np.ndarray) -> dict[str, np.ndarray]:
    """Model probabilities per label: P(True) for binary labels, (n, 3) for ambition."""
    from scipy.sparse import csr_matrix, hstack

    X = hstack([bundle.vectorizer.transform(masked), csr_matrix(numeric)], format="csr")
    out: dict[str, np.ndarray] = {}
    for label, params in bundle.classifiers.items():
        proba = predict_proba(params, X)
        classes = [str(c) for c in params["classes"].tolist()]
        if label == "ambition":
            out[label] = proba[:, [classes.index(a) for a in ("unclear", "modest", "substantial")]]
        else:
            out[label] = proba[:, classes.index("1")]
    return out
