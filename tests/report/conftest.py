"""Fixtures for the report tests: proposals with known evidence, one of them hostile."""

from __future__ import annotations

import pytest

from ambicion.model import Commitment, Milestone
from ambicion.report.cards import Proposal
from ambicion.testing.studies import keyword_judge

HOSTILE_TITLE = '=HYPERLINK("x","y") <script>alert(1)</script>'


@pytest.fixture(scope="session")
def forum_commitments():
    return [
        Commitment(id="borrador_foro_B#1", number="1", title="Registro de beneficiarios finales",
                   institutions=("Ministerio de Justicia",),
                   what="Aprobar mediante decreto supremo un registro público de beneficiarios "
                        "finales y publicar los datos.",
                   milestones=(Milestone("Decreto aprobado", "Enero 2024", "Junio 2024"),
                               Milestone("Datos publicados", "Julio 2024", "Diciembre 2024"))),
        Commitment(id="borrador_foro_B#2", number="2", title=HOSTILE_TITLE,
                   what="Implementar una plataforma digital <b>segura</b> & rápida.\n"
                        "@SUM(A1:A3) -2+3"),
        Commitment(id="borrador_foro_B#3", number="3", title="Capacitación continua",
                   what="Continuar con las capacitaciones en el marco de sus funciones.",
                   milestones=(Milestone("Talleres", "Marzo 2024", "Mayo 2024"),)),
    ]


@pytest.fixture(scope="session")
def forum_assessments(forum_commitments):
    return keyword_judge(forum_commitments)


@pytest.fixture(scope="session")
def forum_proposals(forum_commitments, forum_assessments):
    return [Proposal(a, c, "drafts/borrador_foro_B.docx")
            for a, c in zip(forum_assessments, forum_commitments)]
