"""A small synthetic study: three plans of one country over time and a review of the middle one.

Why: batch analysis must be checked on documents whose relations are known — one commitment
is carried from the 2017 plan into the 2020 plan with light edits (it must be found as
recycled), the others share topics but not content (they must not be), and the IRM's
ratings of the 2020 plan are fixed here so the agreement table can be checked exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from ..model import Language
from .plans import PlanMeta, SampleCommitment

_ES_INTRO = ("Este plan fue co-creado con la sociedad civil en el foro multiactor.",)

PLAN_2017 = (
    PlanMeta(title="Plan de Acción de Gobierno Abierto 2017-2019", country="Perú",
             period="2017-2019", intro=_ES_INTRO),
    (
        SampleCommitment(
            number=1, title="Datos abiertos de las contrataciones públicas",
            institution="Organismo Supervisor de las Contrataciones del Estado (OSCE)",
            problem="La información sobre compras públicas está dispersa y no se publica en "
                    "formatos reutilizables, lo que dificulta la vigilancia ciudadana.",
            what="Publicar en formato de datos abiertos, bajo el estándar de contrataciones "
                 "abiertas, la información de todas las etapas de los procesos de selección, "
                 "desde la planificación hasta la ejecución contractual.",
            how="La ciudadanía y la prensa podrán analizar los contratos y alertar sobre "
                "sobrecostos y direccionamiento.",
            dates="Enero 2018 - Diciembre 2019",
            milestones=(
                ("Diseño del modelo de datos de contrataciones abiertas", "Enero 2018",
                 "Junio 2018"),
                ("Publicación trimestral del conjunto de datos en el portal de datos abiertos",
                 "Julio 2018", "Diciembre 2019"),
            ),
        ),
        SampleCommitment(
            number=2, title="Capacitación en gestión documental",
            institution="Archivo General de la Nación",
            problem="Los archivos de las entidades se encuentran desordenados.",
            what="Continuar con las capacitaciones a los funcionarios en el marco de sus "
                 "funciones sobre organización de archivos.",
            how="Los funcionarios conocerán mejor las normas de archivo.",
            dates="2018 - 2019",
            milestones=(("Dos talleres anuales de capacitación", "Marzo 2018", "Noviembre 2019"),),
        ),
        SampleCommitment(
            number=3, title="Mesas de diálogo ambiental en zonas mineras",
            institution="Ministerio del Ambiente",
            problem="Los conflictos socioambientales en zonas de extracción minera escalan "
                    "por falta de espacios de diálogo.",
            what="Instalar mesas de diálogo con las comunidades afectadas por la actividad "
                 "minera para tratar la calidad del aire y del suelo.",
            how="Las comunidades tendrán un espacio para presentar sus preocupaciones.",
            dates="2018 - 2019",
            milestones=(("Instalación de cinco mesas de diálogo regionales", "Abril 2018",
                         "Diciembre 2019"),),
        ),
    ),
)

PLAN_2020 = (
    PlanMeta(title="Plan de Acción de Gobierno Abierto 2020-2021", country="Perú",
             period="2020-2021", intro=_ES_INTRO),
    (
        SampleCommitment(
            number=1, title="Datos abiertos de las contrataciones del Estado",
            institution="Organismo Supervisor de las Contrataciones del Estado (OSCE)",
            problem="La información sobre compras públicas sigue dispersa y no se publica en "
                    "formatos reutilizables, lo que dificulta la vigilancia ciudadana.",
            what="Publicar en formato de datos abiertos, bajo el estándar de contrataciones "
                 "abiertas, la información de todas las etapas de los procesos de selección, "
                 "desde la planificación hasta la ejecución de los contratos.",
            how="La ciudadanía y los periodistas podrán analizar los contratos y alertar sobre "
                "sobrecostos y direccionamiento.",
            dates="Enero 2021 - Diciembre 2021",
            milestones=(
                ("Diseño del modelo de datos de contrataciones abiertas", "Enero 2021",
                 "Marzo 2021"),
                ("Publicación mensual del conjunto de datos en el portal de datos abiertos",
                 "Abril 2021", "Diciembre 2021"),
            ),
        ),
        SampleCommitment(
            number=2, title="Registro de beneficiarios finales de empresas contratistas",
            institution="Superintendencia Nacional de los Registros Públicos",
            problem="No se sabe quiénes son los dueños reales de las empresas que contratan "
                    "con el Estado, lo que facilita conflictos de interés.",
            what="Aprobar mediante decreto supremo la obligación de declarar al beneficiario "
                 "final y crear un registro público de acceso gratuito.",
            how="Cualquier persona podrá cruzar proveedores con funcionarios y denunciar "
                "conflictos de interés.",
            dates="Febrero 2020 - Diciembre 2021",
            milestones=(
                ("Decreto supremo que regula el registro de beneficiarios finales aprobado",
                 "Febrero 2020", "Diciembre 2020"),
                ("Registro publicado en línea con consulta gratuita", "Enero 2021",
                 "Diciembre 2021"),
            ),
        ),
        SampleCommitment(
            number=3, title="Trámites municipales en línea",
            institution="Secretaría de Gobierno Digital",
            problem="Los trámites de licencias municipales toman semanas y exigen visitas "
                    "presenciales.",
            what="Implementar una plataforma digital con firma digital e interoperabilidad "
                 "para tramitar licencias de funcionamiento en línea.",
            how="Los ciudadanos ahorrarán tiempo en sus trámites.",
            dates="2020 - 2021",
            milestones=(("Plataforma de trámites operativa en diez municipalidades",
                         "Marzo 2020", "Diciembre 2021"),),
        ),
        SampleCommitment(
            number=4, title="Presupuesto participativo con seguimiento ciudadano",
            institution="Ministerio de Economía y Finanzas",
            problem="La población no participa en la priorización ni en el seguimiento de la "
                    "inversión regional.",
            what="Crear comités ciudadanos de vigilancia del presupuesto participativo "
                 "regional, con audiencias públicas semestrales en las que las autoridades "
                 "deben responder a sus observaciones.",
            how="Las autoridades rendirán cuentas ante la población sobre cada proyecto.",
            dates="2020 - 2021",
            milestones=(("Reglamento de comités de vigilancia aprobado", "Marzo 2020",
                         "Agosto 2020"),
                        ("Audiencias públicas semestrales realizadas", "Septiembre 2020",
                         "Diciembre 2021")),
        ),
    ),
)

PLAN_2023 = (
    PlanMeta(title="Plan de Acción de Gobierno Abierto 2023-2025", country="Perú",
             period="2023-2025", intro=_ES_INTRO),
    (
        SampleCommitment(
            number=1, title="Observatorio ciudadano de la calidad del agua",
            institution="Autoridad Nacional del Agua",
            problem="Las comunidades río abajo de operaciones mineras no conocen los "
                    "resultados del monitoreo de sus fuentes de agua.",
            what="Publicar los resultados del monitoreo de calidad del agua por cuenca y "
                 "crear un observatorio con organizaciones indígenas que vigilen los "
                 "resultados y reciban respuesta de la autoridad.",
            how="Las comunidades podrán exigir medidas cuando el agua esté contaminada.",
            dates="2023 - 2025",
            milestones=(("Publicación de resultados de monitoreo por cuenca", "Julio 2023",
                         "Junio 2024"),
                        ("Observatorio instalado con organizaciones indígenas", "Julio 2024",
                         "Junio 2025")),
        ),
        SampleCommitment(
            number=2, title="Declaraciones juradas de intereses en datos abiertos",
            institution="Contraloría General de la República",
            problem="Las declaraciones juradas de intereses de los funcionarios no se pueden "
                    "consultar ni contrastar con facilidad.",
            what="Publicar en datos abiertos las declaraciones juradas de intereses de "
                 "autoridades y funcionarios, con alertas de posibles conflictos.",
            how="La sociedad civil podrá detectar conflictos de interés y denunciarlos.",
            dates="2023 - 2025",
            milestones=(("Conjunto de datos de declaraciones publicado", "Agosto 2023",
                         "Diciembre 2024"),),
        ),
        SampleCommitment(
            number=3, title="Formación en ética pública",
            institution="Secretaría de Integridad Pública",
            problem="Los funcionarios desconocen las normas de ética e integridad.",
            what="Fortalecer la formación de servidores en ética pública mediante cursos "
                 "virtuales.",
            how="Mejorará la cultura de integridad.",
            dates="2023 - 2025",
            milestones=(("Curso virtual de ética dictado", "Enero 2024", "Diciembre 2024"),),
        ),
    ),
)

PLANS = {"2017": PLAN_2017, "2020": PLAN_2020, "2023": PLAN_2023}

# (plan year, commitment number) pairs that are the same commitment carried forward
RECYCLED_PAIRS = {("2020", "1"): ("2017", "1")}


@dataclass(frozen=True)
class KnownRating:
    """The IRM's rating of one commitment of the 2020 plan, as a review would print it."""

    number: int
    title: str
    verifiable: bool
    open_gov_lens: bool
    potential_results: str  # unclear | modest | substantial


