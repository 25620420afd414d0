"""Every label vocabulary ambicion recognises, as data, and the one place text maps to codes.

Sources: OGP's commitment template (Spanish and English editions, with variants seen in
Peru's 2016–2025 plans) and the IRM's indicator scales, as summarised in the domain primer.
Matching is accent- and case-insensitive so "Descripcion" and "DESCRIPCIÓN" both work.
"""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources
from typing import Mapping

VALUE_CODES: tuple[str, ...] = (
    "access_to_information",
    "civic_participation",
    "public_accountability",
    "technology_innovation",
)
AMBITION_LEVELS: tuple[str, ...] = ("unclear", "modest", "substantial")
FLAG_CODES: tuple[str, ...] = ("e_government", "restates_functions", "not_verifiable")

VALUE_NAMES: Mapping[str, Mapping[str, str]] = {
    "access_to_information": {"es": "Acceso a la información", "en": "Access to information"},
    "civic_participation": {"es": "Participación ciudadana", "en": "Civic participation"},
    "public_accountability": {"es": "Rendición de cuentas pública", "en": "Public accountability"},
    "technology_innovation": {"es": "Tecnología e innovación", "en": "Technology and innovation"},
}
AMBITION_NAMES: Mapping[str, Mapping[str, str]] = {
    "unclear": {"es": "Poco claro", "en": "Unclear"},
    "modest": {"es": "Modesto", "en": "Modest"},
    "substantial": {"es": "Sustancial", "en": "Substantial"},
}
FLAG_NAMES: Mapping[str, Mapping[str, str]] = {
    "e_government": {"es": "Gobierno electrónico sin apertura", "en": "Plain e-government"},
    "restates_functions": {"es": "Reitera funciones existentes", "en": "Restates existing functions"},
    "not_verifiable": {"es": "No verificable", "en": "Not verifiable"},
}


