"""Ratings from current IRM reports: commitment blocks of key–value lines.

Action Plan Reviews (2021 on) end with an annex holding, per commitment, lines such as
"Verificable: Sí", "¿Tiene una perspectiva de gobierno abierto? Sí", "Potencial de
resultados: Modesto"; Results Reports print "Finalización: Completo" and "¿Se avanzó en la
apertura del Gobierno? Marginalmente". A block starts at a commitment heading ("Compromiso
3: …", "Compromisos 4 y 5: …", "Cluster: … (Commitments 3 and 4)") and runs to the next one.
Headings without any rated line (the narrative sections) only tell which commitments the
report calls promising.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from ..labels import IMPACT_TO_AMBITION, IRM_FIELD_SCALES, IRM_SCALES, fold, yes_no
from ..model import IrmRating, Provenance, Rating
from ..read.blocks import Document
from ..read.label import match_review_label
from ..read.review_segment import ReviewStart
from .review_text import (
    CLUSTER_SENTENCE,
    HEADING,
    NUMBERS_MENTION,
    TextLine,
    fold_aligned,
    has_star,
    line_stream,
    parse_numbers,
    strip_stars,
)

_PROMISING_HEADING = re.compile(r"compromisos? prometedor|promising commitment", re.I)
_ANNEX_HEADING = re.compile(r"^\s*(anexo|annex)\b", re.I)


@dataclass
class _Block:
    numbers: tuple[str, ...]
    title: str
    page: int
    heading_size: float
    heading_bold: bool
    is_cluster: bool = False
    in_promising_section: bool = False
    title_open: bool = True
    starred: bool = False
    cluster: tuple[str, ...] = ()  # the cluster a singly numbered commitment belongs to
    values: dict[str, object] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    last_page: int = 0


def match_field(text: str) -> tuple[str, str] | None:
    """("potential_results", "Modesto. El compromiso…") for a key–value line, else None
    (the one labeller's review vocabulary, read/label.py)."""
    return match_review_label(text)


def parse_value(code: str, value: str) -> object | None:
    """A Rating (scaled fields) or bool (yes/no fields) read from the start of `value`."""
    scale = IRM_FIELD_SCALES.get(code)
    if scale is None:
        return yes_no(value) if value.strip() else None
    return scale_prefix(scale, value)


def scale_prefix(scale: str, value: str) -> Rating | None:
    """The longest level of `scale` that starts `value` ("Modesto. El…" -> Modesto/modest)."""
    key = fold_aligned(value.strip())
    for label in sorted(IRM_SCALES[scale], key=len, reverse=True):
        if key.startswith(label) and (len(key) == len(label) or not key[len(label)].isalnum()):
            return Rating(original=value.strip()[:len(label)], normalized=IRM_SCALES[scale][label])
    return None


def current_ratings(doc: Document, source: str,
                    starts: Sequence[ReviewStart] | None = None) -> list[IrmRating]:
    """Every commitment block with at least one rated line, in document order; `starts` are
    the document's `review_starts` when the caller has them already."""
    blocks = _blocks(line_stream(doc, rated_cell=_rated, starts=starts))
    promising_numbers = {n for b in blocks if b.in_promising_section and not b.values for n in b.numbers}
    rated = [b for b in blocks if b.values]
    merged: dict[tuple[str, ...], _Block] = {}
    order: list[tuple[str, ...]] = []
    for b in rated:
        key = b.numbers or (fold(b.title),)
        if key in merged:
            old = merged[key]
            for k, v in b.values.items():
                old.values.setdefault(k, v)
                old.pages.setdefault(k, b.pages[k])
            old.last_page = max(old.last_page, b.last_page)
        else:
            merged[key] = b
            order.append(key)
    return [_rating(merged[k], source, promising_numbers) for k in order]


def _blocks(lines: list[TextLine]) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    in_promising = False
    pending: tuple[str, TextLine] | None = None  # a label whose value is on the next line
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if not line.from_table and _ANNEX_HEADING.match(text):
            in_promising = False
        elif not line.from_table and len(text) < 90 and _PROMISING_HEADING.search(text) \
                and not HEADING.match(text) and not _rated(text):
            in_promising = True
        heading = _heading(line)
        if heading is not None:
            numbers, title, is_cluster, starred = heading
            if current is not None and current.is_cluster and not current.numbers and not current.values \
                    and not is_cluster:
                current.numbers = numbers  # "Cluster: …" followed by "Compromisos 3, 4 y 5"
                current.title_open = False
                continue
            if pending is not None and pending[0] == "promising" and current is not None:
                _store(current, "promising", True, pending[1].page)  # a bare "Compromiso prometedor"
            current = _Block(numbers, title, line.page, line.size, line.bold, is_cluster, in_promising,
                             starred=starred, last_page=line.page)
            blocks.append(current)
            pending = None
            continue
        if current is None:
            continue
        if pending is not None:
            code, _ = pending
            pending = None
            value = parse_value(code, text)
            if value is not None:
                _store(current, code, value, line.page)
                continue
            if code == "promising":  # a bare "Compromiso prometedor" line
                _store(current, code, True, line.page)
        found = match_field(text)
        if found is not None:
            code, rest = found
            current.title_open = False
            if not rest:
                pending = (code, line)
                continue
            value = parse_value(code, rest)
            if value is not None:
                _store(current, code, value, line.page)
            continue
        if current.title_open and has_star(text) and not strip_stars(text):
            current.starred = True  # a star set on a line of its own by the title
            continue
        same_type = current.heading_bold and line.bold and line.size == current.heading_size
        if current.title_open and not current.values and (same_type or line.same_cell) \
                and line.page == current.page \
                and not text.endswith(".") and not CLUSTER_SENTENCE.search(text):
            current.title = f"{current.title} {strip_stars(text)}".strip()
            current.starred = current.starred or has_star(text)  # ✪ on the title's last line
            _cluster_numbers_from_title(current)
            continue
        current.title_open = False
        if CLUSTER_SENTENCE.search(text) and len(current.numbers) <= 1:
            m = NUMBERS_MENTION.search(text)
            if m:
                nums = parse_numbers(m.group("nums"))
                if len(nums) > 1 and current.numbers:
                    if current.numbers[0] in nums:  # "Commitment 4 … clustered as … (Commitments 4 and 5)"
                        current.cluster = nums
                elif len(nums) > 1:
                    current.numbers = nums
                    current.is_cluster = True
    if pending is not None and current is not None and pending[0] == "promising":
        _store(current, "promising", True, pending[1].page)
    return blocks


def _rated(text: str) -> bool:
    found = match_field(text)
    return found is not None and parse_value(*found) is not None


def opens_rating(text: str) -> bool:
    """A line that starts a rating of its own: a rated label ("Verificable: Sí") or a
    label whose value is on the next line; a wrapped line that merely starts with a label
    word ("cumplimiento fue bajo") does not."""
    found = match_field(text)
    return found is not None and (not found[1] or parse_value(*found) is not None)


def _store(block: _Block, code: str, value: object, page: int) -> None:
    if code not in block.values:
        block.values[code] = value
        block.pages[code] = page
    block.last_page = max(block.last_page, page)


def _heading(line: TextLine) -> tuple[tuple[str, ...], str, bool, bool] | None:
    """(numbers, title, is a cluster, starred) for a line that opens a commitment block: a
    start the segmenter found there (`review_segment.review_starts`: a review or cluster heading, or
    a heading line in a one-cell box), so the reader and `inspect` agree on every start. A
    section heading without the usual separator opens nothing here: a key–value report
    numbers its narrative sections that way too."""
    start = line.start
    if start is None or start.signal not in _OPENS:
        return None
    text = line.text.strip()
    title = start.title
    plain = HEADING.match(" ".join(text.split())) is not None
    if not plain:  # "Cluster: … (Compromisos 3 y 4)"
        mention = NUMBERS_MENTION.search(title)
        if mention:
            title = _drop_mention(title, mention)
    return start.numbers, title, len(start.numbers) > 1 or not plain, has_star(text)


_OPENS = frozenset({"review_heading", "cluster_heading", "heading_row"})


def _cluster_numbers_from_title(block: _Block) -> None:
    if block.is_cluster and not block.numbers:
        mention = NUMBERS_MENTION.search(block.title)
        if mention:
            block.numbers = parse_numbers(mention.group("nums"))
            block.title = _drop_mention(block.title, mention)


def _drop_mention(title: str, mention: re.Match) -> str:
    out = title[:mention.start()] + title[mention.end():]
    out = re.sub(r"\(\s*\)", " ", out)
    return " ".join(out.split()).strip(" -–—:;,")


def _rating(b: _Block, source: str, promising_numbers: set[str]) -> IrmRating:
    v = b.values
    potential = v.get("potential_results")
    impact = v.get("potential_impact")
    ambition = None
    if isinstance(potential, Rating):
        ambition = potential.normalized
    elif isinstance(impact, Rating):
        ambition = IMPACT_TO_AMBITION.get(impact.normalized)
    promising = v.get("promising")
    if promising is None and "potential_results" in v and promising_numbers:
        promising = any(n in promising_numbers for n in b.numbers)
    number = b.numbers[0] if b.numbers else None
    pages = [b.page, b.last_page, *b.pages.values()]
    return IrmRating(
        number=number,
        title=b.title,
        verifiable=_bool(v.get("verifiable")),
        open_gov_lens=_bool(v.get("open_gov_lens")),
        potential_results=_rat(potential),
        promising=_bool(promising),
        specificity=_rat(v.get("specificity")),
        potential_impact=_rat(impact),
        completion=_rat(v.get("completion")),
        opened_government=_rat(v.get("opened_government")),
        starred=True if b.starred else None,
        ambition=ambition,
        cluster=b.cluster or (b.numbers if len(b.numbers) > 1 or b.is_cluster else ()),
        provenance=Provenance(source=source, page_start=min(pages), page_end=max(pages),
                              field_pages=dict(b.pages)),
    )


def _bool(x: object) -> bool | None:
    return x if isinstance(x, bool) else None


def _rat(x: object) -> Rating | None:
    return x if isinstance(x, Rating) else None
