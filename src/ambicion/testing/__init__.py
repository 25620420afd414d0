"""Synthetic action plans, drafts and IRM reviews: try ambicion without real files.

A public module, like `sklearn.datasets`: the documents are invented (in the register of real
plans, of mixed quality on purpose) and written deterministically, so a batch, a tutorial or a
test can run anywhere. The library itself never uses it. The PDF writers need fpdf2 (the
`test` extra: `pip install 'ambicion[test]'`); it is imported only when a writer runs.

Try a whole study — plans that differ across members and periods, each with its review::

    import ambicion
    from ambicion.testing import write_plans

    if __name__ == "__main__":
        written = write_plans("plans/", members=("Perú", "Chile"), periods=("2019-2021", "2021-2023"))
        study = ambicion.analyze(["plans/"], jobs=2)
        print(study.summary[["plan", "commitments", "share_ambition_substantial"]])

Write single documents::

    from ambicion.testing import PlanMeta, SampleCommitment, write_prose_plan, write_template_plan
    from ambicion.testing.samples import COMMITMENTS_ES, META_ES

    write_template_plan("plan.pdf", META_ES, COMMITMENTS_ES)             # OGP template tables
    write_prose_plan("prosa.pdf", META_ES, COMMITMENTS_ES[:3],          # numbered prose
                     heading="{number}. {title}")
    write_template_plan("one.pdf", PlanMeta(period="2020-2021"), [
        SampleCommitment(number=1, title="Datos abiertos", institution="MEF",
                         what="Publicar los datos.\\fContinúa en la página siguiente.",
                         milestones=[("Publicación", "enero 2024", "junio 2024")]),
    ])

A form feed ("\\f") inside a field forces the row to continue on the next page, with the
label cell left empty (`split_label="empty"`) or repeated (`"repeat"`). Plain dicts with the
same keys as SampleCommitment work too. `ambicion.testing.samples` holds ready-made Spanish
and English commitments; `ambicion.testing.reviews` writes IRM reviews of both generations
(`write_action_plan_review`, `write_results_report`, `write_progress_report`), and
`ambicion.testing.review_docx` writes older reports as Word files (`write_progress_report_docx`,
`write_section_report_docx`), exported to PDF by LibreOffice where it is installed (`docx_to_pdf`).

Each writer returns the path written (or, for reviews, the ratings it printed), so a result
can be checked against what was written.
"""

from .plans import (
    PlanMeta,
    SampleCommitment,
    write_draft_docx,
    write_prose_plan,
    write_template_plan,
)
from .studies import MEMBERS, PERIODS, WrittenPlan, write_plans

__all__ = ["PlanMeta", "SampleCommitment", "write_template_plan", "write_prose_plan",
           "write_draft_docx", "write_plans", "WrittenPlan", "MEMBERS", "PERIODS"]
