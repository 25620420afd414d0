"""Fill spaCy's tokenizer cache one word at a time, so whole commitments hit it.

Why: spaCy caches how each whitespace-separated chunk splits into tokens, but it stops
saving chunks for the rest of a text as soon as one special case (an abbreviation such as
"etc." or "EE. UU.") has been seen in that text. Commitments are long and nearly all hold
one early, so spaCy re-split almost every chunk of every commitment: about a fifth of the
judge's time. Tokenizing each chunk not seen before on its own lets spaCy save it (a text
of one chunk has no earlier special case); the commitment itself is then tokenized by
spaCy as before, from its own cache. The tokens are spaCy's in both cases: the cache is
spaCy's, filled by spaCy, and the whole text still goes through its tokenizer.

Warming happens outside the judge's memory zone (nlp/zones.py), where spaCy does not cache
at all: the warmed chunks, and their lemmas (the lemmatizer runs over the warm-up tokens),
are the vocabulary kept for good, bounded by `CACHE_CHUNKS`; everything else a text brings
leaves with its zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Optional

from spacy.language import Language
from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]  # compiled, no stubs
from spacy.tokens import Doc

# chunks remembered per pipeline; spaCy's own default cache holds 10,000, which a batch of
# plans from several countries outgrows (each entry is a few pointers)
CACHE_CHUNKS = 50_000
# chunks seen once, waiting for a second sighting; forgotten all at once when this many wait.
# Under 19,660: a set's table quadruples when it passes 60% of its 32,768 slots, so 20,000
# waiting chunks took a 2 MB table (per language) that a set of 16,000 keeps at 0.5 MB
PENDING_CHUNKS = 16_000


@dataclass
class ChunkWarmer:
    """Tokenizes each chunk once, so spaCy's cache holds it for whole texts.

    Only chunks that come twice are warmed (twice in one call, or once in an earlier call and
    again now): what the warmer tokenizes stays in the vocabulary for good, and a chunk seen
    once — an amount, a row number, a code — would only take a place that a word needs, and
    memory that grows with the input. Tokenizing a chunk that occurs once in a text costs the
    same whether it was warmed or not.
    Chunks made only of letters that are no special case are tokenized many to a call (joined
    by spaces): spaCy splits each whitespace-separated chunk on its own, so each is cached as
    if tokenized alone, and such chunks practically never raise a special case that would stop
    the rest of the call from being cached. Any other chunk gets a call of its own. A chunk
    left out of the cache is only split again later, never differently.
    """

    tokenizer: Tokenizer
    limit: int = CACHE_CHUNKS
    seen: set[str] = field(default_factory=set)
    group: int = 256  # plain chunks per call
    after: Optional[Callable[[Doc], object]] = None  # run over each warm-up doc (the lemmatizer)
    pending: set[str] = field(default_factory=set)  # seen once, in an earlier call
    pending_limit: int = PENDING_CHUNKS

    def __post_init__(self) -> None:
        self.tokenizer.max_cache_size = max(self.tokenizer.max_cache_size, self.limit)
        self._specials = frozenset(self.tokenizer.rules or ())

    def warm(self, texts: Iterable[str]) -> None:
        room = self.limit - len(self.seen)
        if room <= 0:
            return  # spaCy's cache is full too: tokenizing chunks alone would buy nothing
        seen, pending = self.seen, self.pending
        counts: dict[str, int] = {}
        for text in texts:
            for chunk in text.split():
                if chunk not in seen:
                    counts[chunk] = counts.get(chunk, 0) + 1
        again = [c for c, n in counts.items() if n > 1 or c in pending]
        once = [c for c, n in counts.items() if n == 1 and c not in pending]
        chunks = sorted(again)[:room]  # sorted: the same calls, and the same cache, every run
        plain = [c for c in chunks if c.isalpha() and c not in self._specials]
        after = self.after or (lambda doc: doc)
        for k in range(0, len(plain), self.group):
            after(self.tokenizer(" ".join(plain[k:k + self.group])))
        for chunk in chunks:
            if not (chunk.isalpha() and chunk not in self._specials):
                after(self.tokenizer(chunk))
        seen.update(chunks)
        pending.difference_update(chunks)
        if len(pending) + len(once) > self.pending_limit:
            pending.clear()  # a bound, not a history: the next sighting starts again
        pending.update(once[:self.pending_limit])


@lru_cache(maxsize=8)
def warmer_for(nlp: Language) -> ChunkWarmer:
    """The warmer of this pipeline's tokenizer (one per pipeline, as the pipelines are cached)."""
    lemmatizer = nlp.get_pipe("ambicion_lemmatizer") if "ambicion_lemmatizer" in nlp.pipe_names else None
    return ChunkWarmer(nlp.tokenizer, after=lemmatizer)


def warm(nlp: Language, texts: Iterable[str]) -> None:
    """Make spaCy's tokenizer cache hold every chunk of `texts` before they are tokenized."""
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):  # a custom tokenizer has no such cache
        warmer_for(nlp).warm(texts)
