"""Synthetic IRM review PDFs whose ratings are known, for tests and benchmarks.

Real IRM reports cannot be shipped with the tests, so these generators draw small PDFs that
copy the layouts the review reader must handle: the key–value annex of current Action Plan
Reviews and Results Reports, and the grouped tick table of older progress and end-of-term
reports (ticks as ✔, ✓, "X" or a shaded cell with no character), with per-commitment
sections and starred commitments. Each generator takes the items it should print and
`expected(...)` turns the same items into the normalised values a correct reader returns.

fpdf2 is a test extra, so it is imported only when a PDF is drawn.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import AbstractSet, Any, Iterable, Mapping, Sequence

# ---------------------------------------------------------------- items


@dataclass(frozen=True)
class CurrentItem:
    """One commitment block of a current review (Action Plan Review or Results Report)."""

    number: str
    title: str
    verifiable: bool = True
    lens: bool = True
    potential: str = "modest"  # unclear | modest | substantial
    promising: bool = False
    cluster: tuple[str, ...] = ()
    completion: str = "limited"  # results reports: not_started | limited | substantial | complete
    opened: str = "marginal"  # results reports: did_not_change | marginal | major | outstanding
    reason: str = ""


@dataclass(frozen=True)
class LegacyItem:
    """One row of an older report's overview table, and its own section."""

    number: str
    title: str
    specificity: str = "medium"  # none | low | medium | high
    relevance: tuple[str, ...] = ("access_to_information",)
    impact: str = "minor"  # none | minor | moderate | transformative
    completion: str = "limited"  # not_started | limited | substantial | complete
    opened: str = "marginal"  # end-of-term only: worsened | did_not_change | marginal | major | outstanding
    starred: bool = False
    mark: str = "check"  # check (✔) | tick (✓) | x ("X") | shade (filled cell, no character)
    institution: str = ""


# ---------------------------------------------------------------- printed labels

