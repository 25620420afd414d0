"""Helpers for tests, examples and benchmarks: synthetic action-plan documents.

Nothing here is used by the library itself. The PDF writers need fpdf2, which is part of the
`test` and `bench` extras (`pip install -e '.[test]'`); it is imported only when a writer runs.

Example::

    from ambicion.testing import PlanMeta, SampleCommitment, write_template_plan
    from ambicion.testing.samples import COMMITMENTS_ES, META_ES

    write_template_plan("plan.pdf", META_ES, COMMITMENTS_ES)             # OGP template tables
    write_prose_plan("prosa.pdf", META_ES, COMMITMENTS_ES[:3],          # numbered prose
                     heading="{number}. {title}")
    write_template_plan("one.pdf", PlanMeta(period="2020-2021"), [
        SampleCommitment(number=1, title="Datos abiertos", institution="MEF",
                         what="Publicar los datos.\fContinúa en la página siguiente.",
                         milestones=[("Publicación", "enero 2024", "junio 2024")]),
    ])

A form feed ("\f") inside a field forces the row to continue on the next page, with the
label cell left empty (`split_label="empty"`) or repeated (`"repeat"`). Plain dicts with the
same keys as SampleCommitment work too. `ambicion.testing.samples` holds ready-made Spanish
and English commitments of mixed quality.
"""

from .plans import (
    PlanMeta,
    SampleCommitment,
    write_draft_docx,
    write_prose_plan,
    write_template_plan,
)

__all__ = ["PlanMeta", "SampleCommitment", "write_template_plan", "write_prose_plan",
           "write_draft_docx"]
