"""Helpers for tests, examples and benchmarks: synthetic action-plan documents.

Nothing here is used by the library itself. The PDF writers need fpdf2, which is part of the
`test` and `bench` extras (`pip install -e '.[test]'`); it is imported only when a writer runs.
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