_LABELS: dict[str, dict[str, Any]] = {
    "es": {
        "irm": "Mecanismo de Revisión Independiente (MRI)",
        "kinds": {
            "action_plan_review": "Revisión del plan de acción",
            "results_report": "Informe de resultados",
            "progress_report": "Informe de avance",
            "end_of_term_report": "Informe de fin de término",
        },
        "commitment": "Compromiso", "commitments": "Compromisos", "and": "y",
        "verifiable": "Verificable", "lens": "¿Tiene una perspectiva de gobierno abierto?",
        "potential": "Potencial de resultados", "promising": "Compromiso prometedor",
        "completion": "Finalización", "opened": "¿Se avanzó en la apertura del Gobierno?",
        "opened_short": "¿Contribuyó a abrir el gobierno?",
        "clustered_as": "Este compromiso fue agrupado como:",
        "yes": "Sí", "no": "No",
        "potential_levels": {"unclear": "Poco claro", "modest": "Modesto", "substantial": "Sustancial"},
        "completion_levels": {"not_started": "No iniciado", "limited": "Limitado",
                              "substantial": "Sustancial", "complete": "Completo"},
        "opened_levels": {"worsened": "Empeoró", "did_not_change": "No cambió",
                          "marginal": "Marginalmente", "major": "Significativamente",
                          "outstanding": "Excepcionalmente"},
        "specificity_levels": {"none": "Ninguna", "low": "Baja", "medium": "Media", "high": "Alta"},
        "impact_levels": {"none": "Ninguno", "minor": "Menor", "moderate": "Moderado",
                          "transformative": "Transformador"},
        "relevance_full": {
            "access_to_information": "Acceso a la información",
            "civic_participation": "Participación cívica",
            "public_accountability": "Rendición de cuentas",
            "technology_innovation": "Tecnología e innovación para la transparencia y rendición de cuentas",
        },
        "relevance_abbrev": {"access_to_information": "AI", "civic_participation": "PC",
                             "public_accountability": "RC", "technology_innovation": "TI"},
        "groups": {"specificity": "Especificidad",
                   "relevance": "Relevancia a los valores de AGA (como está escrito)",
                   "impact": "Impacto potencial", "completion": "Cumplimiento",
                   "opened": "¿Se avanzó en la apertura del Gobierno?"},
        "overview_title": "Tabla 1. Resumen de los compromisos",
        "overview_first": "Resumen del compromiso",
        "promising_heading": "Sección II: Compromisos prometedores",
        "annex_heading": "Anexo 1. Datos por compromiso",
        "results_heading": "Sección III: Resultados por compromiso",
        "institution": "Institución responsable", "start": "Fecha de inicio", "end": "Fecha de término",
        "text": "Texto del compromiso", "analysis": "Análisis",
        "intro": ("Este informe del MRI revisa el plan de acción y presenta los compromisos con "
                  "mayor potencial para abrir el gobierno. Sus conclusiones buscan orientar la "
                  "implementación durante el periodo del plan."),
        "prose": ("El investigador del MRI revisó la documentación disponible y entrevistó a "
                  "funcionarios y a organizaciones de la sociedad civil sobre la implementación."),
        "country": "Perú",
    },
    "en": {
        "irm": "Independent Reporting Mechanism (IRM)",
        "kinds": {
            "action_plan_review": "Action Plan Review",
            "results_report": "Results Report",
            "progress_report": "Progress Report",
            "end_of_term_report": "End-of-Term Report",
        },
        "commitment": "Commitment", "commitments": "Commitments", "and": "and",
        "verifiable": "Verifiable", "lens": "Does it have an open government lens?",
        "potential": "Potential for results", "promising": "Promising commitment",
        "completion": "Completion", "opened": "Did it open government?",
        "opened_short": "Did it open government?",
        "clustered_as": "This commitment has been clustered as:",
        "yes": "Yes", "no": "No",
        "potential_levels": {"unclear": "Unclear", "modest": "Modest", "substantial": "Substantial"},
        "completion_levels": {"not_started": "Not started", "limited": "Limited",
                              "substantial": "Substantial", "complete": "Complete"},
        "opened_levels": {"worsened": "Worsened", "did_not_change": "Did not change",
                          "marginal": "Marginal", "major": "Major", "outstanding": "Outstanding"},
        "specificity_levels": {"none": "None", "low": "Low", "medium": "Medium", "high": "High"},
        "impact_levels": {"none": "None", "minor": "Minor", "moderate": "Moderate",
                          "transformative": "Transformative"},
        "relevance_full": {
            "access_to_information": "Access to information",
            "civic_participation": "Civic participation",
            "public_accountability": "Public accountability",
            "technology_innovation": "Technology and innovation for transparency and accountability",
        },
        "relevance_abbrev": {"access_to_information": "AI", "civic_participation": "CP",
                             "public_accountability": "PA", "technology_innovation": "TI"},
        "groups": {"specificity": "Specificity", "relevance": "OGP value relevance (as written)",
                   "impact": "Potential impact", "completion": "Completion",
                   "opened": "Did it open government?"},
        "overview_title": "Table 1. Overview of the commitments",
        "overview_first": "Commitment overview",
        "promising_heading": "Section II: Promising commitments",
        "annex_heading": "Annex I. Commitment data",
        "results_heading": "Section III: Results by commitment",
        "institution": "Lead institution", "start": "Start date", "end": "End date",
        "text": "Commitment text", "analysis": "Analysis",
        "intro": ("This IRM report reviews the action plan and presents the commitments with the "
                  "greatest potential to open government, to guide implementation over the "
                  "plan's period."),
        "prose": ("The IRM researcher reviewed the available documents and interviewed officials "
                  "and civil society organisations about implementation."),
        "country": "Peru",
    },
}

_MARKS = {"check": "✔", "tick": "✓", "x": "X", "shade": ""}

# ---------------------------------------------------------------- default item sets

CURRENT_ES: tuple[CurrentItem, ...] = (
    CurrentItem("1", "Portal de datos abiertos de contrataciones públicas", True, True, "substantial",
                promising=True, completion="substantial", opened="major",
                reason="El compromiso obliga a publicar todas las etapas de la contratación en formato abierto."),
    CurrentItem("2", "Fortalecimiento del sistema de trámites en línea", True, False, "unclear",
                completion="complete", opened="did_not_change"),
    CurrentItem("3", "Mesas de diálogo con comunidades indígenas sobre industrias extractivas", True, True,
                "modest", completion="limited", opened="marginal",
                reason="Crea un espacio de consulta sin carácter vinculante."),
    CurrentItem("4", "Registro de beneficiarios finales", True, True, "substantial", promising=True,
                cluster=("4", "5"), completion="substantial", opened="major"),
    CurrentItem("6", "Capacitación a funcionarios en ética pública", False, True, "unclear",
                completion="not_started", opened="did_not_change"),
    CurrentItem("7", "Presupuesto participativo regional con seguimiento ciudadano", True, True, "modest",
                completion="complete", opened="outstanding"),
)

