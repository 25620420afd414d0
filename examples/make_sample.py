"""Regenerate the bundled examples: a Spanish action plan in the OGP template and a forum draft.

    python examples/make_sample.py

Writes, beside this script:
- plan_de_accion_muestra.pdf — nine invented commitments of mixed quality, one table that
  runs across a page break, milestones with dates, repeated header and footer;
- borrador.docx — the forum draft of borrador.txt, as template tables in Word.
Needs fpdf2 (`pip install -e '.[test]'`). The PDF is byte-for-byte reproducible.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ambicion.testing import SampleCommitment, write_draft_docx, write_template_plan
from ambicion.testing.samples import COMMITMENTS_ES, META_ES

HERE = Path(__file__).resolve().parent

DRAFT = (
    SampleCommitment(
        number=1,
        title="Mesas de diálogo con respuesta obligatoria sobre la calidad del agua",
        institution="Superintendencia Nacional de Servicios de Saneamiento (SUNASS)",
        problem="Las comunidades no reciben información sobre la calidad del agua ni respuesta "
                "a sus reclamos.",
        what="Publicar mensualmente los resultados del monitoreo de calidad del agua por "
             "localidad y crear mesas de diálogo trimestrales en las que la empresa prestadora "
             "deba responder por escrito a cada reclamo planteado.",
        milestones=(
            ("Publicación del primer reporte de monitoreo", "Marzo 2024", "Abril 2024"),
            ("Primera mesa de diálogo con actas públicas", "Mayo 2024", "Junio 2024"),
        ),
    ),
    SampleCommitment(
        number=2,
        title="Ventanilla digital de trámites de saneamiento",
        institution="Ministerio de Vivienda, Construcción y Saneamiento",
        what="Implementar una ventanilla digital para solicitar conexiones de agua y desagüe "
             "en línea.",
        milestones=(("Ventanilla digital en funcionamiento", "Enero 2024", "Diciembre 2024"),),
    ),
)


def main() -> None:
    # tables break across pages where the page ends (no forced breaks, unlike the tests)
    commitments = [replace(c, what=c.what.replace("\f", " ")) for c in COMMITMENTS_ES]
    pdf = write_template_plan(
        HERE / "plan_de_accion_muestra.pdf", META_ES, commitments,
        header="V Plan de Acción de Gobierno Abierto del Perú 2023-2025",
        footer="Página {page} de {pages}",
    )
    docx = write_draft_docx(HERE / "borrador.docx", DRAFT,
                            intro="Borrador de compromisos presentado al Foro Multiactor.")
    print(f"wrote {pdf.name} and {docx.name}")


if __name__ == "__main__":
    main()
