"""The data ambicion reads and produces, as frozen dataclasses.

Everything that crosses a module boundary is one of these types, so readers, the judge and
the report writers agree on one vocabulary. Each type round-trips through plain dicts
(`to_dict` / `from_dict`) so JSONL output can be read back without loss.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Mapping, TypeVar, get_args, get_origin, get_type_hints

if TYPE_CHECKING:
    import pandas

ValueCode = Literal[
    "access_to_information", "civic_participation", "public_accountability", "technology_innovation"
]
AmbitionLevel = Literal["unclear", "modest", "substantial"]
FlagCode = Literal["e_government", "restates_functions", "not_verifiable"]
# How a plan's commitments were printed: "template" label tables (or a summary matrix),
# "prose" running text, "mixed" label tables and running-text commitments in one document,
# "draft" a draft file read whole, "table" a csv / jsonl table of commitments.
Layout = Literal["template", "prose", "mixed", "draft", "table"]
Language = Literal["es", "en"]

T = TypeVar("T", bound="Record")


def _valid_names(record: object, *names: str) -> None:
    """Make the named text fields encodable (see `errors.valid_unicode`): they carry file
    names, which the operating system may hand over as undecodable bytes."""
    from .errors import valid_unicode

    for name in names:
        value = getattr(record, name)
        if isinstance(value, str) and not value.isascii():
            object.__setattr__(record, name, valid_unicode(value))


class Record:
    """Mixin giving every dataclass a lossless dict round trip."""

    # so the slotted records below have no __dict__: readers make commitments and milestones,
    # and the judge assessments, by the thousand
    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return _encode(self)

    @classmethod
    def from_dict(cls: type[T], data: Mapping[str, Any]) -> T:
        return _decode(cls, data)


def _encode(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        # a field marked omit_empty is left out while empty, so adding one changes no output
        return {f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                if not (f.metadata.get("omit_empty") and not getattr(obj, f.name))}
    if isinstance(obj, (list, tuple)):
        return [_encode(x) for x in obj]
    if isinstance(obj, Mapping):
        return {str(k): _encode(v) for k, v in obj.items()}
    return obj


def _decode(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        return _decode(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        args = get_args(tp)
        inner = args[0] if args else Any
        return tuple(_decode(inner, x) for x in data)
    if origin in (dict, Mapping) or tp in (dict, Mapping):
        args = get_args(tp)
        inner = args[1] if len(args) == 2 else Any
        return {k: _decode(inner, v) for k, v in data.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = get_type_hints(tp)
        kwargs = {f.name: _decode(hints[f.name], data[f.name])
                  for f in dataclasses.fields(tp) if f.name in data}
        return tp(**kwargs)
    return data


# ---------------------------------------------------------------- documents


@dataclass(frozen=True, slots=True)
class Provenance(Record):
    """Where a record came from, so a reader can check it against the source document."""

    source: str
    page_start: int | None = None
    page_end: int | None = None
    field_pages: Mapping[str, int] = field(default_factory=dict)
    # the order the document gave its fields in, where it has no pages to tell it (Word and
    # text drafts); empty otherwise, when field_pages (in reading order) says it
    field_order: tuple[str, ...] = field(default=(), metadata={"omit_empty": True})

    def __post_init__(self) -> None:
        _valid_names(self, "source")


@dataclass(frozen=True, slots=True)
class Milestone(Record):
    """One milestone (hito): an activity or deliverable with its dates as written."""

    text: str
    start: str | None = None
    end: str | None = None
    deliverable: str | None = None
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Commitment(Record):
    """One commitment as the plan (or draft) states it; nothing here is a judgement."""

    id: str
    number: str | None
    title: str
    institutions: tuple[str, ...] = ()
    problem: str = ""
    what: str = ""
    how: str = ""
    values_claim: str = ""
    additional: str = ""
    description: str = ""
    dates: str = ""
    milestones: tuple[Milestone, ...] = ()
    other_actors: str = ""
    language: Language = "es"
    provenance: Provenance | None = None

    def __post_init__(self) -> None:
        _valid_names(self, "id", "title")

    @property
    def text(self) -> str:
        """The commitment's own words, in reading order, for judging.

        The plan's claim of OGP values is kept out on purpose: the IRM judges what the
        actions do, not what the plan says they do.
        """
        parts = [self.title, self.problem, self.what, self.how, self.description, self.additional]
        parts += [m.text for m in self.milestones]
        return "\n".join(p.strip() for p in parts if p and p.strip())


@dataclass(frozen=True, slots=True)
class Plan(Record):
    """An action plan: its metadata and its commitments in order."""

    source: str
    title: str = ""
    country: str = ""
    period: str = ""
    language: Language = "es"
    layout: Layout = "template"
    pages: int = 0
    commitments: tuple[Commitment, ...] = ()
    warnings: tuple[str, ...] = ()  # what the reader doubts (e.g. commitments that seem merged)

    def __post_init__(self) -> None:
        _valid_names(self, "source", "title")

    def to_dataframe(self) -> "pandas.DataFrame":
        """One tidy row per commitment, with stable column names (see `frames.COMMITMENT_COLUMNS`).

        >>> ambicion.read_plan("plan.pdf").to_dataframe()[["number", "title"]]  # doctest: +SKIP
        """
        from .frames import commitments_frame

        return commitments_frame(self)


# ---------------------------------------------------------------- IRM reviews


@dataclass(frozen=True, slots=True)
class Rating(Record):
    """One IRM indicator value: the label as printed and its normalised code."""

    original: str
    normalized: str


@dataclass(frozen=True, slots=True)
class IrmRating(Record):
    """The IRM's assessment of one commitment (either report generation).

    Fields a report does not carry stay None. `ambition` maps the older potential-impact
    scale onto the current potential-for-results scale (none→unclear, minor→modest,
    moderate/transformative→substantial) so both generations can be compared.
    """

    number: str | None
    title: str
    verifiable: bool | None = None
    open_gov_lens: bool | None = None
    potential_results: Rating | None = None
    promising: bool | None = None
    specificity: Rating | None = None
    relevance: Mapping[str, bool] = field(default_factory=dict)
    potential_impact: Rating | None = None
    completion: Rating | None = None
    opened_government: Rating | None = None
    starred: bool | None = None
    ambition: str | None = None
    cluster: tuple[str, ...] = ()
    provenance: Provenance | None = None


@dataclass(frozen=True, slots=True)
class Review(Record):
    """An IRM report and its per-commitment ratings."""

    source: str
    title: str = ""
    country: str = ""
    period: str = ""
    kind: str = ""  # action_plan_review | results_report | progress_report | end_of_term_report
    language: Language = "es"
    pages: int = 0
    ratings: tuple[IrmRating, ...] = ()

    def __post_init__(self) -> None:
        _valid_names(self, "source", "title")

    def to_dataframe(self) -> "pandas.DataFrame":
        """One tidy row per IRM rating, with stable column names (see `frames.RATING_COLUMNS`)."""
        from .frames import ratings_frame

        return ratings_frame(self)


@dataclass(frozen=True, slots=True)
class Pair(Record):
    """A commitment and the IRM rating paired with it, and how sure the pairing is."""

    commitment: Commitment
    rating: IrmRating
    method: str  # "number+title" | "number" | "title"
    title_similarity: float


@dataclass(frozen=True, slots=True)
class Joined(Record):
    """The result of pairing a plan with its review, including what could not be paired."""

    pairs: tuple[Pair, ...]
    unmatched_commitments: tuple[Commitment, ...]
    unmatched_ratings: tuple[IrmRating, ...]


# ---------------------------------------------------------------- judgements


@dataclass(frozen=True, slots=True)
class Evidence(Record):
    """A span of the judged text that supports a label: offsets index `Assessment.text`."""

    start: int
    end: int
    text: str
    rule: str = ""


@dataclass(frozen=True, slots=True)
class ValueScore(Record):
    code: ValueCode
    probability: float
    present: bool
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class FunctionCitation(Record):
    """A listed function (or legal obligation) that a phrase of the commitment restates.

    `reference` cites it ("ROF, art. 4, lit. b"); `phrase` is the commitment's own words it
    covers (offsets index `Assessment.text`); `similarity` is the share of the phrase's
    content the function holds (0–1).
    """

    function: str
    reference: str
    phrase: str
    start: int
    end: int
    similarity: float


@dataclass(frozen=True, slots=True)
class Flag(Record):
    code: FlagCode
    probability: float
    present: bool
    evidence: tuple[Evidence, ...] = ()
    detail: str = ""
    matched_function: str | None = None
    similarity: float | None = None
    # restates_functions only: the functions restated, and the phrases that go beyond them
    functions: tuple[FunctionCitation, ...] = ()
    beyond: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Assessment(Record):
    """What ambicion concludes about one commitment, and why."""

    id: str
    title: str
    text: str
    language: Language
    values: tuple[ValueScore, ...]
    open_gov_lens: bool
    ambition: AmbitionLevel
    ambition_probabilities: Mapping[str, float]
    ambition_reasons: tuple[str, ...]
    flags: tuple[Flag, ...]
    verifiability: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _valid_names(self, "id", "title")

    @property
    def value_codes(self) -> tuple[str, ...]:
        return tuple(v.code for v in self.values if v.present)

    @property
    def flag_codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.flags if f.present)