CURRENT_EN: tuple[CurrentItem, ...] = (
    CurrentItem("1", "Open contracting data portal", True, True, "substantial", promising=True,
                completion="complete", opened="major",
                reason="It makes publication of every contracting stage mandatory."),
    CurrentItem("2", "Online procedures system upgrade", True, False, "unclear",
                completion="complete", opened="did_not_change"),
    CurrentItem("3", "Beneficial ownership register", True, True, "substantial", promising=True,
                cluster=("3", "4", "5"), completion="substantial", opened="major"),
    CurrentItem("6", "Citizen monitoring of public works", True, True, "modest",
                completion="limited", opened="marginal"),
)

LEGACY_ES: tuple[LegacyItem, ...] = (
    LegacyItem("1", "Portal de transparencia estándar en municipalidades", "high",
               ("access_to_information", "technology_innovation"), "moderate", "complete",
               opened="major", starred=True, mark="check",
               institution="Secretaría de Gestión Pública"),
    LegacyItem("2", "Ventanilla única de trámites digitales", "medium", (), "none", "substantial",
               opened="did_not_change", mark="x", institution="Secretaría de Gobierno Digital"),
    LegacyItem("3", "Consejos de participación ciudadana en salud", "low", ("civic_participation",),
               "minor", "limited", opened="marginal", mark="shade", institution="Ministerio de Salud"),
    LegacyItem("4", "Declaraciones juradas de intereses publicadas en línea", "high",
               ("access_to_information", "public_accountability"), "transformative", "substantial",
               opened="outstanding", starred=True, mark="shade",
               institution="Contraloría General de la República"),
    LegacyItem("5", "Mecanismo de denuncias ciudadanas con respuesta obligatoria", "medium",
               ("civic_participation", "public_accountability"), "moderate", "not_started",
               opened="did_not_change", mark="tick", institution="Defensoría del Pueblo"),
)

# Four short rows, one for each way a progress report marks a level (a star, an "x", a shaded
# cell, a tick): the smallest legacy review that still shows every kind of mark.
MARKED_ES: tuple[LegacyItem, ...] = (
    LegacyItem("1", "Registro abierto de obras viales en provincias", "high", ("access_to_information",),
               "moderate", "complete", starred=True),
    LegacyItem("2", "Mesas vecinales sobre el presupuesto del agua", "low", ("civic_participation",),
               "minor", "limited", mark="x"),
    LegacyItem("3", "Seguimiento público de compras de hospitales", "medium", ("public_accountability",),
               "transformative", "substantial", mark="shade"),
    LegacyItem("4", "Declaraciones de intereses de jueces en línea", "none",
               ("access_to_information", "technology_and_innovation"), "none", "not_started", mark="tick"),
)

LEGACY_EN: tuple[LegacyItem, ...] = (
    LegacyItem("1", "Standard transparency portal for municipalities", "high",
               ("access_to_information", "technology_innovation"), "transformative", "complete",
               opened="major", starred=True, mark="check", institution="Public Management Secretariat"),
    LegacyItem("2", "Single window for digital procedures", "none", (), "none", "limited",
               opened="did_not_change", mark="x", institution="Digital Government Secretariat"),
    LegacyItem("3", "Citizen health councils", "low", ("civic_participation",), "minor",
               "substantial", opened="marginal", mark="shade", institution="Ministry of Health"),
    LegacyItem("4", "Public asset declarations online", "medium",
               ("access_to_information", "public_accountability"), "moderate", "limited",
               opened="major", mark="tick", institution="Comptroller General"),
)


# ---------------------------------------------------------------- expected values


