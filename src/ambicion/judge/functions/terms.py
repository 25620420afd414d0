"""Words to comparable keys: lemma, accent folding, a concept vocabulary, then a Snowball stem.

Why: a function says «organización, sistematización y publicación de la información» and
the commitment «organizará y sistematizará la información»; only when both sides reduce
"organización" and "organizará" to one key does the match survive the paraphrase. The
vocabulary in `data/function_terms.json` joins verbs with their nominalisations and near
synonyms (publicar ↔ difundir ↔ publicación, supervise ↔ oversight) across Spanish and
English; the stemmer catches the regular forms the vocabulary does not list.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Callable, Mapping, Sequence

import snowballstemmer

from ...labels import fold
from ...nlp.zones import ZoneCache, word_kept

GENERIC_WEIGHT = 0.25
MAX_PHRASE = 4
VERB_ENDINGS = {"es": ("ar", "er", "ir")}
# written forms that are verbs: infinitive, future, conditional, gerund, participle
VERB_FORMS = {"es": ("ar", "er", "ir", "ara", "era", "ira", "aran", "eran", "iran", "aria", "eria", "iria",
                     "ando", "iendo", "ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas")}
ENCLITIC = re.compile(r"(ar|er|ir|ando|iendo)(?:selos|selas|se|los|las|lo|la|les|le|nos|me|te)$")


@dataclass(frozen=True)
class Key:
    """One content word as the matcher sees it."""

    key: str
    action: bool  # a concept marked as an action, or (Spanish) a verb lemma
    weight: float  # GENERIC_WEIGHT for padding words, else 1
    start: int  # character offsets in the text it came from
    end: int


@dataclass(frozen=True)
class Vocabulary:
    """The concept tables of one language, with the lemmatizer's view of every listed word."""

    lang: str
    words: Mapping[str, str]  # folded lemma -> concept
    stems: Mapping[str, str]  # stem -> concept (shared stems: the one action, else left out)
    phrases: Mapping[tuple[str, ...], str]  # key sequence -> concept
    actions: frozenset[str]
    generic: frozenset[str]  # folded forms of padding words
    light: frozenset[str] = frozenset()  # concepts that are padding too ("la entidad", "la ciudadanía")
    objects: frozenset[str] = frozenset()  # concepts that are things acted on, never actions
    # what `keys_of` worked out per word form, kept because forms repeat across commitments
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def key_of(self, norm: str) -> str:
        found = self.words.get(norm)
        if found is not None:
            return found
        if self.lang == "es":  # "responderte", "publicarlos", "explicándolo": drop the pronoun
            bare = ENCLITIC.sub(r"\1", norm)
            if bare != norm and len(bare) > 3:
                norm = bare
                found = self.words.get(norm)
                if found is not None:
                    return found
        stem = _stem(self.lang, norm)
        return self.stems.get(stem, stem)


@lru_cache(maxsize=None)
def _stemmer(lang: str):
    return snowballstemmer.stemmer("english" if lang == "en" else "spanish")


# per (language, word); what a memory zone brought leaves with it (nlp/zones.py)
_STEMS: ZoneCache = ZoneCache(100_000, word_kept)
_VERBS: ZoneCache = ZoneCache(200_000, word_kept)


def _stem(lang: str, word: str) -> str:
    key = (lang, word)
    out = _STEMS.get(key)
    if out is None:
        out = _stemmer(lang).stemWord(word)
        _STEMS.put(key, out)
    return out


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(resources.files("ambicion").joinpath("data/function_terms.json").read_text("utf-8"))


def _verb(lang: str, norm: str, form: str) -> bool:
    """A Spanish verb the vocabulary does not list: a verb lemma written in a verb form."""
    key = (lang, norm, form)
    out = _VERBS.get(key)
    if out is None:
        out = (lang in VERB_ENDINGS and len(norm) > 4 and norm.endswith(VERB_ENDINGS[lang])
               and form.endswith(VERB_FORMS[lang]))
        _VERBS.put(key, out)
    return out


@lru_cache(maxsize=None)
def _stop_words(lang: str) -> frozenset[str]:
    if lang == "en":
        from spacy.lang.en.stop_words import STOP_WORDS
    else:
        from spacy.lang.es.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS)


def is_content(lang: str, word: str) -> bool:
    """The same test the pipeline's token view applies: alphabetic, not a stop word, > 2 letters."""
    return word.isalpha() and len(word) > 2 and word.lower() not in _stop_words(lang)