# The IRM's (fictitious) Action Plan Review of the 2020 plan.
REVIEW_2020: tuple[KnownRating, ...] = (
    KnownRating(1, "Datos abiertos de contrataciones", True, True, "substantial"),
    KnownRating(2, "Registro de beneficiarios finales", True, True, "substantial"),
    KnownRating(3, "Trámites municipales en línea", True, False, "unclear"),
    KnownRating(4, "Presupuesto participativo con vigilancia", True, True, "modest"),
)
REVIEW_2020_META: Mapping[str, str] = {
    "title": "Revisión del Plan de Acción 2020-2021", "country": "Perú", "period": "2020-2021",
}


# ---------------------------------------------------------------- a stand-in judge

_KEYWORDS = {
    "access_to_information": r"publicar|datos abiertos|registro público",
    "civic_participation": r"comités ciudadanos|observatorio|mesas de diálogo|audiencias públicas",
    "public_accountability": r"responder|rendirán cuentas|denunciar",
    "e_government": r"plataforma digital|firma digital|interoperabilidad",
    "restates_functions": r"continuar|en el marco de sus funciones|fortalecer",
    "substantial": r"decreto supremo|reglamento",
}


def keyword_judge(commitments):
    """A tiny deterministic judge built from the keywords above, for testing batch plumbing.

    Why: the study's tables (agreement, summary, highlighting) must be checked against
    labels known in advance, independently of the shipped judge's model. Ambition is
    "substantial" with a binding instrument, "modest" with any value, else "unclear".
    """
    import re

    from ..model import Assessment, Evidence, Flag, ValueScore

    out = []
    for c in commitments:
        text = c.text if hasattr(c, "text") else str(c)

        def hits(key: str) -> tuple[Evidence, ...]:
            return tuple(Evidence(m.start(), m.end(), m.group(0), rule=key)
                         for m in re.finditer(_KEYWORDS[key], text, flags=re.IGNORECASE))

        values = tuple(ValueScore(code, 0.9 if hits(code) else 0.1, bool(hits(code)), hits(code))
                       for code in ("access_to_information", "civic_participation",
                                    "public_accountability"))
        values += (ValueScore("technology_innovation", 0.05, False),)
        lens = any(v.present for v in values)
        if hits("substantial") and lens:
            ambition, probs = "substantial", {"unclear": 0.1, "modest": 0.2, "substantial": 0.7}
        elif lens:
            ambition, probs = "modest", {"unclear": 0.2, "modest": 0.6, "substantial": 0.2}
        else:
            ambition, probs = "unclear", {"unclear": 0.8, "modest": 0.15, "substantial": 0.05}
        dated = bool(getattr(c, "milestones", ())) and all(m.end for m in c.milestones)
        flags = (
            Flag("e_government", 0.9 if hits("e_government") and not lens else 0.2,
                 bool(hits("e_government")) and not lens, hits("e_government")),
            Flag("restates_functions", 0.8 if hits("restates_functions") else 0.1,
                 bool(hits("restates_functions")), hits("restates_functions")),
            Flag("not_verifiable", 0.1 if dated else 0.7, not dated),
        )
        out.append(Assessment(
            id=getattr(c, "id", "draft"), title=getattr(c, "title", ""), text=text,
            language="es", values=values, open_gov_lens=lens, ambition=ambition,
            ambition_probabilities=probs, ambition_reasons=(f"keywords: {ambition}",),
            flags=flags,
            verifiability=() if dated else ("Milestones lack end dates.",),
            suggestions=() if ambition == "substantial" else ("Make it binding.",)))
    return out