def expected(items: Iterable[CurrentItem | LegacyItem], kind: str = "action_plan_review") -> list[dict]:
    """The normalised values a correct reader returns for `items` printed as `kind`."""
    _impact_to_ambition = {"none": "unclear", "minor": "modest", "moderate": "substantial",
                           "transformative": "substantial"}
    items = tuple(items)
    shared = _shared_clusters(items)
    out = []
    for it in items:
        if isinstance(it, CurrentItem):
            own = it.cluster in shared  # a member printed on its own, naming its cluster
            for number in (it.number,) if own else it.cluster or (it.number,):  # one row each
                row: dict[str, Any] = {"number": number, "title": it.title, "cluster": list(it.cluster)}
                if kind == "results_report":
                    row.update(completion=it.completion, opened_government=it.opened)
                else:
                    row.update(verifiable=it.verifiable, open_gov_lens=it.lens,
                               potential_results=it.potential, promising=it.promising,
                               ambition=it.potential)
                out.append(row)
            continue
        else:
            row = {"number": it.number, "title": it.title, "specificity": it.specificity,
                   "relevance": {c: c in it.relevance for c in _RELEVANCE_ORDER},
                   "potential_impact": it.impact, "completion": it.completion,
                   "starred": it.starred, "ambition": _impact_to_ambition[it.impact], "cluster": []}
            if kind == "end_of_term_report":
                row["opened_government"] = it.opened
        out.append(row)
    return out


def _shared_clusters(items: Iterable[CurrentItem | LegacyItem]) -> set[tuple[str, ...]]:
    """Clusters that more than one item belongs to: each such item is printed on its own."""
    seen: dict[tuple[str, ...], int] = {}
    for it in items:
        if isinstance(it, CurrentItem) and it.cluster:
            seen[it.cluster] = seen.get(it.cluster, 0) + 1
    return {c for c, n in seen.items() if n > 1}


_RELEVANCE_ORDER = ("access_to_information", "civic_participation", "public_accountability",
                    "technology_innovation")


# ---------------------------------------------------------------- drawing helpers


def _font_dir() -> str:
    import matplotlib

    return os.path.join(matplotlib.get_data_path(), "fonts", "ttf")