def build_vocabulary(lang: str, lemma_of: Callable[[str], str]) -> Vocabulary:
    """The concept tables for `lang`, using the pipeline's lemmatizer (`lemma_of(word)`)."""
    lang = "en" if lang == "en" else "es"
    data = _data()
    words: dict[str, str] = {}
    stem_owner: dict[str, set[str]] = {}
    multi: list[tuple[list[str], str]] = []
    actions: set[str] = set()
    for concept, entry in data["concepts"].items():
        if entry.get("action"):
            actions.add(concept)
        for phrase in entry.get(lang, []):
            parts = phrase.split()
            if len(parts) > 1:
                multi.append((parts, concept))
                continue
            for form in {fold(phrase), lemma_of(phrase)}:
                words.setdefault(form, concept)
                stem_owner.setdefault(_stem(lang, form), set()).add(concept)
    # a stem two concepts share goes to the action ("publicarlos" is publishing, not "público");
    # between two actions or two objects it is ambiguous and left out
    stems: dict[str, str] = {}
    for s, owners in stem_owner.items():
        acting = [c for c in owners if c in actions]
        if len(owners) == 1:
            stems[s] = next(iter(owners))
        elif len(acting) == 1:
            stems[s] = acting[0]
    partial = Vocabulary(lang, words, stems, {}, frozenset(actions), frozenset())
    phrases: dict[tuple[str, ...], str] = {}
    for parts, concept in multi:
        keys = tuple(partial.key_of(lemma_of(p)) for p in parts if is_content(lang, p))
        if len(keys) > 1:
            phrases.setdefault(keys, concept)
        elif keys and keys[0] not in stems and keys[0] not in words.values():
            stems[keys[0]] = concept  # "make easier": only "easier" is a content word
    # padding is known by its own forms only: a shared stem would make "índice" as light
    # as "indicar", or a concept that shares a padding word's stem light
    generic = {form for w in data["generic"][lang] if " " not in w
               for form in (fold(w), lemma_of(w)) if form not in words}
    light = frozenset(c for c, entry in data["concepts"].items() if entry.get("generic"))
    objects = frozenset(data["concepts"]) - frozenset(actions)
    return Vocabulary(lang, words, stems, phrases, frozenset(actions), frozenset(generic), light, objects)


def keys_of(vocab: Vocabulary, norms: Sequence[str], spans: Sequence[tuple[int, int]],
            forms: Sequence[str] | None = None, verbs: Sequence[bool] | None = None) -> list[Key]:
    """Content words (already filtered by the caller) to keys, joining listed phrases.

    `forms` are the words as written (lower-case), which tell a verb ("organizará") from a
    noun whose lemma merely looks like one ("tarifas"); `verbs` marks words known to be verbs
    from their context (English "will decide").
    """
    forms = forms if forms is not None else norms
    verbs = verbs if verbs is not None else [False] * len(norms)
    # padding words keep their own form: "government" must not match "governance" by stem
    raw = _raw_keys(vocab, norms)
    opens = _phrase_openers(vocab)
    out: list[Key] = []
    i = 0
    while i < len(raw):
        # a listed phrase can start here only if its first key is this one
        for size in range(min(MAX_PHRASE, len(raw) - i) if raw[i] in opens else 1, 1, -1):
            concept = vocab.phrases.get(tuple(raw[i:i + size]))
            if concept is not None:
                out.append(_key(vocab, concept, norms[i], forms[i], spans[i][0], spans[i + size - 1][1], verbs[i]))
                i += size
                break
        else:
            out.append(_key(vocab, raw[i], norms[i], forms[i], *spans[i], verbs[i]))
            i += 1
    return out


def _phrase_openers(vocab: Vocabulary) -> frozenset[str]:
    opens = vocab.memo.get("phrase_openers")
    if opens is None:
        opens = vocab.memo["phrase_openers"] = frozenset(p[0] for p in vocab.phrases)
    return opens


def _raw_keys(vocab: Vocabulary, norms: Sequence[str]) -> list[str]:
    memo = vocab.memo.setdefault("raw", {})
    try:
        return list(map(memo.__getitem__, norms))
    except KeyError:
        out = []
        for n in norms:
            raw = memo.get(n)
            if raw is None:
                raw = n if n in vocab.generic else vocab.key_of(n)
                if len(memo) < 200_000:
                    memo[n] = raw
            out.append(raw)
        return out


def _key(vocab: Vocabulary, key: str, norm: str, form: str, start: int, end: int, verb: bool = False) -> Key:
    memo = vocab.memo.setdefault("key", {})
    found = memo.get((key, norm, form, verb))
    if found is None:
        action = key in vocab.actions or (key not in vocab.objects and (verb or _verb(vocab.lang, norm, fold(form))))
        weight = GENERIC_WEIGHT if norm in vocab.generic or key in vocab.light else 1.0
        found = (action, weight)
        if len(memo) < 200_000:
            memo[(key, norm, form, verb)] = found
    return Key(key, found[0], found[1], start, end)
