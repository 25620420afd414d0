"""The judge's public entry points: `assess` and `assess_many`, and the cached `Judge`.

One Judge per model directory is built on first use and kept: pipelines and models load
once, and every later call only tokenises, matches and multiplies. Batches go through
`nlp.pipe` and one model call per batch, which is what makes screening a whole plan fast.
"""

from __future__ import annotations

import hashlib
import os
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import numpy as np
from spacy.tokens import Doc

from .compact import compact
from ..lang import language_code
from ..model import Assessment, Commitment, Language, Milestone
from ..nlp.tokenizer_cache import warm
from ..nlp.zones import memory_zone
from . import ambition as ambition_mod
from . import flags as flags_mod
from . import values as values_mod
from .features import Features, extract, feature_names, numeric_vector
from .functions import FunctionIndex, FunctionItem, default_items, function_items, merged
from .rules import AMBITION, BINARY_LABELS, SCORE_NAMES, all_scores, lens_score, restates_law
from .sections import context_ranges

# heads a model may carry beyond the rule labels: the lens and "substantial" learnt from real ratings
EXTRA_HEADS = ("open_gov_lens", "substantial")
MODEL_BINARY = BINARY_LABELS + EXTRA_HEADS
from .suggest import suggestions
from .verifiability import notes

ENV_MODEL_DIR = "AMBICION_MODEL_DIR"
_LOCK = threading.Lock()
_JUDGES: dict[tuple[str | None, bool], "Judge"] = {}


def default_model_dir() -> Path | None:
    """Where the shipped models are: $AMBICION_MODEL_DIR, else the installed package's
    `ambicion/models/` (a wheel carries them as package data), else the `models/` folder of
    the source tree (an editable install), else None.

    An $AMBICION_MODEL_DIR that holds no models is returned as is, so loading it fails
    clearly instead of quietly using other models.
    """
    env = os.environ.get(ENV_MODEL_DIR)
    if env:
        return Path(env)
    packaged = _packaged_models()
    if packaged is not None:
        return packaged
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "models"
        if (candidate / "judge.json").exists():
            return candidate
        if (parent / "pyproject.toml").exists():
            break
    return None


def _packaged_models() -> Path | None:
    """The models installed with the package, as a real folder (spaCy loads from disk)."""
    from importlib.resources import files

    try:
        folder = files("ambicion") / "models"
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - unusual importers
        return None
    if isinstance(folder, Path) and (folder / "judge.json").is_file():
        return folder
    return None


def _warn_rules_only() -> None:
    from ..errors import ModelWarning

    warnings.warn(
        "no trained models found (not installed with the package, no models/ folder, "
        f"${ENV_MODEL_DIR} unset): judging with the rules only, so verdicts differ from "
        f"the shipped judge; reinstall ambicion or set ${ENV_MODEL_DIR}",
        ModelWarning, stacklevel=3)


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    text: str
    milestones: tuple[Milestone, ...] = ()
    context: tuple[tuple[int, int], ...] = ()