def _new_pdf(running: str, orientation: str = "P"):
    from fpdf import FPDF

    class _ReportPDF(FPDF):
        def header(self) -> None:  # a running header, as real reports have
            self.set_font("DejaVu", "", 7)
            self.set_xy(self.l_margin, 6)
            self.cell(0, 4, running)
            self.set_y(16)

        def footer(self) -> None:
            self.set_font("DejaVu", "", 7)
            self.set_y(-12)
            self.cell(0, 4, str(self.page_no()), align="C")

    pdf = _ReportPDF(orientation=orientation, format="A4")
    fonts = _font_dir()
    pdf.add_font("DejaVu", "", os.path.join(fonts, "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", os.path.join(fonts, "DejaVuSans-Bold.ttf"))
    pdf.set_margins(15, 16, 15)
    pdf.set_auto_page_break(True, margin=18)
    return pdf


def _para(pdf, text: str, size: float = 10, bold: bool = False) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def _cover(pdf, lab: dict, kind: str, country: str, period: str) -> None:
    pdf.add_page()
    _para(pdf, lab["irm"], 12, bold=True)
    pdf.ln(4)
    _para(pdf, f"{lab['kinds'][kind]}: {country} {period}", 18, bold=True)
    pdf.ln(4)
    _para(pdf, lab["intro"])


def _numbers_phrase(numbers: Sequence[str], lab: dict) -> str:
    if len(numbers) == 1:
        return numbers[0]
    return ", ".join(numbers[:-1]) + f" {lab['and']} {numbers[-1]}"


def _heading(item: CurrentItem, lab: dict, language: str, shared: AbstractSet[tuple[str, ...]] = frozenset()) -> str:
    if item.cluster in shared:
        return f"{lab['commitment']} {item.number}: {item.title}"
    if item.cluster and language == "en":
        return f"Cluster: {item.title} ({lab['commitments']} {_numbers_phrase(item.cluster, lab)})"
    if item.cluster:
        return f"{lab['commitments']} {_numbers_phrase(item.cluster, lab)}: {item.title}"
    return f"{lab['commitment']} {item.number}: {item.title}"


# ---------------------------------------------------------------- current reports


def write_action_plan_review(path: str | Path, items: Sequence[CurrentItem] | None = None, *,
                             language: str = "es", country: str | None = None,
                             period: str = "2023–2025", promising_line: bool = True,
                             boxes: bool = False) -> list[dict]:
    """Draw an Action Plan Review (promising section + annex of key–value blocks).

    With `promising_line=False` the annex omits "Compromiso prometedor: …", so only the
    promising-commitments section says which ones are promising. With `boxes=True` each
    commitment's ratings stand in a framed summary box (one cell, one line per rating).
    Items sharing a cluster are printed each under its own heading with a line naming the
    cluster ("This commitment has been clustered as: … (Commitments 4 and 5)").
    Returns `expected(items)`.
    """
    items = tuple(items if items is not None else (CURRENT_ES if language == "es" else CURRENT_EN))
    lab = _LABELS[language]
    country = country or lab["country"]
    pdf = _new_pdf(f"{lab['kinds']['action_plan_review']} | {country} {period}")
    _cover(pdf, lab, "action_plan_review", country, period)
    _para(pdf, lab["promising_heading"], 13, bold=True)
    for it in items:
        if it.promising:
            _para(pdf, _heading(it, lab, language, _shared_clusters(items)), 11, bold=True)
            _para(pdf, lab["prose"])
    pdf.add_page()
    _para(pdf, lab["annex_heading"], 13, bold=True)
    shared = _shared_clusters(items)
    for it in items:
        _para(pdf, _heading(it, lab, language, shared), 11, bold=True)
        yes, no = lab["yes"], lab["no"]
        potential = lab["potential_levels"][it.potential]
        if it.reason:
            potential += f". {it.reason}"
        lines = [f"• {lab['verifiable']}: {yes if it.verifiable else no}",
                 f"• {lab['lens']} {yes if it.lens else no}"]
        if it.cluster in shared:
            name = next(i.title for i in items if i.cluster == it.cluster)
            lines.append(f"• {lab['clustered_as']} {name} "
                         f"({lab['commitments'].lower()} {_numbers_phrase(it.cluster, lab)})")
        lines += [f"• {lab['potential']}: {potential}",
                  f"• {lab['promising']}: {yes if it.promising else no}"]
        lines = [ln for ln in lines if promising_line or lab["promising"] not in ln]
        if boxes:  # a framed box, as Word draws it: a title row over one cell of lines
            pdf.set_font("DejaVu", "", 10)
            with pdf.table(col_widths=(180,), first_row_as_headings=False, line_height=5) as box:
                box.row().cell(lab["overview_first"])
                box.row().cell("\n".join(lines))
            pdf.ln(2)
        else:
            for line in lines:
                _para(pdf, line)
        _para(pdf, lab["prose"])
        pdf.ln(2)
    _save(pdf, path)
    return expected(items, "action_plan_review")


def write_results_report(path: str | Path, items: Sequence[CurrentItem] | None = None, *,
                         language: str = "es", country: str | None = None,
                         period: str = "2020–2021", layout: str = "blocks",
                         short_question: bool = False) -> list[dict]:
    """Draw a Results Report with completion and "did it open government" per commitment.

    `layout="blocks"` prints a heading and key–value lines per commitment; `"table"` prints
    only a summary table (commitment | completion | did it open government).
    `short_question` asks "¿Contribuyó a abrir el gobierno?" instead of the longer form.
    """
    items = tuple(items if items is not None else (CURRENT_ES if language == "es" else CURRENT_EN))
    lab = dict(_LABELS[language])
    if short_question:
        lab["opened"] = lab["opened_short"]
    country = country or lab["country"]
    pdf = _new_pdf(f"{lab['kinds']['results_report']} | {country} {period}")
    _cover(pdf, lab, "results_report", country, period)
    _para(pdf, lab["results_heading"], 13, bold=True)
    if layout == "table":
        pdf.set_font("DejaVu", "", 9)
        with pdf.table(col_widths=(100, 35, 45), first_row_as_headings=True, line_height=5) as table:
            head = table.row()
            for text in (lab["commitment"], lab["completion"], lab["opened"]):
                head.cell(text)
            for it in items:
                row = table.row()
                label = (f"{lab['commitments']} {_numbers_phrase(it.cluster, lab)}: {it.title}"
                         if it.cluster else f"{it.number}. {it.title}")
                row.cell(label)
                row.cell(lab["completion_levels"][it.completion])
                row.cell(lab["opened_levels"][it.opened])
        _save(pdf, path)
        return expected(items, "results_report")
    for it in items:
        _para(pdf, _heading(it, lab, language, _shared_clusters(items)), 11, bold=True)
        _para(pdf, f"{lab['completion']}: {lab['completion_levels'][it.completion]}")
        _para(pdf, f"{lab['opened']} {lab['opened_levels'][it.opened]}")
        _para(pdf, lab["prose"])
        pdf.ln(2)
    _save(pdf, path)
    return expected(items, "results_report")


# ---------------------------------------------------------------- older reports


def _legacy_columns(lab: dict, kind: str, relevance: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Groups of (group label, [(level code, printed sub-label)])."""
    rel = lab["relevance_abbrev" if relevance == "abbrev" else "relevance_full"]
    groups = [
        ("specificity", list(lab["specificity_levels"].items())),
        ("relevance", [(c, rel[c]) for c in _RELEVANCE_ORDER]),
        ("impact", list(lab["impact_levels"].items())),
        ("completion", list(lab["completion_levels"].items())),
    ]
    if kind == "end_of_term_report":
        groups.append(("opened", list(lab["opened_levels"].items())))
    return [(lab["groups"][g], cols) for g, cols in groups]


def _chosen(item: LegacyItem, group_index: int, code: str, kind: str) -> bool:
    values = [item.specificity, None, item.impact, item.completion, item.opened]
    if group_index == 1:
        return code in item.relevance
    return values[group_index] == code


def _draw_cell(pdf, x: float, y: float, w: float, h: float, text: str, *, size: float,
               fill: bool = False, bold: bool = False, align: str = "C") -> None:
    pdf.rect(x, y, w, h, style="FD" if fill else "D")
    if text:
        pdf.set_font("DejaVu", "B" if bold else "", size)
        pdf.set_xy(x + 0.4, y + 0.6)
        pdf.multi_cell(w - 0.8, size * 0.42, text, align=align)


def _cell_lines(pdf, w: float, text: str, size: float, bold: bool = False) -> int:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    return max(1, len(pdf.multi_cell(w - 0.8, size * 0.42, text, dry_run=True, output="LINES")))


_TURNED_MAX = 26.0  # mm: longest line of a turned header label before it wraps


def _draw_turned(pdf, x: float, y: float, w: float, h: float, lines: Sequence[str], size: float,
                 direction: str = "btt") -> None:
    """A cell whose label is printed turned a quarter: anticlockwise, read bottom to top
    ("btt", lines following to the right), or clockwise, read top to bottom ("ttb", lines
    following to the left)."""
    pdf.rect(x, y, w, h)
    pdf.set_font("DejaVu", "", size)
    lh = size * 0.42
    left = x + (w - lh * len(lines)) / 2
    for i, line in enumerate(lines):
        if direction == "btt":
            bx, by, angle = left + lh * (i + 1) - 0.4, y + h - 1.2, 90
        else:
            bx, by, angle = x + w - (w - lh * len(lines)) / 2 - lh * (i + 1) + 0.4, y + 1.2, -90
        with pdf.rotation(angle, bx, by):
            pdf.text(bx, by, line)


def _label_lines(pdf, w: float, text: str, size: float) -> list[str]:
    pdf.set_font("DejaVu", "", size)
    return [str(x) for x in pdf.multi_cell(w, size * 0.42, text, dry_run=True, output="LINES")]


def _tick_table(pdf, lab: dict, items: Sequence[LegacyItem], kind: str, relevance: str, *,
                first_w: float, col_w: float, first_label: str, row_label, repeat_header: bool,
                rows_per_page: int | None, turned: bool | str = False,
                themes: Mapping[int, str] | None = None, split_row: int | None = None,
                cut_header: bool = False) -> None:
    """Draw a grouped tick table. `turned` prints the level labels bottom to top; `themes`
    puts a theme row spanning the table before the item at that index; `split_row` cuts that
    item's row over a page break (label lines shared out, ticks on the first part);
    `cut_header` cuts the level-label row itself over a page break."""
    groups = _legacy_columns(lab, kind, relevance)
    size = 5.0
    lh = size * 0.42
    themes = themes or {}

    def header(cut: bool = False) -> None:
        x0, y = pdf.l_margin, pdf.get_y()
        h1 = max(_cell_lines(pdf, col_w * len(cols), g, size, bold=True) for g, cols in groups) * lh + 1.5
        sub = [label for _, cols in groups for _, label in cols]
        if turned:
            split = [_label_lines(pdf, _TURNED_MAX, s, size) for s in sub]
            pdf.set_font("DejaVu", "", size)
            h2 = max(pdf.get_string_width(line) for lines in split for line in lines) + 3
        else:
            split = [_label_lines(pdf, col_w - 0.8, s, size) for s in sub]
            h2 = max(len(lines) for lines in split) * lh + 1.5
        h2 = max(h2, _cell_lines(pdf, first_w, first_label, size + 1, bold=True) * (size + 1) * 0.42 + 1.5 - h1)
        h_cut = lh + 1.5 if cut else h2  # the part of the level row left on this page
        pdf.set_fill_color(235, 235, 235)
        _draw_cell(pdf, x0, y, first_w, h1 + h_cut, first_label, size=size + 1, bold=True)
        x = x0 + first_w
        k = 0
        for g, cols in groups:
            _draw_cell(pdf, x, y, col_w * len(cols), h1, g, size=size, bold=True)
            for _ in cols:
                if turned:
                    _draw_turned(pdf, x, y + h1, col_w, h_cut, split[k], size,
                                 turned if isinstance(turned, str) else "btt")
                else:
                    _draw_cell(pdf, x, y + h1, col_w, h_cut, "\n".join(split[k][:1] if cut else split[k]),
                               size=size)
                x += col_w
                k += 1
        pdf.set_y(y + h1 + h_cut)
        if not cut:
            return
        pdf.add_page(orientation=pdf.cur_orientation)  # the break falls inside the level row: its other lines go on overleaf
        y = pdf.get_y()
        rest = max(len(lines) for lines in split) * lh + 1.5 - h_cut
        pdf.rect(x0, y, first_w, rest)
        x = x0 + first_w
        for lines in split:
            _draw_cell(pdf, x, y, col_w, rest, "\n".join(lines[1:]), size=size)
            x += col_w
        pdf.set_y(y + rest)

    def row(label: str, h: float, it: LegacyItem, ticks: bool) -> None:
        x, y = pdf.l_margin, pdf.get_y()
        _draw_cell(pdf, x, y, first_w, h, label, size=size + 1, align="L")
        x += first_w
        mark = _MARKS[it.mark]
        pdf.set_fill_color(150, 150, 150)
        for gi, (_, cols) in enumerate(groups):
            for code, _ in cols:
                on = ticks and _chosen(it, gi, code, kind)
                _draw_cell(pdf, x, y, col_w, h, mark if on else "", size=7,
                           fill=on and it.mark == "shade")
                x += col_w
        pdf.set_y(y + h)

    def new_page() -> None:
        pdf.add_page(orientation=pdf.cur_orientation)  # the table goes on in the page's direction
        if repeat_header:
            header()

    header(cut_header)
    shown = 0
    for i, it in enumerate(items):
        if i in themes:
            x, y = pdf.l_margin, pdf.get_y()
            _draw_cell(pdf, x, y, first_w + col_w * sum(len(c) for _, c in groups), 6, themes[i],
                       size=size + 1, bold=True, align="L")
            pdf.set_y(y + 6)
        label = row_label(it)
        h = max(9.0, _cell_lines(pdf, first_w, label, size + 1) * (size + 1) * 0.42 + 2)
        if i == split_row:
            lines = _label_lines(pdf, first_w - 0.8, label, size + 1)
            half = max(1, len(lines) // 2)
            row("\n".join(lines[:half]), max(9.0, half * (size + 1) * 0.42 + 2), it, True)
            new_page()
            shown = 0
            row("\n".join(lines[half:]), max(4.0, (len(lines) - half) * (size + 1) * 0.42 + 2), it, False)
            shown += 1
            continue
        if (rows_per_page and shown == rows_per_page) or pdf.get_y() + h > pdf.h - 20:
            new_page()
            shown = 0
        row(label, h, it, True)
        shown += 1


def write_progress_report(path: str | Path, items: Sequence[LegacyItem] | None = None, *,
                          language: str = "es", kind: str = "progress_report",
                          country: str | None = None, period: str = "2015–2016",
                          relevance: str | None = None, rows_per_page: int | None = None,
                          repeat_header: bool = True, overview: bool = True, turned: bool | str = False,
                          themes: Mapping[int, str] | None = None, split_row: int | None = None,
                          numbered_sections: bool = False, star_at_end: bool = False,
                          cut_header_in: str | None = None, split_heading: bool = False) -> list[dict]:
    """Draw an older progress (or end-of-term) report: overview tick table and sections.

    `relevance` is "abbrev" (AI/PC/RC/TI) or "full" column names (default: full in Spanish,
    abbreviations in English). `rows_per_page` forces the overview table across a page
    break; `repeat_header=False` continues it on the next page without its header rows.
    `overview=False` leaves only the sections; `turned` (True or "btt" bottom to top, "ttb"
    top to bottom), `themes` and `split_row` shape the overview table (see `_tick_table`). `numbered_sections` heads sections "3. Title" instead
    of "Compromiso 3. Title"; `star_at_end` prints ✪ after the title (on its last line when
    the title wraps); `cut_header_in` names the commitment whose section table is cut by a
    page break inside its header row; `split_heading` prints "Compromiso 3" on a line of its
    own above the title.
    """
    items = tuple(items if items is not None else (LEGACY_ES if language == "es" else LEGACY_EN))
    lab = _LABELS[language]
    country = country or lab["country"]
    relevance = relevance or ("full" if language == "es" else "abbrev")
    pdf = _new_pdf(f"{lab['kinds'][kind]} | {country} {period}")
    _cover(pdf, lab, kind, country, period)
    _para(pdf, lab["prose"])
    ncols = 16 + (5 if kind == "end_of_term_report" else 0)
    if overview:
        pdf.add_page(orientation="L")
        _para(pdf, lab["overview_title"], 11, bold=True)

        def overview_label(it: LegacyItem) -> str:
            return f"{'✪ ' if it.starred else ''}{it.number}. {it.title}"

        _tick_table(pdf, lab, items, kind, relevance, first_w=62, col_w=(297 - 30 - 62) / ncols,
                    first_label=lab["overview_first"], row_label=overview_label,
                    repeat_header=repeat_header, rows_per_page=rows_per_page, turned=turned,
                    themes=themes, split_row=split_row)
    for it in items:
        pdf.add_page(orientation="P")
        star = "★" if it.starred and language == "en" else ("✪" if it.starred else "")
        head = f"{it.number}. {it.title}" if numbered_sections else f"{lab['commitment']} {it.number}. {it.title}"
        head = f"{head} {star}" if star and star_at_end else f"{star} {head}" if star else head
        if split_heading:
            pdf.set_font("DejaVu", "B", 12)
            pdf.cell(0, 6, f"{lab['commitment']} {it.number}", new_x="LMARGIN", new_y="NEXT")
            head = f"{it.title} {star}".strip()
        _para(pdf, head, 12, bold=True)
        _para(pdf, f"{lab['text']}:", 10, bold=True)
        _para(pdf, f"«{it.title}: {lab['prose']}»")
        _para(pdf, f"{lab['institution']}: {it.institution or '—'}")
        _para(pdf, f"{lab['start']}: 2015   {lab['end']}: 2016")
        _tick_table(pdf, lab, [it], kind, "abbrev", first_w=26, col_w=(210 - 30 - 26) / ncols,
                    first_label=lab["overview_first"], row_label=lambda i: lab["commitment"] + f" {i.number}",
                    repeat_header=True, rows_per_page=None, cut_header=it.number == cut_header_in)
        pdf.ln(3)
        _para(pdf, lab["analysis"], 11, bold=True)
        _para(pdf, lab["prose"])
    _save(pdf, path)
    return expected(items, kind)


def _save(pdf, path: str | Path) -> None:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(p))


__all__ = [
    "CurrentItem", "LegacyItem", "CURRENT_ES", "CURRENT_EN", "LEGACY_ES", "LEGACY_EN", "MARKED_ES", "expected",
    "write_action_plan_review", "write_results_report", "write_progress_report",
]
