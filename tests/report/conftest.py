"""Fixtures for the report tests: assessments with known evidence, one of them hostile."""

from __future__ import annotations

import pytest

from ambicion.model import Commitment, Milestone
from ambicion.testing.studies import keyword_judge

HOSTILE_TITLE = '=HYPERLINK("x","y") <script>alert(1)</script>'


@pytest.fixture(scope="session")
def forum_assessments():
    commitments = [
        Commitment(id="draft#1", number="1", title="Registro de beneficiarios finales",
                   what="Aprobar mediante decreto supremo un registro público de beneficiarios "
                        "finales y publicar los datos.",
                   milestones=(Milestone("Decreto aprobado", "Enero 2024", "Junio 2024"),)),
        Commitment(id="draft#2", number="2", title=HOSTILE_TITLE,
                   what="Implementar una plataforma digital <b>segura</b> & rápida.\n"
                        "@SUM(A1:A3) -2+3"),
        Commitment(id="draft#3", number="3", title="Capacitación continua",
                   what="Continuar con las capacitaciones en el marco de sus funciones.",
                   milestones=(Milestone("Talleres", "Marzo 2024", "Mayo 2024"),)),
    ]
    return keyword_judge(commitments)