def as_item(obj: str | Commitment) -> Item:
    if isinstance(obj, Commitment):
        text = obj.text
        # the problem statement and the plan's "additional information" (often its own claim
        # of ambition) describe, they do not act: both are context sections
        context: list[tuple[int, int]] = []
        for part in (obj.problem.strip(), obj.additional.strip()):
            if part:
                start = text.find(part, len(obj.title.strip()))
                if start >= 0:
                    context.append((start, start + len(part)))
        return Item(obj.id, obj.title, text, tuple(obj.milestones), tuple(sorted(context)))
    text = str(obj)
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = first if len(first) <= 100 else first[:97].rstrip() + "..."
    return Item("c-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10], title, text)


def detect(text: str) -> Language:
    from ..lang import detect_language

    return detect_language(text)


class Judge:
    """Pipelines, trained models (if any) and function indexes, loaded once."""

    def __init__(self, model_dir: Path | None, use_model: bool = True) -> None:
        from .store import load_bundle

        self.model_dir = model_dir
        self.bundle = None
        if use_model and model_dir is None:
            _warn_rules_only()  # asked for the models and there are none: say so, once
        if use_model and model_dir is not None:
            self.bundle = load_bundle(model_dir)
            if self.bundle.meta.get("feature_names") != feature_names(SCORE_NAMES):
                from ..errors import ModelError

                raise ModelError(model_dir / "judge.json",
                                 "the models were trained with other rule features; run `ambicion train`")
        meta = self.bundle.meta if self.bundle else {}
        self.blend: dict[str, float] = dict(meta.get("blend", {}))
        self.thresholds: dict[str, float] = dict(meta.get("thresholds", {}))
        self._functions: dict[tuple[str, tuple[FunctionItem, ...]], FunctionIndex] = {}
        # one batch at a time: a memory zone is the pipeline's, and what another thread made
        # in it would be freed under that thread when it ends
        self._batch_lock = threading.RLock()

    def nlp(self, lang: str):
        from ..nlp.pipeline import pipeline_for

        return pipeline_for(lang, str(self.model_dir) if self.model_dir else None)

    def function_index(self, lang: str, functions=None) -> FunctionIndex:
        # the general obligations bind every entity, so they join the institution's own list
        items = default_items(lang) if functions is None else merged(function_items(functions), lang)
        key = (lang, items)
        index = self._functions.get(key)
        if index is None:
            index = FunctionIndex(items, self.nlp(lang), nlp_for=self.nlp)
            if len(self._functions) > 32:
                self._functions.clear()
            self._functions[key] = index
        return index

    # ------------------------------------------------------------ judging

    def assess_docs(self, docs: Sequence[Doc], language: str, items: Sequence[Item] | None = None,
                    functions=None) -> list[Assessment]:
        """Judge docs already run through this language's pipeline."""
        if not docs:
            return []
        index = self.function_index(language, functions)
        # Doc.text is rebuilt from the tokens on every read; spaCy's tokens keep the text they
        # were made from exactly, so the items' own texts are the docs' texts
        texts = [it.text for it in items] if items else [d.text for d in docs]
        items = items or [as_item(t) for t in texts]
        # context sections are found once and read by both the function matcher and the features
        sections = [context_ranges(t, it.context) for t, it in zip(texts, items)]
        matches = index.best_many(docs, [it.context for it in items], texts, sections)
        feats = [extract(d, language, index, it.milestones, fm, it.context, t, s)
                 for d, it, fm, t, s in zip(docs, items, matches, texts, sections)]
        rule = [all_scores(f) for f in feats]
        model = self._model_probs(feats, rule)
        return [self._decide(f, it, r, m) for f, it, r, m in zip(feats, items, rule, model)]

    def _model_probs(self, feats: list[Features], rule: list[dict]) -> list[dict[str, float] | None]:
        if self.bundle is None:
            return [None] * len(feats)
        from .store import predict

        numeric = np.vstack([numeric_vector(f, r, SCORE_NAMES) for f, r in zip(feats, rule)])
        raw = predict(self.bundle, [f.masked for f in feats], numeric)
        out: list[dict[str, float] | None] = []
        for i in range(len(feats)):
            probs: dict[str, float] = {}
            if "ambition" in raw:
                probs.update({a: float(p) for a, p in zip(AMBITION, raw["ambition"][i])})
            # binary heads last: a "substantial" head learnt from real ratings must not be
            # overwritten by the three-level head's share of the same name
            probs.update({label: float(raw[label][i]) for label in MODEL_BINARY if label in raw})
            out.append(probs)
        return out

    def blended(self, rule: dict, model: dict | None) -> dict[str, float]:
        """Final probabilities: w·model + (1−w)·rules per label (w chosen at training time).

        The lens and "substantial" exist as probabilities only when the model has heads for
        them (trained with real ratings); their rule side is the strongest core value and the
        rules' P(substantial).
        """
        probs = {label: rule[label] for label in BINARY_LABELS}
        probs.update({a: rule[f"ambition_{a}"] for a in AMBITION})
        probs["not_verifiable"] = rule["not_verifiable"]
        if model:
            for label in BINARY_LABELS:
                if label in model:
                    w = self.blend.get(label, 0.5)
                    probs[label] = w * model[label] + (1 - w) * rule[label]
            if "unclear" in model:
                w = self.blend.get("ambition", 0.5)
                for a in AMBITION:
                    probs[a] = w * model[a] + (1 - w) * rule[f"ambition_{a}"]
            rule_side = {"open_gov_lens": lens_score(rule), "substantial": rule["ambition_substantial"]}
            for label in EXTRA_HEADS:
                if label in model:
                    w = self.blend.get(label, 1.0)
                    probs[label] = w * model[label] + (1 - w) * rule_side[label]
        return probs

    def _decide(self, f: Features, item: Item, rule: dict, model: dict | None) -> Assessment:
        probs = self.blended(rule, model)
        values, lens = values_mod.decide_with_lens(f, probs, self.thresholds)
        flags = flags_mod.decide(f, probs, self.thresholds, lens)
        # only the function evidence (every action covered, nothing beyond) forces "unclear"
        level, amb = ambition_mod.decide(probs, values, lens, self.thresholds, restated=restates_law(f),
                                         pushed=bool(f.hits(*ambition_mod.PUSH_FAMILIES)))
        return compact(Assessment(
            id=item.id, title=item.title, text=f.text, language=f.lang, values=values,
            open_gov_lens=lens, ambition=level, ambition_probabilities=amb,
            ambition_reasons=ambition_mod.reasons(f, level, amb, values, flags, lens),
            flags=flags, verifiability=notes(f.verif, f.text, f.lang),
            suggestions=suggestions(f, values, flags, level),
        ))  # one copy of each repeated string: assess_many keeps thousands of these

    def assess_iter(self, objs: Iterable[str | Commitment], functions=None, batch_size: int = 64,
                    language: str | None = None) -> Iterator[Assessment]:
        """Judge `objs` in order, `batch_size` at a time: at most one batch of Docs is alive,
        so memory stays flat however many commitments (or however long an iterator) come in."""
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size!r}")
        lang = None if language is None else language_code(language)
        batch: list[Item] = []
        for n, obj in enumerate(objs):
            batch.append(as_item(checked(obj, n)))
            if len(batch) >= batch_size:
                yield from self._judge_batch(batch, functions, batch_size, lang)
                batch = []
        if batch:
            yield from self._judge_batch(batch, functions, batch_size, lang)

    def _judge_batch(self, items: list[Item], functions, batch_size: int,
                     language: Language | None) -> list[Assessment]:
        langs = [language or detect(it.text) for it in items]
        with self._batch_lock:
            return self._judge_languages(items, langs, functions, batch_size)

    def _judge_languages(self, items: list[Item], langs: list[Language], functions,
                         batch_size: int) -> list[Assessment]:
        results: list[Assessment | None] = [None] * len(items)
        for lang in sorted(set(langs)):
            idx = [i for i, g in enumerate(langs) if g == lang]
            nlp = self.nlp(lang)
            texts = [items[i].text for i in idx]
            warm(nlp, texts)  # spaCy's tokenizer cache then holds every word of the batch
            self.function_index(lang, functions)  # built outside the zone: it is kept
            # the strings and lexemes the batch brings leave with the zone (nlp/zones.py), so
            # memory does not grow with the number of commitments; results hold no spaCy object
            with memory_zone(nlp):
                docs = list(nlp.pipe(texts, batch_size=batch_size))
                judged = self.assess_docs(docs, lang, [items[i] for i in idx], functions)
                del docs
            for i, a in zip(idx, judged):
                results[i] = a
        return [r for r in results if r is not None]

    def assess_many(self, objs: Iterable[str | Commitment], functions=None, batch_size: int = 64,
                    language: str | None = None) -> list[Assessment]:
        return list(self.assess_iter(objs, functions, batch_size, language))