def write_study_files(folder, *, review: bool = True) -> dict[str, Path]:
    """Write the three plans (2017 in prose, the others as template tables) and the review.

    Returns {"2017": path, "2020": path, "2023": path, "review": path}.
    """
    from pathlib import Path

    from .plans import write_prose_plan, write_template_plan
    from .reviews import CurrentItem, write_action_plan_review

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for year, (meta, commitments) in PLANS.items():
        target = folder / f"plan_{year}.pdf"
        if year == "2017":
            write_prose_plan(target, meta, commitments)
        else:
            # tables flow on from page to page, as in most printed plans; in the 2020
            # plan this leaves commitment 3's heading row alone at a page foot
            write_template_plan(target, meta, commitments)
        paths[year] = target
    if review:
        items = [CurrentItem(str(k.number), k.title, verifiable=k.verifiable,
                             lens=k.open_gov_lens, potential=k.potential_results)
                 for k in REVIEW_2020]
        paths["review"] = folder / "review_2020.pdf"
        write_action_plan_review(paths["review"], items, country=REVIEW_2020_META["country"],
                                 period=REVIEW_2020_META["period"])
    return paths


# ---------------------------------------------------------------- many members and periods

# (member, language): Spanish-speaking members get Spanish plans; the others English ones
MEMBERS: tuple[tuple[str, Language], ...] = (
    ("Perú", "es"), ("Chile", "es"), ("Colombia", "es"), ("México", "es"), ("Philippines", "en"),
)
PERIODS: tuple[str, ...] = ("2019-2021", "2021-2023", "2023-2025")


