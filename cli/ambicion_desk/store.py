"""The desk's memory: rounds, their screened proposals and the forum's decisions, in SQLite.

Why SQLite from the standard library: one file in the user's data folder, safe against a
crash mid-write (every change is one transaction), readable with any SQLite tool, and no
server to install. Each call opens its own short connection, so request threads never
share one. Assessments are stored as the library's own JSON (`Assessment.to_dict`).
"""

from __future__ import annotations

import contextlib
import json
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Sequence

from ambicion.model import Assessment, Commitment

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rounds (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created TEXT NOT NULL,
    last_number INTEGER NOT NULL DEFAULT 0  -- numbers are never reused, even after a removal
);
CREATE TABLE IF NOT EXISTS proposals (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    source TEXT NOT NULL,
    assessment TEXT NOT NULL,
    commitment TEXT,
    decision TEXT,
    answer TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    UNIQUE (round_id, number)
);
"""


@dataclass(frozen=True)
class Round:
    id: int
    name: str
    created: str
    proposals: int = 0
    decided: int = 0


@dataclass(frozen=True)
class Proposal:
    """One screened commitment of a round; `number` is how the forum calls it ("Propuesta 3")."""

    id: int
    round_id: int
    number: int
    source: str
    assessment: Assessment
    commitment: Commitment | None
    decision: str | None
    answer: str
    updated: str


class Store:
    """All reads and writes of the desk's database file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(SCHEMA)
            _add_missing_columns(db)
            db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            db.execute("INSERT OR IGNORE INTO meta VALUES ('secret', ?)", (secrets.token_hex(32),))

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=15)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys = ON")
        try:
            with db:  # one transaction: committed on success, rolled back on error
                yield db
        finally:
            db.close()

    def secret(self) -> str:
        """A random value kept with the data, from which form tokens are derived."""
        with self._connect() as db:
            return db.execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()[0]

    # ------------------------------------------------------------ rounds

    def create_round(self, name: str) -> int:
        with self._connect() as db:
            cur = db.execute("INSERT INTO rounds (name, created) VALUES (?, ?)", (name, _now()))
            if cur.lastrowid is None:  # sqlite gives the new row's id after every INSERT
                raise RuntimeError("the new round has no row id")
            return cur.lastrowid

    def rounds(self) -> list[Round]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT r.id, r.name, r.created, COUNT(p.id) AS proposals, "
                "COUNT(p.decision) AS decided FROM rounds r "
                "LEFT JOIN proposals p ON p.round_id = r.id GROUP BY r.id ORDER BY r.id DESC"
            ).fetchall()
        return [Round(**dict(r)) for r in rows]

    def round(self, round_id: int) -> Round | None:
        return next((r for r in self.rounds() if r.id == round_id), None)

    # ------------------------------------------------------------ proposals

    def add_proposals(self, round_id: int,
                      items: Sequence[tuple[str, Assessment, Commitment | None]]) -> list[int]:
        """Append (source, assessment, commitment) to a round, numbered after the last number given.

        The commitment (optional) keeps the draft's fields, milestones and institution, which
        the written feedback shows under their own headings.
        """
        now = _now()
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")  # no other writer may take the same numbers meanwhile
            last = db.execute("SELECT last_number FROM rounds WHERE id = ?",
                              (round_id,)).fetchone()[0]
            numbers = []
            for k, (source, a, c) in enumerate(items, 1):
                db.execute(
                    "INSERT INTO proposals (round_id, number, source, assessment, commitment,"
                    " created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (round_id, last + k, source, _json(a), _json(c) if c else None, now, now))
                numbers.append(last + k)
            db.execute("UPDATE rounds SET last_number = ? WHERE id = ?",
                       (last + len(numbers), round_id))
        return numbers

    def proposals(self, round_id: int) -> list[Proposal]:
        with self._connect() as db:
            rows = db.execute("SELECT * FROM proposals WHERE round_id = ? ORDER BY number",
                              (round_id,)).fetchall()
        return [_proposal(r) for r in rows]

    def proposal(self, round_id: int, number: int) -> Proposal | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM proposals WHERE round_id = ? AND number = ?",
                             (round_id, number)).fetchone()
        return _proposal(row) if row else None

    def decide(self, round_id: int, number: int, decision: str | None, answer: str) -> bool:
        """Record the forum's decision and answer; False when there is no such proposal."""
        with self._connect() as db:
            cur = db.execute(
                "UPDATE proposals SET decision = ?, answer = ?, updated = ? "
                "WHERE round_id = ? AND number = ?", (decision, answer, _now(), round_id, number))
            return cur.rowcount == 1

    def remove(self, round_id: int, number: int) -> bool:
        """Take a proposal out of a round (e.g. a file uploaded by mistake); its number is not reused."""
        with self._connect() as db:
            cur = db.execute("DELETE FROM proposals WHERE round_id = ? AND number = ?",
                             (round_id, number))
            return cur.rowcount == 1


def _proposal(row: sqlite3.Row) -> Proposal:
    return Proposal(id=row["id"], round_id=row["round_id"], number=row["number"],
                    source=row["source"],
                    assessment=Assessment.from_dict(json.loads(row["assessment"])),
                    commitment=(Commitment.from_dict(json.loads(row["commitment"]))
                                if row["commitment"] else None),
                    decision=row["decision"], answer=row["answer"], updated=row["updated"])


def _json(record: Assessment | Commitment) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False)


def _add_missing_columns(db: sqlite3.Connection) -> None:
    """Bring a database made by an earlier version up to this schema (columns only ever added)."""
    have = {row[1] for row in db.execute("PRAGMA table_info(proposals)")}
    if "commitment" not in have:
        db.execute("ALTER TABLE proposals ADD COLUMN commitment TEXT")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