def fold(text: str) -> str:
    """Lower-case, strip accents and collapse spaces: the key every label lookup uses."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("º", "o").replace("°", "o")
    return " ".join(text.lower().split())


# ---------------------------------------------------------------- plan template fields

# field code -> label variants, folded; kept as data (data/plan_labels.json, origin noted there)
def _load_plan_fields() -> Mapping[str, tuple[str, ...]]:
    data = json.loads(resources.files("ambicion").joinpath("data/plan_labels.json").read_text("utf-8"))
    return {code: tuple(variants) for code, variants in data["fields"].items()}


PLAN_FIELDS: Mapping[str, tuple[str, ...]] = _load_plan_fields()

_FIELD_INDEX: dict[str, str] = {}
for _code, _variants in PLAN_FIELDS.items():
    for _v in _variants:
        _FIELD_INDEX.setdefault(fold(_v), _code)

_TRAILING = re.compile(r"[\s:¿?¡!.*()\-–—]+$")
_LEADING = re.compile(r"^[\s:¿?¡!.*()\-–—•·]+")


def plan_field(label: str) -> str | None:
    """Map a template label cell to a field code, or None when it is not a known label."""
    key = fold(_LEADING.sub("", _TRAILING.sub("", label)))
    key = _LEADING.sub("", key)
    if key in _FIELD_INDEX:
        return _FIELD_INDEX[key]
    # "Compromiso N° 3" / "Commitment 3": the number travels in the label cell
    if re.match(r"^(compromiso|commitment)\s*(n|no|nro|number)?\.?\s*\d+", key):
        return "number"
    return None


# ---------------------------------------------------------------- IRM scales

# scale -> {folded printed label: normalised code}
IRM_SCALES: Mapping[str, Mapping[str, str]] = {
    "potential_results": {
        "poco claro": "unclear", "unclear": "unclear", "no claro": "unclear",
        "modesto": "modest", "modest": "modest",
        "sustancial": "substantial", "substantial": "substantial",
    },
    "potential_impact": {
        "ninguno": "none", "none": "none", "nulo": "none",
        "menor": "minor", "minor": "minor",
        "moderado": "moderate", "moderate": "moderate",
        "transformador": "transformative", "transformative": "transformative",
    },
    "specificity": {
        "ninguna": "none", "none": "none",
        "baja": "low", "low": "low",
        "media": "medium", "medium": "medium",
        "alta": "high", "high": "high",
    },
    "completion": {
        "no iniciado": "not_started", "not started": "not_started", "no iniciada": "not_started",
        "limitado": "limited", "limited": "limited", "limitada": "limited",
        "sustancial": "substantial", "substantial": "substantial",
        "completo": "complete", "complete": "complete", "completado": "complete",
        "completed": "complete", "completa": "complete",
    },
    "opened_government": {
        "empeoro": "worsened", "worsened": "worsened",
        "no cambio": "did_not_change", "did not change": "did_not_change",
        "marginalmente": "marginal", "marginal": "marginal", "marginally": "marginal",
        "significativamente": "major", "major": "major", "significativo": "major",
        "excepcionalmente": "outstanding", "outstanding": "outstanding",
        "excepcional": "outstanding",
    },
}

# older potential impact onto the current potential for results
IMPACT_TO_AMBITION: Mapping[str, str] = {
    "none": "unclear", "minor": "modest", "moderate": "substantial", "transformative": "substantial",
}

# older relevance columns: abbreviations and names -> value code
RELEVANCE_COLUMNS: Mapping[str, str] = {
    "ai": "access_to_information", "acceso a la informacion": "access_to_information",
    "access to information": "access_to_information",
    "pc": "civic_participation", "participacion civica": "civic_participation",
    "participacion ciudadana": "civic_participation", "civic participation": "civic_participation",
    "cp": "civic_participation",
    "rc": "public_accountability", "rendicion de cuentas": "public_accountability",
    "rendicion de cuentas publica": "public_accountability",
    "public accountability": "public_accountability", "pa": "public_accountability",
    "ti": "technology_innovation", "tecnologia e innovacion": "technology_innovation",
    "tecnologia e innovacion para la transparencia y rendicion de cuentas": "technology_innovation",
    "tecnologia e innovacion para la transparencia y la rendicion de cuentas": "technology_innovation",
    "technology and innovation": "technology_innovation",
    "technology and innovation for transparency and accountability": "technology_innovation",
    "tech": "technology_innovation",
}

YES = {"si", "sí", "yes", "y", "x", "✔", "✓", "✔️"}
NO = {"no", "n"}


def irm_scale(scale: str, printed: str) -> str | None:
    """Normalise a printed IRM level ("Modesto", "Transformative") on `scale`, else None."""
    key = fold(_TRAILING.sub("", printed))
    return IRM_SCALES[scale].get(key)


def yes_no(printed: str) -> bool | None:
    """Read a printed yes/no answer in either language; None when it is neither."""
    key = fold(_TRAILING.sub("", printed)).split(" ")[0] if printed.strip() else ""
    if key in {fold(y) for y in YES}:
        return True
    if key in NO:
        return False
    return None


# ---------------------------------------------------------------- IRM report labels

# Field labels of the key–value lines in current IRM reports (Action Plan Review annexes and
# Results Reports), Spanish and English, folded; kept as data (data/review_labels.json, origin
# noted there) beside the plan vocabulary.
def _load_review_fields() -> Mapping[str, tuple[str, ...]]:
    data = json.loads(resources.files("ambicion").joinpath("data/review_labels.json").read_text("utf-8"))
    return {code: tuple(variants) for code, variants in data["fields"].items()}


IRM_FIELDS: Mapping[str, tuple[str, ...]] = _load_review_fields()

# Which IRM scale each rated field is printed on (fields absent here are yes/no answers).
IRM_FIELD_SCALES: Mapping[str, str] = {
    "potential_results": "potential_results", "completion": "completion",
    "opened_government": "opened_government", "potential_impact": "potential_impact",
    "specificity": "specificity",
}

# Group headers of older overview tick tables: a folded word stem -> the field it groups.
IRM_TABLE_GROUPS: Mapping[str, str] = {
    "especific": "specificity", "specific": "specificity",
    "relevan": "relevance",
    "impact": "potential_impact",
    "cumplim": "completion", "complet": "completion", "finaliz": "completion",
    "nivel de avance": "completion",
    "apertura del gobierno": "opened_government", "abrir el gobierno": "opened_government",
    "open government": "opened_government",
}

# Report kinds by the phrase on their cover, folded; the earliest phrase on the cover wins.
IRM_REPORT_KINDS: Mapping[str, str] = {
    "revision del plan de accion": "action_plan_review", "action plan review": "action_plan_review",
    "informe de resultados": "results_report", "results report": "results_report",
    "informe de avance": "progress_report", "informe de progreso": "progress_report",
    "progress report": "progress_report",
    "informe de fin de termino": "end_of_term_report", "informe de final de termino": "end_of_term_report",
    "end-of-term report": "end_of_term_report", "end of term report": "end_of_term_report",
}

# Characters that mark a chosen level in a tick table (a shaded cell counts too).
# The last entries are Wingdings code points as PDF text extraction returns them when the
# font carries no Unicode map: 0xFC (check), 0xFE (checked box), 0xFB (cross), 0x6E (filled
# square), 0x6C (filled circle), raw or shifted into the private-use area.
IRM_TICKS: frozenset[str] = frozenset({"✔", "✓", "✔️", "√", "x", "●", "■", "⬤", "✗", "✘", "☑", "☒",
                                       "ü", "þ", "\uf0fc", "\uf0fe", "\uf0fb", "\uf06e", "\uf06c"})
IRM_STARS: frozenset[str] = frozenset({"✪", "★", "☆", "✯", "✰"})
# Words older reports use for starred commitments (legends such as "✪ Compromiso estelar"):
# a report that uses them, or a star glyph, says which commitments are starred.
IRM_STAR_WORDS: tuple[str, ...] = ("estelar", "estelares", "starred", "star commitment",
                                   "star commitments")

# Word stems that name an OGP value in an older table's relevance column, for headers whose
# words were broken across lines ("Participaci-ón cívica") or shortened; folded, no spaces.
RELEVANCE_STEMS: Mapping[str, str] = {
    "acceso": "access_to_information", "access": "access_to_information",
    "particip": "civic_participation", "civic": "civic_participation",
    "rendicion": "public_accountability", "accountab": "public_accountability",
    "publicaccount": "public_accountability",
    "tecnolog": "technology_innovation", "technolog": "technology_innovation",
    "tech": "technology_innovation",  # "Tech. & Innov. for Transparency & Accountability"
}