@dataclass(frozen=True)
class WrittenPlan:
    """One generated plan, the review written for it (if any) and what it holds."""

    member: str
    period: str
    language: Language
    layout: str  # "template" | "prose"
    plan: Path
    review: Path | None
    titles: tuple[str, ...]
    irm_ambition: tuple[str, ...]  # the review's rating of each commitment, in plan order


def write_plans(folder, members: tuple[str, ...] | None = None,
                periods: tuple[str, ...] = PERIODS, *, commitments: int = 5,
                reviews: bool = True, seed: int = 0) -> list[WrittenPlan]:
    """Write one synthetic action plan per member and period, each with its IRM review.

    Plans differ across members and periods, deterministically for a given `seed`: each
    draws its own mix of the sample commitments (so values, flags and ambition vary from
    plan to plan), numbers and words them for its member and period, and alternates the
    template and prose layouts; the review rates each commitment with a scale value that
    varies too, so agreement tables have something to show. A member's later plan carries
    one commitment of its earlier plan forward (a recycled commitment to find).
    `members` are names from MEMBERS (default: all). Needs fpdf2 (the `test` extra).

    >>> from ambicion.testing import write_plans
    >>> written = write_plans("plans/", members=("Perú", "Chile"), periods=("2021-2023",))  # doctest: +SKIP
    >>> study = ambicion.analyze(["plans/"])                                                # doctest: +SKIP
    """
    import dataclasses
    import random

    from .plans import PlanMeta, write_prose_plan, write_template_plan
    from .reviews import CurrentItem, write_action_plan_review
    from .samples import COMMITMENTS_EN, COMMITMENTS_ES

    known = dict(MEMBERS)
    chosen = members if members is not None else tuple(known)
    unknown = [m for m in chosen if m not in known]
    if unknown:
        raise ValueError(f"unknown member(s) {unknown}; choose from {sorted(known)}")
    if commitments < 1:
        raise ValueError("commitments must be at least 1")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    levels = ("unclear", "modest", "substantial")
    out: list[WrittenPlan] = []
    for m_index, member in enumerate(chosen):
        language = known[member]
        pool = COMMITMENTS_ES if language == "es" else COMMITMENTS_EN
        previous: tuple = ()
        for p_index, period in enumerate(periods):
            rng = random.Random(f"{seed}:{member}:{period}")
            # samples the member's previous plan did not use come first, so plans differ
            used = {c.what for c in previous}
            fresh = [c for c in pool if c.what not in used]
            stale = [c for c in pool if c.what in used]
            rng.shuffle(fresh)
            rng.shuffle(stale)
            order = fresh + stale
            picks = [order[i % len(order)] for i in range(commitments)]
            if previous:  # carried forward from the member's previous plan
                picks[0] = previous[0]
            start = int(period[:4]) if period[:4].isdigit() else 2000 + p_index
            made = tuple(
                dataclasses.replace(
                    c, number=n + 1,
                    title=c.title if (previous and n == 0) else
                    f"{c.title} {_place(member, start)}" + (f" {n + 1}" if n >= len(order) else ""))
                for n, c in enumerate(picks))
            previous = made
            title = (f"Plan de Acción de Gobierno Abierto {period}" if language == "es"
                     else f"Open Government National Action Plan {period}")
            meta = PlanMeta(title=title, country=member, period=period, language=language)
            layout = "template" if (m_index + p_index) % 2 == 0 else "prose"
            slug = f"{_slug(member)}_{period}"
            plan_path = folder / f"plan_{slug}.pdf"
            if layout == "template":
                write_template_plan(plan_path, meta, made)
            else:
                write_prose_plan(plan_path, meta, made)
            ratings = tuple(levels[rng.randrange(3)] for _ in made)
            review_path = None
            if reviews:
                review_path = folder / f"review_{slug}.pdf"
                items = [CurrentItem(str(c.number), c.title, verifiable=bool(c.milestones),
                                     lens=r != "unclear", potential=r, promising=r == "substantial")
                         for c, r in zip(made, ratings)]
                write_action_plan_review(review_path, items, language=language, country=member,
                                         period=period.replace("-", "–"))
            out.append(WrittenPlan(member, period, language, layout, plan_path, review_path,
                                   tuple(c.title for c in made), ratings))
    return out


def _place(member: str, year: int) -> str:
    return f"({member}, {year})"


def _slug(text: str) -> str:
    from ..labels import fold

    return "".join(ch if ch.isalnum() else "_" for ch in fold(text)).strip("_").lower()
