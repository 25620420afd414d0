"""Fill spaCy's tokenizer cache one word at a time, so whole commitments hit it.

Why: spaCy caches how each whitespace-separated chunk splits into tokens, but it stops
saving chunks for the rest of a text as soon as one special case (an abbreviation such as
"etc." or "EE. UU.") has been seen in that text. Commitments are long and nearly all hold
one early, so spaCy re-split almost every chunk of every commitment: about a fifth of the
judge's time. Tokenizing each chunk not seen before on its own lets spaCy save it (a text
of one chunk has no earlier special case); the commitment itself is then tokenized by
spaCy as before, from its own cache. The tokens are spaCy's in both cases: the cache is
spaCy's, filled by spaCy, and the whole text still goes through its tokenizer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from spacy.language import Language
from spacy.tokenizer import Tokenizer

# chunks remembered per pipeline; spaCy's own default cache holds 10,000, which a batch of
# plans from several countries outgrows (each entry is a few pointers)
CACHE_CHUNKS = 50_000


@dataclass
class ChunkWarmer:
    """Tokenizes each chunk once, alone, so spaCy's cache holds it for whole texts."""

    tokenizer: Tokenizer
    limit: int = CACHE_CHUNKS
    seen: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.tokenizer.max_cache_size = max(self.tokenizer.max_cache_size, self.limit)

    def warm(self, texts: Iterable[str]) -> None:
        if len(self.seen) >= self.limit:
            return  # spaCy's cache is full too: tokenizing chunks alone would buy nothing
        new: set[str] = set()
        for text in texts:
            new.update(text.split())
        new -= self.seen
        for chunk in new:
            if len(self.seen) >= self.limit:
                break
            self.tokenizer(chunk)
            self.seen.add(chunk)


@lru_cache(maxsize=8)
def warmer_for(nlp: Language) -> ChunkWarmer:
    """The warmer of this pipeline's tokenizer (one per pipeline, as the pipelines are cached)."""
    return ChunkWarmer(nlp.tokenizer)


def warm(nlp: Language, texts: Iterable[str]) -> None:
    """Make spaCy's tokenizer cache hold every chunk of `texts` before they are tokenized."""
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):  # a custom tokenizer has no such cache
        warmer_for(nlp).warm(texts)