def checked(obj: object, position: int | None = None) -> str | Commitment:
    """`obj` if it can be judged; TypeError for what is not text, ValueError for blank text.

    Why strict: judging `str(None)` or an empty string would return a confident-looking
    Assessment of nothing.
    """
    where = "" if position is None else f"item {position}: "
    if isinstance(obj, Commitment):
        if not obj.text.strip():
            raise ValueError(f"{where}commitment {obj.id!r} has no text to judge")
        _within_limit(obj.text, where)
        return obj
    if not isinstance(obj, str):
        raise TypeError(f"{where}expected a str or a Commitment, not {type(obj).__name__}")
    if not obj.strip():
        raise ValueError(f"{where}there is no text to judge (empty or only whitespace)")
    _within_limit(obj, where)
    return obj


def _within_limit(text: str, where: str) -> None:
    """ValueError for a text longer than one commitment can be (spaCy would refuse it with
    its own E088 message, which names none of ambicion's limits)."""
    from ..limits import limits

    cap = limits().max_commitment_chars
    if len(text) > cap:
        raise ValueError(f"{where}a text of {len(text):,} characters is over the {cap:,} limit for one "
                         "commitment; split it (or set AMBICION_MAX_COMMITMENT_CHARS)")


def get_judge(model_dir: str | Path | None = None, use_model: bool = True) -> Judge:
    """The cached Judge for `model_dir` (default: the shipped models, else rules only)."""
    path = Path(model_dir) if model_dir is not None else default_model_dir()
    key = (str(path) if path else None, use_model)
    judge = _JUDGES.get(key)
    if judge is None:
        with _LOCK:
            judge = _JUDGES.get(key)
            if judge is None:
                judge = Judge(path, use_model=key[1])
                _JUDGES[key] = judge
    return judge


def assess(text_or_commitment: str | Commitment, functions=None, *, language: str | None = None) -> Assessment:
    """Judge one commitment (text or Commitment); `functions` is text, a path or a list."""
    return get_judge().assess_many([checked(text_or_commitment)], functions=functions,
                                   language=language)[0]


def assess_iter(items: Iterable[str | Commitment], functions=None, batch_size: int = 64, *,
                language: str | None = None) -> Iterator[Assessment]:
    """Judge many commitments lazily, one `nlp.pipe` batch at a time."""
    return get_judge().assess_iter(items, functions=functions, batch_size=batch_size, language=language)


def assess_many(items: Iterable[str | Commitment], functions=None, batch_size: int = 64, *,
                language: str | None = None) -> list[Assessment]:
    """Judge many commitments, batching through `nlp.pipe`."""
    return get_judge().assess_many(items, functions=functions, batch_size=batch_size, language=language)
